package io.avdroll.events;

import java.time.Instant;

/**
 * A host failed a stage; it stays drained, out of rotation, for a person to look at, and counts
 * against the rollout's failure budget.
 *
 * @param errorCode    Azure's error code when Azure refused (e.g. {@code AllocationFailed}), else absent
 * @param errorMessage Azure's error message, else absent
 * @param reason       what went wrong, in words an administrator can act on
 */
public record HostFailed(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        String host,
        int attempt,
        FailedStage stage,
        @OptionalField String errorCode,
        @OptionalField String errorMessage,
        String reason,
        Instant occurredAt,
        @OptionalField StageTimes stageTimes) implements HostEvent {

    public HostFailed {
        Fields.hostEvent(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt);
        Fields.present(stage, "stage");
        Fields.optionalText(errorCode, "errorCode");
        Fields.optionalText(errorMessage, "errorMessage");
        Fields.text(reason, "reason");
        Fields.instant(occurredAt, "occurredAt");
    }

    /** Without stage times (a sender that knows none). */
    public HostFailed(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                      int attempt, FailedStage stage, String errorCode, String errorMessage, String reason,
                      Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, stage, errorCode, errorMessage, reason,
                occurredAt, null);
    }

    @Override
    public EventType type() {
        return EventType.HOST_FAILED;
    }

    /** {@code {hostPool}/{rolloutId}/{host}[/attempt-N]/failed}: one failure per attempt of a host. */
    @Override
    public String messageId() {
        return MessageIds.forHost(hostPool, rolloutId, host, attempt, "failed", 0);
    }
}
