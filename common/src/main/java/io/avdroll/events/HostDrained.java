package io.avdroll.events;

import java.time.Instant;

/**
 * A host has no user session left: provisioner-service removes and recreates it from the target image.
 * provisioner-service schedules follow-ups of this event to itself while it polls.
 *
 * @param vmResourceId the session host's VM, when the sender knows it (else found through the session host)
 * @param blueprint    absent from drain-service; provisioner-service records it in its first follow-up, before it
 *                     deletes anything, and every later follow-up carries it
 */
public record HostDrained(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        String host,
        int attempt,
        String targetImageVersionId,
        @OptionalField String vmResourceId,
        @OptionalField VmBlueprint blueprint,
        int check,
        Instant stageStartedAt,
        Instant occurredAt) implements FollowUp {

    public HostDrained {
        Fields.hostEvent(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt);
        Fields.imageVersionId(targetImageVersionId, "targetImageVersionId");
        Fields.optionalVmId(vmResourceId, "vmResourceId");
        Fields.atLeast(check, 0, "check");
        Fields.instant(stageStartedAt, "stageStartedAt");
        Fields.instant(occurredAt, "occurredAt");
    }

    /** As drain-service sends it: no VM id, no blueprint yet. */
    public HostDrained(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                       int attempt, String targetImageVersionId, int check, Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, null, null, check,
                stageStartedAt, occurredAt);
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
        return nextCheck(blueprint, now);
    }

    /** The next follow-up, carrying {@code nextBlueprint} (the recorded or updated blueprint). */
    public HostDrained nextCheck(VmBlueprint nextBlueprint, Instant now) {
        return new HostDrained(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, vmResourceId, nextBlueprint, check + 1, stageStartedAt, now);
    }
}
