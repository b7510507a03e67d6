package io.avdroll.events;

import java.time.Instant;

/** A host is back in service on {@code imageVersionId}; the coordinator slides the window on. */
public record HostVerified(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        String host,
        int attempt,
        String imageVersionId,
        Instant occurredAt) implements HostEvent {

    public HostVerified {
        Fields.hostEvent(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt);
        Fields.imageVersionId(imageVersionId, "imageVersionId");
        Fields.instant(occurredAt, "occurredAt");
    }

    @Override
    public EventType type() {
        return EventType.HOST_VERIFIED;
    }

    /** {@code {hostPool}/{rolloutId}/{host}[/attempt-N]/verified}. */
    @Override
    public String messageId() {
        return MessageIds.forHost(hostPool, rolloutId, host, attempt, "verified", 0);
    }
}
