package io.avdroll.emulator.servicebus;

import java.time.Duration;

/** The per-entity settings of a queue or subscription, as declared in the topology (defaults already applied). */
public record EntitySettings(
        int maxDeliveryCount,
        Duration lockDuration,
        Duration defaultMessageTimeToLive,
        Duration duplicateDetectionWindow,
        boolean requiresDuplicateDetection,
        boolean requiresSession,
        long maxMessageSizeBytes,
        String forwardTo) {

    EntitySettings withLockDuration(Duration lock) {
        return new EntitySettings(maxDeliveryCount, lock, defaultMessageTimeToLive, duplicateDetectionWindow,
                requiresDuplicateDetection, requiresSession, maxMessageSizeBytes, forwardTo);
    }

    /** Settings of a dead-letter sub-queue: never session-enabled, never forwarding, nothing expires from it. */
    EntitySettings forDeadLetterQueue() {
        return new EntitySettings(Integer.MAX_VALUE, lockDuration, Duration.ofDays(36500), duplicateDetectionWindow,
                false, false, maxMessageSizeBytes, null);
    }
}
