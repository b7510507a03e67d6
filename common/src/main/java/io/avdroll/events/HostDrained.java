package io.avdroll.events;

import java.time.Duration;
import java.time.Instant;

/**
 * A host has no user session left: provisioner-service removes and recreates it from the target image.
 * provisioner-service schedules follow-ups of this event to itself while it polls.
 *
 * @param vmResourceId the session host's VM, when the sender knows it (else found through the session host)
 * @param blueprint    absent from drain-service; provisioner-service records it in its first follow-up, before it
 *                     deletes anything, and every later follow-up carries it
 * @param bakeTime     the rollout's bake time from {@code drain-requested}, carried on to {@code host-redeployed};
 *                     absent means the verifier's default
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
        @OptionalField Duration bakeTime,
        int check,
        Instant stageStartedAt,
        Instant occurredAt,
        @OptionalField StageTimes stageTimes) implements FollowUp {

    public HostDrained {
        Fields.hostEvent(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt);
        Fields.imageVersionId(targetImageVersionId, "targetImageVersionId");
        Fields.optionalVmId(vmResourceId, "vmResourceId");
        Fields.notNegative(bakeTime, "bakeTime");
        Fields.atLeast(check, 0, "check");
        Fields.instant(stageStartedAt, "stageStartedAt");
        Fields.instant(occurredAt, "occurredAt");
    }

    /** Without stage times (a sender that knows none). */
    public HostDrained(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                       int attempt, String targetImageVersionId, String vmResourceId, VmBlueprint blueprint,
                       Duration bakeTime, int check, Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, vmResourceId,
                blueprint, bakeTime, check, stageStartedAt, occurredAt, null);
    }

    /** Without a bake time of the rollout's own: the verifier's default applies. */
    public HostDrained(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                       int attempt, String targetImageVersionId, String vmResourceId, VmBlueprint blueprint, int check,
                       Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, vmResourceId,
                blueprint, null, check, stageStartedAt, occurredAt);
    }

    /**
     * As drain-service sends it: no VM id, no blueprint yet; the drain request's bake time carried on, and its stage
     * times with the drain's start and end.
     */
    public static HostDrained of(DrainRequested drain, Instant now) {
        return new HostDrained(drain.rolloutId(), drain.subscriptionId(), drain.resourceGroup(), drain.hostPool(),
                drain.host(), drain.attempt(), drain.targetImageVersionId(), null, null, drain.bakeTime(), 0, now, now,
                StageTimes.orNone(drain.stageTimes()).drained(drain.stageStartedAt(), now));
    }

    /** No VM id, no blueprint, no bake time. */
    public HostDrained(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                       int attempt, String targetImageVersionId, int check, Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, null, null, null,
                check, stageStartedAt, occurredAt);
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

    /** The stage times carried, with the drain's end (this stage's start) filled in when a sender left it out. */
    public StageTimes stageTimesSoFar() {
        StageTimes known = StageTimes.orNone(stageTimes);
        return known.drainedAt() != null ? known
                : new StageTimes(known.drainStartedAt(), stageStartedAt, known.redeployedAt(), known.forcedLogOffs());
    }

    @Override
    public HostDrained nextCheck(Instant now) {
        return nextCheck(blueprint, now);
    }

    /** The next follow-up, carrying {@code nextBlueprint} (the recorded or updated blueprint) and the bake time. */
    public HostDrained nextCheck(VmBlueprint nextBlueprint, Instant now) {
        return new HostDrained(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, vmResourceId, nextBlueprint, bakeTime, check + 1, stageStartedAt, now, stageTimes);
    }
}
