package io.avdroll.bus.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import io.avdroll.bus.TraceContext;
import io.avdroll.events.Event;
import io.avdroll.events.MessageIds;

import java.util.Map;
import java.util.Optional;

/** How events sit in Service Bus messages: body, ids, subject and application properties. */
final class MessageMapping {

    static final String CONTENT_TYPE = "application/json";
    /** How many delayed retries led to this copy (absent on the original). */
    static final String RETRIES = "avdroll-retries";
    /** On a retry copy sent to a topic: the only subscription that should handle it. */
    static final String RETRY_FOR = "avdroll-retry-for";
    static final String SCHEMA_VERSION = "avdroll-schema-version";

    private MessageMapping() {
    }

    static ServiceBusMessage toMessage(Event event, byte[] body, TraceContext trace) {
        ServiceBusMessage message = new ServiceBusMessage(body);
        message.setMessageId(event.messageId());
        message.setSessionId(event.sessionId());
        message.setSubject(event.type().wireName());
        message.setContentType(CONTENT_TYPE);
        message.getApplicationProperties().put(SCHEMA_VERSION, io.avdroll.events.EventType.SCHEMA_VERSION);
        putTrace(message, Optional.ofNullable(trace));
        return message;
    }

    /** A copy of a received message for a delayed retry: fresh MessageId (else duplicate detection drops it). */
    static ServiceBusMessage retryCopy(ServiceBusReceivedMessage received, int retries, Optional<String> onlyFor) {
        ServiceBusMessage copy = new ServiceBusMessage(received.getBody());
        copy.setMessageId(MessageIds.bounded(originalMessageId(received) + "/retry-" + retries));
        if (received.getSessionId() != null) {
            copy.setSessionId(received.getSessionId());
        }
        copy.setSubject(received.getSubject());
        copy.setContentType(received.getContentType());
        received.getApplicationProperties().forEach((k, v) -> copy.getApplicationProperties().put(k, v));
        copy.getApplicationProperties().put(RETRIES, retries);
        onlyFor.ifPresentOrElse(target -> copy.getApplicationProperties().put(RETRY_FOR, target),
                () -> copy.getApplicationProperties().remove(RETRY_FOR));
        return copy;
    }

    static int retriesOf(ServiceBusReceivedMessage message) {
        Object value = message.getApplicationProperties().get(RETRIES);
        return value instanceof Number number ? number.intValue() : 0;
    }

    static Optional<String> retryFor(ServiceBusReceivedMessage message) {
        Object value = message.getApplicationProperties().get(RETRY_FOR);
        return value instanceof String target ? Optional.of(target) : Optional.empty();
    }

    static Optional<TraceContext> traceOf(ServiceBusReceivedMessage message) {
        Map<String, Object> properties = message.getApplicationProperties();
        return TraceContext.parse(properties.get(TraceContext.TRACEPARENT), properties.get(TraceContext.TRACESTATE));
    }

    private static String originalMessageId(ServiceBusReceivedMessage received) {
        String id = received.getMessageId() == null ? "" : received.getMessageId();
        int cut = id.lastIndexOf("/retry-");
        return retriesOf(received) > 0 && cut > 0 ? id.substring(0, cut) : id;
    }

    private static void putTrace(ServiceBusMessage message, Optional<TraceContext> trace) {
        trace.ifPresent(t -> {
            message.getApplicationProperties().put(TraceContext.TRACEPARENT, t.traceparent());
            t.tracestate().ifPresent(state -> message.getApplicationProperties().put(TraceContext.TRACESTATE, state));
        });
    }
}
