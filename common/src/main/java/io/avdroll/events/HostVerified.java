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
        Instant occurredAt,
        @OptionalField StageTimes stageTimes) implements HostEvent {

    public HostVerified {
        Fields.hostEvent(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt);
        Fields.imageVersionId(imageVersionId, "imageVersionId");
        Fields.instant(occurredAt, "occurredAt");
    }

    /** Without stage times (a sender that knows none). */
    public HostVerified(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                        int attempt, String imageVersionId, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, imageVersionId, occurredAt, null);
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
