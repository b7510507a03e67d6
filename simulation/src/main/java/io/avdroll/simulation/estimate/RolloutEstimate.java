package io.avdroll.simulation.estimate;

import java.time.Duration;

/**
 * How long a rollout of a real pool would take, from simulating it {@code runs} times with different seeds.
 *
 * @param median      the median makespan: start to the last host finished, including any wait for the maintenance window
 * @param pessimistic the makespan at {@code percentile} (e.g. p90): nine runs in ten were at least this fast
 * @param percentile  which percentile {@code pessimistic} is
 * @param lowerBound  the median of each run's lower bound (longest single host, or the summed per-host time spread
 *                    over the window, whichever is longer): no admission order could beat it
 * @param runs        simulated runs
 * @param completes   false when the simulated rollout did not finish (e.g. the capacity floor admits no host); the
 *                    durations are then null and {@code reason} says why
 * @param reason      why it does not complete, else null
 */
public record RolloutEstimate(Duration median, Duration pessimistic, int percentile, Duration lowerBound, int runs,
                              boolean completes, String reason) {

    static RolloutEstimate notCompleting(int percentile, int runs, String reason) {
        return new RolloutEstimate(null, null, percentile, null, runs, false, reason);
    }
}
