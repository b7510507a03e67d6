package io.avdroll.bus;

import io.avdroll.events.Event;

import java.time.Instant;
import java.util.Optional;

/**
 * One received event and what the broker says about it.
 *
 * @param messageId      the message's id; for a delayed retry copy, the original id plus {@code /retry-N}
 * @param deliveryCount  how many earlier deliveries of this very message failed or were abandoned (0 at first)
 * @param retries        how many times a handler asked to {@link Settlement.RetryLater retry later} with a delay
 * @param sequenceNumber the broker's sequence number of this message
 * @param enqueuedAt     when the broker made the message available
 * @param endpoint       entity path it was read from
 */
public record Delivery(
        Event event,
        String messageId,
        Optional<TraceContext> trace,
        int deliveryCount,
        int retries,
        long sequenceNumber,
        Instant enqueuedAt,
        String endpoint) {
}
