package io.avdroll.events;

import java.time.Instant;

/**
 * A host has no user session left: provisioner-service removes and recreates it from the target image.
 * provisioner-service schedules follow-ups of this event to itself while it polls.
 */
public record HostDrained(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        String host,
        int attempt,
        String targetImageVersionId,
        int check,
        Instant stageStartedAt,
        Instant occurredAt) implements FollowUp {

    public HostDrained {
        Fields.rolloutId(rolloutId);
        Fields.subscriptionId(subscriptionId);
        Fields.resourceGroup(resourceGroup);
        Fields.hostPool(hostPool);
        Fields.host(host);
        Fields.atLeast(attempt, 1, "attempt");
        Fields.imageVersionId(targetImageVersionId, "targetImageVersionId");
        Fields.atLeast(check, 0, "check");
        Fields.instant(stageStartedAt, "stageStartedAt");
        Fields.instant(occurredAt, "occurredAt");
    }

    @Override
    public EventType type() {
        return EventType.HOST_DRAINED;
    }

    /** {@code {hostPool}/{rolloutId}/{host}[/attempt-N]/drained[/check-K]}. */
    @Override
    public String messageId() {
        return MessageIds.forHost(hostPool, rolloutId, host, attempt, "drained", check);
    }

    @Override
    public HostDrained nextCheck(Instant now) {
        return new HostDrained(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, check + 1, stageStartedAt, now);
    }
}
