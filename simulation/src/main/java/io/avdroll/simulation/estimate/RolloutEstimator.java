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
import java.util.stream.IntStream;

/**
 * Estimates a rollout's duration by running the discrete-event {@link Simulation} — the real planner and rollout
 * record — on the pool as observed: its hosts with their real session counts (the users each drain waits for), their
 * status, image and power state, and the spec's window, canary, capacity floor, grace period and maintenance window.
 * Only the stage durations are random, drawn from {@link Timings}; each run uses another seed (1, 2, ...), so the same
 * pool and spec always give the same estimate.
 *
 * @param timings    stage-duration distributions
 * @param runs       simulated runs per estimate (at least 1); fewer for a large pool, see {@link #HOST_RUNS_BUDGET}
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

    /**
     * Simulated host-rollouts per estimate at most: a run costs about the square of the pool's size (the planner looks
     * at every host whenever one finishes), so a large pool is simulated fewer times to keep a plan request within
     * seconds. The estimate reports the runs it made.
     */
    public static final int HOST_RUNS_BUDGET = 3000;
    static final int MIN_RUNS = 5;

    /** The runs made for a pool of {@code hosts}: the configured runs, fewer for a large pool, never below five. */
    public int runsFor(int hosts) {
        return Math.min(runs, Math.max(MIN_RUNS, HOST_RUNS_BUDGET / Math.max(1, hosts)));
    }

    public RolloutEstimate estimate(HostPoolSnapshot pool, RolloutSpec spec, Instant start) {
        if (pool.size() == 0) {
            return new RolloutEstimate(Duration.ZERO, Duration.ZERO, percentile, Duration.ZERO, 0, true, null);
        }
        int made = runsFor(pool.size());
        // independent seeded runs, side by side; collected by seed, so the estimate does not depend on the threads
        List<Object> outcomes = IntStream.rangeClosed(1, made).parallel()
                .mapToObj(seed -> run(pool, spec, start, seed)).toList();
        List<Duration> makespans = new ArrayList<>(made);
        List<Duration> lowerBounds = new ArrayList<>(made);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof String reason) {
                return RolloutEstimate.notCompleting(percentile, i + 1, reason);
            }
            SimulationResult result = (SimulationResult) outcomes.get(i);
            makespans.add(result.makespan());
            lowerBounds.add(result.lowerBound());
        }
        return new RolloutEstimate(quantile(makespans, 50), quantile(makespans, percentile), percentile,
                quantile(lowerBounds, 50), made, true, null);
    }

    /** One seeded run: its result, or why it does not complete. */
    private Object run(HostPoolSnapshot pool, RolloutSpec spec, Instant start, long seed) {
        SimulationResult result;
        try {
            result = Simulation.run(SimulationConfig.forPool(pool, spec, seed, start, timings));
        } catch (InvariantViolation e) {
            // with no failures injected, a run that does not end completed is one the planner cannot finish
            return "the simulated rollout does not finish: " + e.getMessage();
        }
        if (result.record().state() != RolloutState.COMPLETED) {
            return "the simulated rollout ends " + result.record().state() + ": " + result.record().stateReason();
        }
        return result;
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    static Duration quantile(List<Duration> values, int p) {
        List<Duration> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
