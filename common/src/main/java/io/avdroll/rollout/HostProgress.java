package io.avdroll.rollout;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.PowerState;
import java.time.Instant;

/**
 * Progress of one host in a rollout.
 *
 * @param host             session host name
 * @param hostClass        standard or DR
 * @param stage            current stage
 * @param attempt          1 for the first admission, +1 per retry; 0 while never admitted
 * @param lastReason       why the host got into its current stage
 * @param stageSince       when it entered its current stage
 * @param admittedAt       when the current attempt was admitted (null before)
 * @param finishedAt       when it reached VERIFIED, FAILED or SKIPPED (null otherwise)
 * @param failedIn         the stage it was in when it failed (null unless FAILED)
 * @param returnPowerState power state to return a DR host to after verification (null = leave running)
 * @param journey          what the verdict of the current attempt told about its stages (null before one, or when it
 *                         carried nothing)
 */
public record HostProgress(String host, HostClass hostClass, HostStage stage, int attempt, String lastReason,
                           Instant stageSince, Instant admittedAt, Instant finishedAt, HostStage failedIn,
                           PowerState returnPowerState, HostJourney journey) {

    /** Without a journey (nothing told yet). */
    public HostProgress(String host, HostClass hostClass, HostStage stage, int attempt, String lastReason,
                        Instant stageSince, Instant admittedAt, Instant finishedAt, HostStage failedIn,
                        PowerState returnPowerState) {
        this(host, hostClass, stage, attempt, lastReason, stageSince, admittedAt, finishedAt, failedIn, returnPowerState,
                null);
    }

    public static HostProgress pending(String host, HostClass hostClass, Instant now) {
        return new HostProgress(host, hostClass, HostStage.PENDING, 0, "in scope of the rollout", now, null, null,
                null, null);
    }

    HostProgress moveTo(HostStage to, String reason, Instant now) {
        return moveTo(to, reason, null, now);
    }

    /** {@code told} replaces the journey known so far; null keeps it. */
    HostProgress moveTo(HostStage to, String reason, HostJourney told, Instant now) {
        HostStage failedStage = to == HostStage.FAILED ? stage : null;
        Instant finished = to.finished() ? now : null;
        return new HostProgress(host, hostClass, to, attempt, reason, now, admittedAt, finished, failedStage,
                returnPowerState, told != null ? told : journey);
    }

    HostProgress admit(PowerState returnTo, String reason, Instant now) {
        return new HostProgress(host, hostClass, HostStage.DRAINING, attempt + 1, reason, now, now, null, null,
                returnTo);
    }
}
