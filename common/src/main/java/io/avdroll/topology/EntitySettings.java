package io.avdroll.topology;

import java.time.Duration;

/** The delivery settings of one queue, topic or subscription, after the file's defaults are applied. */
public record EntitySettings(
        int maxDeliveryCount,
        Duration lockDuration,
        Duration defaultMessageTimeToLive,
        Duration duplicateDetectionHistoryTimeWindow,
        int maxMessageSizeBytes) {
}
