package io.avdroll.events;

import java.time.Instant;

/**
 * A host was recreated from the target image and registered: verifier-service checks registration,
 * availability, image and health for the bake time, scheduling follow-ups of this event to itself.
 */
public record HostRedeployed(
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

    public HostRedeployed {
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
        return EventType.HOST_REDEPLOYED;
    }

    /** {@code {hostPool}/{rolloutId}/{host}[/attempt-N]/redeployed[/check-K]}. */
    @Override
    public String messageId() {
        return MessageIds.forHost(hostPool, rolloutId, host, attempt, "redeployed", check);
    }

    @Override
    public HostRedeployed nextCheck(Instant now) {
        return new HostRedeployed(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, check + 1, stageStartedAt, now);
    }
}
