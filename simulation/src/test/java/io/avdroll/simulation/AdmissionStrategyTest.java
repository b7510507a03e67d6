package io.avdroll.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.PlanAction;
import io.avdroll.rollout.RolloutState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each admission strategy's promises, observed from outside the engine through its listener; the engine itself
 * also throws {@link InvariantViolation} when the window or a floor held at the start is broken.
 */
class AdmissionStrategyTest {

    private static final List<AdmissionStrategy> ALL = List.of(AdmissionStrategy.planner(), AdmissionStrategy.lockStep(),
            AdmissionStrategy.surgeFirst(), AdmissionStrategy.oneAtATime());

    /** Tracks which hosts are between admission and their verified / failed report. */
    private static final class Watch implements SimulationListener {
        final Set<String> inFlight = new HashSet<>();
        final TreeMap<Instant, List<String>> admittedAt = new TreeMap<>();
        final Map<String, Instant> finishedAt = new HashMap<>();
        int mostInFlight;

        @Override
        public void action(Instant now, PlanAction action) {
            if (action instanceof PlanAction.AdmitHost a) {
                inFlight.add(a.host());
                admittedAt.computeIfAbsent(now, t -> new ArrayList<>()).add(a.host());
                mostInFlight = Math.max(mostInFlight, inFlight.size());
            }
        }

        @Override
        public void report(Instant now, String host, String what) {
            if (what.startsWith("VERIFIED: ") || what.startsWith("FAILED: ")) {
                inFlight.remove(host);
                finishedAt.put(host, now);
            }
        }
    }

    private static SimulationResult run(SimulationConfig config, AdmissionStrategy strategy, Watch watch) {
        return Simulation.run(config, strategy, watch);
    }

    @Test
    void everyStrategyKeepsItsWindowAndEndsEachHostVerifiedFailedOrSkippedOnRandomPools() {
        for (AdmissionStrategy strategy : ALL) {
            for (long seed = 1; seed <= 25; seed++) {
                SimulationConfig config = Scenarios.random(seed, 60);
                Watch watch = new Watch();
                SimulationResult result = run(config, strategy, watch);

                int window = strategy.window(config.spec(), config.poolSize());
                assertThat(watch.mostInFlight).as("%s, seed %d", strategy.name(), seed).isLessThanOrEqualTo(window);
                assertThat(result.window()).isEqualTo(window);
                assertThat(result.makespan()).isGreaterThanOrEqualTo(result.lowerBound());
                if (result.record().state() == RolloutState.COMPLETED) {
                    assertThat(result.record().hosts().values()).as("%s, seed %d", strategy.name(), seed)
                            .allMatch(h -> h.stage() == HostStage.VERIFIED || h.stage() == HostStage.FAILED
                                    || h.stage() == HostStage.SKIPPED);
                } else {
                    assertThat(result.record().state()).isEqualTo(RolloutState.PAUSED);
                    assertThat(result.record().inFlightCount()).isZero();
                }
            }
        }
    }

    @Test
    void theSlidingWindowFillsItsWindowWhileLockStepWaitsForTheWholeBatch() {
        SimulationConfig config = cleanPool(40, "5");
        Watch sliding = new Watch();
        run(config, AdmissionStrategy.planner(), sliding);
        Watch lockStep = new Watch();
        run(config, AdmissionStrategy.lockStep(), lockStep);

        assertThat(sliding.mostInFlight).isEqualTo(5);
        // sliding: some host is admitted while others of earlier admissions are still out
        assertThat(sliding.admittedAt.values()).anyMatch(hosts -> hosts.size() == 1);
        // lock-step: batches of 5, each starting only after every host of the previous one finished
        assertThat(lockStep.admittedAt.values()).allMatch(batch -> batch.size() == 5);
        Instant previousBatchEnd = Instant.MIN;
        for (Map.Entry<Instant, List<String>> batch : lockStep.admittedAt.entrySet()) {
            assertThat(batch.getKey()).isAfterOrEqualTo(previousBatchEnd);
            previousBatchEnd = batch.getValue().stream().map(lockStep.finishedAt::get).max(Instant::compareTo).orElseThrow();
        }
    }

    @Test
    void oneAtATimeNeverHasTwoHostsOutWhateverTheSpecWindow() {
        SimulationConfig config = cleanPool(12, "4");
        Watch watch = new Watch();
        SimulationResult result = run(config, AdmissionStrategy.oneAtATime(), watch);

        assertThat(watch.mostInFlight).isEqualTo(1);
        assertThat(result.window()).isEqualTo(1);
        assertThat(result.lowestServingHosts()).isEqualTo(11);
        assertThat(result.record().count(HostStage.VERIFIED)).isEqualTo(12);
    }

    @Test
    void surgeFirstKeepsEveryHostServingAndCountsTheReplacementVmsItAdds() {
        SimulationConfig config = cleanPool(30, "4");
        SimulationResult surge = run(config, AdmissionStrategy.surgeFirst(), new Watch());
        SimulationResult sliding = run(config, AdmissionStrategy.planner(), new Watch());

        assertThat(surge.lowestServingHosts()).isEqualTo(30);
        assertThat(sliding.lowestServingHosts()).isEqualTo(26);
        assertThat(surge.peakExtraVms()).isEqualTo(4);
        assertThat(surge.extraVmTime()).isPositive();
        assertThat(sliding.peakExtraVms()).isZero();
        assertThat(surge.record().count(HostStage.VERIFIED)).isEqualTo(30);
    }

    @Test
    void aSurgeFirstReplacementThatFailsLeavesTheOldHostServing() {
        SimulationConfig base = cleanPool(20, "2");
        SimulationConfig failing = new SimulationConfig(20, 0, base.maxSessionLimit(), base.spec(), base.seed(), 0.3, 0.0,
                0.0, 0.0, base.start(), base.timings());
        SimulationResult surge = run(failing, AdmissionStrategy.surgeFirst(), new Watch());
        SimulationResult sliding = run(failing, AdmissionStrategy.planner(), new Watch());

        int failed = surge.record().count(HostStage.FAILED);
        assertThat(failed).isEqualTo(sliding.record().count(HostStage.FAILED)).isPositive();
        // a drain-first failure leaves its host out of rotation; surge first loses a host only when the old one's drain failed
        assertThat(surge.lowestServingHosts()).isGreaterThan(sliding.lowestServingHosts());
    }

    @Test
    void drainFirstStrategiesSeeTheSameHostsUsersAndDurations() {
        SimulationConfig config = cleanPool(40, "5");
        SimulationResult sliding = run(config, AdmissionStrategy.planner(), new Watch());
        SimulationResult lockStep = run(config, AdmissionStrategy.lockStep(), new Watch());
        SimulationResult surge = run(config, AdmissionStrategy.surgeFirst(), new Watch());

        assertThat(lockStep.lowerBound()).isEqualTo(sliding.lowerBound());
        assertThat(surge.lowerBound()).isEqualTo(sliding.lowerBound());
        assertThat(lockStep.forcedLogoffs()).isEqualTo(sliding.forcedLogoffs()).isEqualTo(surge.forcedLogoffs());
        assertThat(lockStep.userTimeDisrupted()).isEqualTo(sliding.userTimeDisrupted()).isEqualTo(surge.userTimeDisrupted());
        assertThat(sliding.forcedLogoffs()).isPositive();
    }

    @Test
    void eachStrategyIsChosenByNameOnTheCommandLineAndAnUnknownNameIsRefusedNamingTheOption() {
        assertThat(List.of("sliding-window", "lock-step", "surge-first", "one-at-a-time"))
                .extracting(name -> SimulationMain.strategy(name).name())
                .containsExactly("sliding window (planner)", "lock-step batches", "surge first", "one at a time");
        assertThatThrownBy(() -> SimulationMain.strategy("rolling"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--strategy")
                .hasMessageContaining("rolling");
    }

    /** Healthy standard hosts, none on the target image, no failures: every difference comes from the strategy. */
    private static SimulationConfig cleanPool(int hosts, String window) {
        SimulationConfig config = Scenarios.benchmark(hosts, 11, window, 60, 0.0, 10, "25%");
        return new SimulationConfig(hosts, 0, config.maxSessionLimit(), config.spec(), config.seed(), 0.0, 0.05, 0.0, 0.0,
                config.start(), config.timings());
    }
}
