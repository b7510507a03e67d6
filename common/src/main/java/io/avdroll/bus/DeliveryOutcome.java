package io.avdroll.bus;

/**
 * How one received message was settled.
 *
 * @param endpoint entity path it was read from, e.g. {@code drain-requested/subscriptions/drain-service}
 * @param topic    the event type (= topic) of the message when known, else the entity it was read from
 * @param kind     what happened to it
 * @param reason   the dead-letter reason, or the retry reason; empty for a completed message
 */
public record DeliveryOutcome(String endpoint, String topic, Kind kind, String reason) {

    public enum Kind {
        /** Completed: the handler is done with it (including delayed-retry copies meant for another subscription). */
        HANDLED,
        /** The handler asked to look again later; the message (or a scheduled copy) comes back. */
        RETRIED,
        /** The handler threw; the message was abandoned and counts towards the max delivery count. */
        FAILED,
        /** Moved to the dead-letter sub-queue with a reason. */
        DEAD_LETTERED
    }

    public DeliveryOutcome {
        reason = reason == null ? "" : reason;
    }

    public static DeliveryOutcome of(String endpoint, String topic, Settlement settlement) {
        if (settlement instanceof Settlement.DeadLetter dead) {
            return new DeliveryOutcome(endpoint, topic, Kind.DEAD_LETTERED, dead.reason());
        }
        if (settlement instanceof Settlement.RetryLater retry) {
            return new DeliveryOutcome(endpoint, topic, Kind.RETRIED, retry.reason());
        }
        return new DeliveryOutcome(endpoint, topic, Kind.HANDLED, "");
    }
}
