package io.avdroll.events;

import java.time.Instant;

/**
 * Pool-level request: roll every session host of a host pool to an image version. Sent by the scheduler
 * (schedule, image watch, API) or by any tool; see docs/events.md for the wire contract.
 *
 * @param rolloutId a caller-chosen id, unique per rollout; resending the same request with the same id is
 *                  dropped by duplicate detection
 */
public record UpdateRequested(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        String targetImageVersionId,
        @OptionalField SpecOverrides overrides,
        String requestedBy,
        Instant requestedAt) implements Event {

    public UpdateRequested {
        Fields.rolloutId(rolloutId);
        Fields.subscriptionId(subscriptionId);
        Fields.resourceGroup(resourceGroup);
        Fields.hostPool(hostPool);
        Fields.imageVersionId(targetImageVersionId, "targetImageVersionId");
        overrides = overrides == null ? SpecOverrides.none() : overrides;
        Fields.text(requestedBy, "requestedBy");
        Fields.instant(requestedAt, "requestedAt");
    }

    @Override
    public EventType type() {
        return EventType.UPDATE_REQUESTED;
    }

    /** {@code {hostPool}/{rolloutId}/update-requested}. */
    @Override
    public String messageId() {
        return MessageIds.forPool(hostPool, rolloutId, "update-requested");
    }
}
