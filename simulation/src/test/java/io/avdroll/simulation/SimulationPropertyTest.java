package io.avdroll.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real planner and record, driven through random pools, durations, interleavings, duplicates and
 * failures. Every step is checked by the simulation itself (it throws {@link InvariantViolation} naming the seed).
 */
class SimulationPropertyTest {

    @Test
    void theInvariantsHoldForTwoHundredRandomScenariosFromOneToFiveHundredHosts() {
        List<SimulationResult> results = new ArrayList<>();
        for (long seed = 1; seed <= 200; seed++) {
            results.add(Simulation.run(Scenarios.random(seed, 500)));
        }
        results.add(Simulation.run(Scenarios.withHosts(1001, 1)));
        results.add(Simulation.run(Scenarios.withHosts(1002, 500)));

        for (SimulationResult result : results) {
            RolloutState state = result.record().state();
            assertThat(state).as("seed %d", result.seed()).isIn(RolloutState.COMPLETED, RolloutState.PAUSED);
            assertThat(result.makespan()).as("seed %d never beats its lower bound", result.seed())
                    .isGreaterThanOrEqualTo(result.lowerBound());
        }
        // the scenarios must actually exercise what the invariants guard
        assertThat(results).filteredOn(r -> r.record().state() == RolloutState.COMPLETED).hasSizeGreaterThan(100);
        assertThat(results).filteredOn(r -> r.record().state() == RolloutState.PAUSED).isNotEmpty();
        assertThat(results).filteredOn(SimulationResult::floorChecked).hasSizeGreaterThan(150);
        assertThat(results).filteredOn(r -> r.record().count(HostStage.FAILED) > 0).hasSizeGreaterThan(20);
        assertThat(results).filteredOn(r -> r.surgeResumes() > 0).isNotEmpty();
        assertThat(results).filteredOn(r -> r.noOpTransitions() > 0).hasSizeGreaterThan(50);
        assertThat(results).filteredOn(r -> r.record().hosts().size() >= 400).isNotEmpty();
        assertThat(results).filteredOn(r -> r.forcedLogoffs() > 0).hasSizeGreaterThan(50);
    }

    @Test
    void theSameSeedGivesTheSameRollout() {
        SimulationConfig config = Scenarios.withHosts(42, 60);
        SimulationResult first = Simulation.run(config);
        SimulationResult second = Simulation.run(config);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aFailureFreePoolCompletesWithEveryHostVerifiedOrSkipped() {
        SimulationConfig base = Scenarios.withHosts(7, 40);
        SimulationConfig clean = new SimulationConfig(base.standardHosts(), base.drHosts(), base.maxSessionLimit(),
                base.spec(), base.seed(), 0.0, 0.1, 0.0, 0.1, base.start(), base.timings());
        SimulationResult result = Simulation.run(clean);
        assertThat(result.record().state()).isEqualTo(RolloutState.COMPLETED);
        assertThat(result.record().count(HostStage.VERIFIED) + result.record().count(HostStage.SKIPPED)).isEqualTo(40);
        assertThat(result.record().surgeHosts()).isEmpty();
    }
}
