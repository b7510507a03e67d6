package io.avdroll.simulation.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import io.avdroll.rollout.CanaryPolicy;
import io.avdroll.rollout.DrainPolicy;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.simulation.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimate as the rollout simulation gives it for a pool as observed, with typical stage durations. */
class RolloutEstimatorTest {

    private static final String TARGET = "2.0.0";
    private static final Instant NOW = Instant.parse("2026-11-27T21:00:00Z");
    private static final RolloutEstimator ESTIMATOR = new RolloutEstimator(Timings.typical(), 40, 90);

    @Test
    void moreUsersOnTheHostsLengthenTheEstimate() {
        RolloutEstimate empty = ESTIMATOR.estimate(pool(8, 0), spec("2", Duration.ofMinutes(30)), NOW);
        RolloutEstimate busy = ESTIMATOR.estimate(pool(8, 6), spec("2", Duration.ofMinutes(30)), NOW);

        assertThat(busy.median()).isGreaterThan(empty.median());
        assertThat(busy.pessimistic()).isGreaterThan(empty.pessimistic());
    }

    @Test
    void aLongerGracePeriodLengthensTheEstimateOfAPoolWithUsers() {
        RolloutEstimate shortGrace = ESTIMATOR.estimate(pool(8, 4), spec("2", Duration.ofMinutes(10)), NOW);
        RolloutEstimate longGrace = ESTIMATOR.estimate(pool(8, 4), spec("2", Duration.ofMinutes(60)), NOW);

        assertThat(longGrace.median()).isGreaterThan(shortGrace.median());
        assertThat(longGrace.lowerBound()).isGreaterThan(shortGrace.lowerBound());
    }

    @Test
    void aWiderWindowShortensTheEstimate() {
        RolloutEstimate one = ESTIMATOR.estimate(pool(8, 3), spec("1", Duration.ofMinutes(30)), NOW);
        RolloutEstimate four = ESTIMATOR.estimate(pool(8, 3), spec("4", Duration.ofMinutes(30)), NOW);

        assertThat(four.median()).isLessThan(one.median());
        assertThat(four.pessimistic()).isLessThan(one.pessimistic());
    }

    @Test
    void thePessimisticFigureIsNoShorterThanTheMedianWhichIsNoShorterThanTheLowerBound() {
        RolloutEstimate estimate = ESTIMATOR.estimate(pool(10, 5), spec("3", Duration.ofMinutes(20)), NOW);

        assertThat(estimate.completes()).isTrue();
        assertThat(estimate.runs()).isEqualTo(40);
        assertThat(estimate.percentile()).isEqualTo(90);
        assertThat(estimate.lowerBound()).isPositive().isLessThanOrEqualTo(estimate.median());
        assertThat(estimate.median()).isLessThanOrEqualTo(estimate.pessimistic());
        // ten hosts, three at a time: at least four rounds of redeploy (8 min) + registration (2) + bake (5)
        assertThat(estimate.median()).isGreaterThan(Duration.ofMinutes(4 * 15));
    }

    @Test
    void hostsAlreadyOnTheTargetImageCostNothing() {
        List<SessionHost> hosts = new ArrayList<>(pool(4, 3).hosts());
        RolloutEstimate four = ESTIMATOR.estimate(new HostPoolSnapshot("hp", 8, hosts), spec("1", Duration.ofMinutes(30)), NOW);
        for (int i = 0; i < 4; i++) {
            hosts.add(new SessionHost("done-" + i, SessionHostStatus.AVAILABLE, true, 5, TARGET, HostClass.STANDARD, PowerState.RUNNING));
        }
        RolloutEstimate withDone = ESTIMATOR.estimate(new HostPoolSnapshot("hp", 8, hosts), spec("1", Duration.ofMinutes(30)), NOW);

        assertThat(withDone.median()).isEqualTo(four.median());
    }

    @Test
    void theSamePoolAndSpecGiveTheSameEstimate() {
        assertThat(ESTIMATOR.estimate(pool(6, 2), spec("2", Duration.ofMinutes(15)), NOW))
                .isEqualTo(ESTIMATOR.estimate(pool(6, 2), spec("2", Duration.ofMinutes(15)), NOW));
    }

    @Test
    void aLargePoolIsSimulatedFewerTimesButAtLeastFive() {
        assertThat(ESTIMATOR.runsFor(10)).isEqualTo(40);
        assertThat(ESTIMATOR.runsFor(RolloutEstimator.HOST_RUNS_BUDGET / 20)).isEqualTo(20);
        assertThat(ESTIMATOR.runsFor(5000)).isEqualTo(5);
    }

    @Test
    void aClosedMaintenanceWindowIsWaitedFor() {
        // 21:00 UTC = 22:00 in Berlin; the window opens at 02:00, four hours later
        RolloutSpec spec = RolloutSpec.builder(TARGET).maxUnavailable("2").canary(new CanaryPolicy(0, false))
                .maintenanceWindow(MaintenanceWindow.daily("02:00", "06:00", "Europe/Berlin")).build();

        RolloutEstimate estimate = ESTIMATOR.estimate(pool(4, 0), spec, NOW);

        assertThat(estimate.median()).isGreaterThan(Duration.ofHours(4)).isLessThan(Duration.ofHours(6));
        assertThat(estimate.lowerBound()).as("the hosts' own work, without the wait").isLessThan(Duration.ofHours(1));
    }

    @Test
    void aSessionSlotFloorNoHostCanBeTakenUnderSaysTheRolloutDoesNotComplete() {
        // four hosts of 8 slots serve 32; taking one out leaves 24, under the floor of 25
        RolloutSpec spec = RolloutSpec.builder(TARGET).maxUnavailable("1").minSessionSlots(25).build();

        RolloutEstimate estimate = ESTIMATOR.estimate(pool(4, 1), spec, NOW);

        assertThat(estimate.completes()).isFalse();
        assertThat(estimate.median()).isNull();
        assertThat(estimate.reason()).isNotBlank();
    }

    private static HostPoolSnapshot pool(int hosts, int usersEach) {
        List<SessionHost> list = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            list.add(new SessionHost(String.format("host-%02d", i), SessionHostStatus.AVAILABLE, true, usersEach, "1.0.0",
                    HostClass.STANDARD, PowerState.RUNNING));
        }
        return new HostPoolSnapshot("hp", 8, list);
    }

    private static RolloutSpec spec(String window, Duration grace) {
        DrainPolicy d = DrainPolicy.defaults();
        return RolloutSpec.builder(TARGET).maxUnavailable(window).canary(new CanaryPolicy(0, false))
                .drain(new DrainPolicy(grace, List.of(), d.messageTitle(), d.messageText(), d.reminderText(), d.logOffDisconnectedEarly()))
                .build();
    }
}
