package io.avdroll.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Pause, resume, cancel or retry a rollout, with who asked and why. The same command sent twice (same
 * action and {@code requestedAt}) is one command; a later pause after a resume is a new one.
 */
public record RolloutControl(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        ControlAction action,
        String reason,
        String requestedBy,
        Instant requestedAt) implements Event {

    private static final DateTimeFormatter COMPACT_UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    public RolloutControl {
        Fields.rolloutId(rolloutId);
        Fields.subscriptionId(subscriptionId);
        Fields.resourceGroup(resourceGroup);
        Fields.hostPool(hostPool);
        Fields.present(action, "action");
        Fields.text(reason, "reason");
        Fields.text(requestedBy, "requestedBy");
        Fields.instant(requestedAt, "requestedAt");
    }

    @Override
    public EventType type() {
        return EventType.ROLLOUT_CONTROL;
    }

    /** {@code {hostPool}/{rolloutId}/control/{action}/{requestedAt as yyyyMMddTHHmmss.SSSZ}}. */
    @Override
    public String messageId() {
        return MessageIds.forPool(hostPool, rolloutId, "control/" + action.wireName() + "/" + COMPACT_UTC.format(requestedAt));
    }
}
