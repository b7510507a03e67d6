package io.avdroll.bus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A message in an entity's dead-letter sub-queue, as peeked (the broker still holds it).
 *
 * @param entityPath     the entity whose dead-letter queue holds it, e.g. {@code coordinator} or
 *                       {@code drain-requested/subscriptions/drain-service}
 * @param sequenceNumber the broker's sequence number in that dead-letter queue: the handle for re-submit
 * @param reason         DeadLetterReason (e.g. {@code InvalidEvent}, {@code MaxDeliveryCountExceeded})
 * @param description    DeadLetterErrorDescription, may be empty
 */
public record DeadLetteredMessage(String entityPath, long sequenceNumber, String messageId, Optional<String> sessionId,
                                  Optional<String> subject, String reason, String description, byte[] body,
                                  Instant enqueuedAt, int deliveryCount) {

    public DeadLetteredMessage {
        reason = reason == null || reason.isBlank() ? "(none given)" : reason;
        description = description == null ? "" : description;
        body = body == null ? new byte[0] : body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
