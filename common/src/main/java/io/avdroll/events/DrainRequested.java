package io.avdroll.events;

import io.avdroll.rollout.DrainPolicy;

import java.time.Duration;
import java.time.Instant;

/**
 * The coordinator admits one host: put it in drain mode, message its users and log off whoever is
 * left after {@code gracePeriod}. drain-service schedules follow-ups of this event to itself.
 *
 * @param drainPolicy reminders, message texts and early log-off of disconnected sessions for this rollout;
 *                    absent (or any field of it absent) means drain-service's configured defaults
 * @param bakeTime    the rollout's bake time, when the request overrode it: not used by the drain, carried on in
 *                    {@code host-drained} and {@code host-redeployed} to the verifier; absent means its default
 */
public record DrainRequested(
        String rolloutId,
        String subscriptionId,
        String resourceGroup,
        String hostPool,
        String host,
        int attempt,
        String targetImageVersionId,
        Duration gracePeriod,
        @OptionalField RequestedDrainPolicy drainPolicy,
        @OptionalField Duration bakeTime,
        int check,
        Instant stageStartedAt,
        Instant occurredAt,
        @OptionalField StageTimes stageTimes) implements FollowUp {

    public DrainRequested {
        Fields.hostEvent(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt);
        Fields.imageVersionId(targetImageVersionId, "targetImageVersionId");
        Fields.notNegative(Fields.present(gracePeriod, "gracePeriod"), "gracePeriod");
        Fields.notNegative(bakeTime, "bakeTime");
        Fields.atLeast(check, 0, "check");
        Fields.instant(stageStartedAt, "stageStartedAt");
        Fields.instant(occurredAt, "occurredAt");
    }

    /** As the coordinator admits a host: no stage times yet. */
    public DrainRequested(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                          int attempt, String targetImageVersionId, Duration gracePeriod, RequestedDrainPolicy drainPolicy,
                          Duration bakeTime, int check, Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, gracePeriod,
                drainPolicy, bakeTime, check, stageStartedAt, occurredAt, null);
    }

    /** Without a bake time of the rollout's own: the verifier's default applies. */
    public DrainRequested(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                          int attempt, String targetImageVersionId, Duration gracePeriod, RequestedDrainPolicy drainPolicy,
                          int check, Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, gracePeriod,
                drainPolicy, null, check, stageStartedAt, occurredAt);
    }

    /** Without a drain policy (drain-service applies its configured defaults) and without a bake time. */
    public DrainRequested(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                          int attempt, String targetImageVersionId, Duration gracePeriod, int check,
                          Instant stageStartedAt, Instant occurredAt) {
        this(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt, targetImageVersionId, gracePeriod,
                null, null, check, stageStartedAt, occurredAt);
    }

    /** The policy to drain by: this event's grace period and requested fields over {@code defaults}. */
    public DrainPolicy effectivePolicy(DrainPolicy defaults) {
        return drainPolicy == null
                ? new DrainPolicy(gracePeriod, defaults.reminderOffsets(), defaults.messageTitle(), defaults.messageText(),
                        defaults.reminderText(), defaults.logOffDisconnectedEarly())
                : drainPolicy.over(defaults, gracePeriod);
    }

    @Override
    public EventType type() {
        return EventType.DRAIN_REQUESTED;
    }

    /** {@code {hostPool}/{rolloutId}/{host}[/attempt-N]/drain[/check-K]}. */
    @Override
    public String messageId() {
        return MessageIds.forHost(hostPool, rolloutId, host, attempt, "drain", check);
    }

    @Override
    public DrainRequested nextCheck(Instant now) {
        return new DrainRequested(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, gracePeriod, drainPolicy, bakeTime, check + 1, stageStartedAt, now, stageTimes);
    }

    /** This request with {@code logOffs} more users logged off by force on the way (carried into its follow-ups). */
    public DrainRequested withForcedLogOffs(int logOffs) {
        if (logOffs == 0) {
            return this;
        }
        return new DrainRequested(rolloutId, subscriptionId, resourceGroup, hostPool, host, attempt,
                targetImageVersionId, gracePeriod, drainPolicy, bakeTime, check, stageStartedAt, occurredAt,
                StageTimes.orNone(stageTimes).withForcedLogOffs(logOffs));
    }
}
