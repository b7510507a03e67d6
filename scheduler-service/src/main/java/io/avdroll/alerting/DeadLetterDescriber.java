package io.avdroll.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.bus.DeadLetteredMessage;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns a dead-lettered message into an alert naming its rollout, pool, host and stage. The body may be exactly
 * what could not be read (that is often why it was dead-lettered), so the fields are taken leniently from whatever
 * JSON there is; the stage is the event type, else the message subject, else the entity's topic.
 */
public final class DeadLetterDescriber {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterDescriber() {
    }

    public static Alert describe(DeadLetteredMessage message, Instant now) {
        Optional<JsonNode> body = parse(message.bodyText());
        String rollout = text(body, "rolloutId").orElse("");
        String pool = text(body, "hostPool").orElse("");
        Optional<String> host = text(body, "host");
        String stage = text(body, "type").or(message::subject).orElseGet(() -> topicOf(message.entityPath()));
        String where = pool.isEmpty() ? "" : " pool " + pool;
        String text = "dead-lettered on " + message.entityPath() + ": " + stage
                + (rollout.isEmpty() ? "" : " of rollout " + rollout) + where + host.map(h -> " host " + h).orElse("")
                + " — " + message.reason() + (message.description().isBlank() ? "" : ": " + message.description())
                + " (message " + message.messageId() + ", dead-letter sequence " + message.sequenceNumber() + ")";
        return new Alert(AlertKind.DEAD_LETTERED, message.entityPath() + "#" + message.sequenceNumber(), rollout, pool, host,
                stage, message.reason() + (message.description().isBlank() ? "" : ": " + message.description()), text, now);
    }

    private static Optional<JsonNode> parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(Optional<JsonNode> body, String field) {
        return body.map(b -> b.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isBlank());
    }

    private static String topicOf(String entityPath) {
        int cut = entityPath.indexOf("/subscriptions/");
        return cut < 0 ? entityPath : entityPath.substring(0, cut);
    }
}
