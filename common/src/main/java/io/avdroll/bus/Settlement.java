package io.avdroll.bus;

import java.time.Duration;

/** What a handler decides for the message it was given. The bus settles the message accordingly. */
public sealed interface Settlement permits Settlement.Complete, Settlement.RetryLater, Settlement.DeadLetter {

    static Settlement complete() {
        return Complete.INSTANCE;
    }

    /** Look at this message again after {@code delay} (zero: as soon as the broker redelivers it). */
    static Settlement retryLater(Duration delay, String reason) {
        return new RetryLater(delay, reason);
    }

    static Settlement deadLetter(String reason, String description) {
        return new DeadLetter(reason, description);
    }

    /** Done; the message is removed. */
    enum Complete implements Settlement {
        INSTANCE
    }

    /**
     * Not now. With a positive delay the bus schedules a copy of the message for {@code now + delay} and
     * completes the original (so the wait holds no lock and does not count as a failed delivery); with a
     * zero delay it abandons the message, which counts towards the entity's max delivery count.
     */
    record RetryLater(Duration delay, String reason) implements Settlement {
        public RetryLater {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("delay: must be zero or positive");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason: is required");
            }
        }
    }

    /** The message can never succeed: move it to the dead-letter sub-queue with a reason people can act on. */
    record DeadLetter(String reason, String description) implements Settlement {
        public DeadLetter {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason: is required");
            }
            description = description == null ? "" : description;
        }
    }
}
