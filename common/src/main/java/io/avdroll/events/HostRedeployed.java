package io.avdroll.events;

import java.time.Duration;
import java.time.Instant;

/**
 * A host was recreated from the target image and registered: verifier-service checks registration,
 * availability, image and health for the bake time, scheduling follow-ups of this event to itself.
 *
 * @param vmResourceId the recreated VM, when the sender knows it (else found through the session host, or by the
 *                     host's name in the pool's resource group)
 * @param bakeTime     how long the host must stay healthy before it returns to service; absent: the verifier's default
 * @param healthySince set by the verifier on its own follow-ups: when it first saw the host healthy in the bake now
 *                     running (an unhealthy look clears it, so the bake starts again); absent until then
 */
public record HostRedeployed(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        String host,
        int attempt,
        String targetImageVersionId,
        @OptionalField String vmResourceId,
        @OptionalField Duration bakeTime,
        int check,
        Instant stageStartedAt,
        @OptionalField Instant healthySince,
        Instant occurredAt,
        @OptionalField StageTimes stageTimes) implements FollowUp {

    public HostRedeployed {
        Fields.hostEvent(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt);
        Fields.imageVersionId(targetImageVersionId, "targetImageVersionId");
        Fields.optionalVmId(vmResourceId, "vmResourceId");
        Fields.notNegative(bakeTime, "bakeTime");
        Fields.atLeast(check, 0, "check");
        Fields.instant(stageStartedAt, "stageStartedAt");
        Fields.instant(occurredAt, "occurredAt");
    }

    /** Without stage times (a sender that knows none). */
    public HostRedeployed(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                          int attempt, String targetImageVersionId, String vmResourceId, Duration bakeTime, int check,
                          Instant stageStartedAt, Instant healthySince, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, vmResourceId,
                bakeTime, check, stageStartedAt, healthySince, occurredAt, null);
    }

    /** Without a VM id, without a bake time of its own (the verifier's default applies), not yet seen healthy. */
    public HostRedeployed(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                          int attempt, String targetImageVersionId, int check, Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, null, null, check,
                stageStartedAt, null, occurredAt);
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

    /** The stage times carried, with the redeploy's end (this stage's start) filled in when a sender left it out. */
    public StageTimes stageTimesSoFar() {
        return StageTimes.orNone(stageTimes).verifying(stageStartedAt);
    }

    /** The next follow-up; VM id, bake time and {@code healthySince} are carried over unchanged. */
    @Override
    public HostRedeployed nextCheck(Instant now) {
        return new HostRedeployed(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, vmResourceId, bakeTime, check + 1, stageStartedAt, healthySince, now, stageTimes);
    }

    /** This event with {@code healthySince} replaced; null clears it (the bake starts again at the next healthy look). */
    public HostRedeployed withHealthySince(Instant since) {
        return new HostRedeployed(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, vmResourceId, bakeTime, check, stageStartedAt, since, occurredAt, stageTimes);
    }
}
