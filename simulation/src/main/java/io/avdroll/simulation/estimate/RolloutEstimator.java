package io.avdroll.simulation.estimate;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.RolloutState;
import io.avdroll.simulation.InvariantViolation;
import io.avdroll.simulation.Simulation;
import io.avdroll.simulation.SimulationConfig;
import io.avdroll.simulation.SimulationResult;
import io.avdroll.simulation.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Estimates a rollout's duration by running the discrete-event {@link Simulation} — the real planner and rollout
 * record — on the pool as observed: its hosts with their real session counts (the users each drain waits for), their
 * status, image and power state, and the spec's window, canary, capacity floor, grace period and maintenance window.
 * Only the stage durations are random, drawn from {@link Timings}; each run uses another seed (1, 2, ...), so the same
 * pool and spec always give the same estimate.
 *
 * @param timings    stage-duration distributions
 * @param runs       simulated runs per estimate (at least 1)
 * @param percentile the pessimistic figure's percentile, 50 to 100
 */
public record RolloutEstimator(Timings timings, int runs, int percentile) {

    public RolloutEstimator {
        if (timings == null) {
            throw new IllegalArgumentException("timings: required");
        }
        if (runs < 1 || runs > 10_000) {
            throw new IllegalArgumentException("runs: must be between 1 and 10000 (was " + runs + ")");
        }
        if (percentile < 50 || percentile > 100) {
            throw new IllegalArgumentException("percentile: must be between 50 and 100 (was " + percentile + ")");
        }
    }

    public RolloutEstimate estimate(HostPoolSnapshot pool, RolloutSpec spec, Instant start) {
        if (pool.size() == 0) {
            return new RolloutEstimate(Duration.ZERO, Duration.ZERO, percentile, Duration.ZERO, 0, true, null);
        }
        List<Duration> makespans = new ArrayList<>(runs);
        List<Duration> lowerBounds = new ArrayList<>(runs);
        for (int seed = 1; seed <= runs; seed++) {
            SimulationResult result;
            try {
                result = Simulation.run(SimulationConfig.forPool(pool, spec, seed, start, timings));
            } catch (InvariantViolation e) {
                // with no failures injected, a run that does not end completed is one the planner cannot finish
                return RolloutEstimate.notCompleting(percentile, seed, "the simulated rollout does not finish: " + e.getMessage());
            }
            if (result.record().state() != RolloutState.COMPLETED) {
                return RolloutEstimate.notCompleting(percentile, seed, "the simulated rollout ends "
                        + result.record().state() + ": " + result.record().stateReason());
            }
            makespans.add(result.makespan());
            lowerBounds.add(result.lowerBound());
        }
        return new RolloutEstimate(quantile(makespans, 50), quantile(makespans, percentile), percentile,
                quantile(lowerBounds, 50), runs, true, null);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    static Duration quantile(List<Duration> values, int p) {
        List<Duration> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
