package io.avdroll.rollout;

import java.time.Duration;

/**
 * Per-stage duration estimates used by {@link RolloutPreview}.
 *
 * @param drainWithSessions drain time of a host with users (usually the grace period)
 * @param drainEmpty        drain time of an empty host
 * @param redeploy          delete + recreate + registration
 * @param verify            verification including bake time
 * @param surgeResume       time for a sleeping DR host to start serving
 */
public record StageDurations(Duration drainWithSessions, Duration drainEmpty, Duration redeploy, Duration verify,
                             Duration surgeResume) {

    /** Typical figures: the spec's grace period for occupied hosts, 15 min redeploy, 10 min verify. */
    public static StageDurations typical(RolloutSpec spec) {
        return new StageDurations(spec.drain().gracePeriod(), Duration.ofMinutes(1), Duration.ofMinutes(15),
                Duration.ofMinutes(10), Duration.ofMinutes(3));
    }

    public Duration perHost(int sessions) {
        return (sessions > 0 ? drainWithSessions : drainEmpty).plus(redeploy).plus(verify);
    }
}
