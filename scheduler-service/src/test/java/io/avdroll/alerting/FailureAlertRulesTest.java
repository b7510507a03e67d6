package io.avdroll.alerting;

import io.avdroll.rollout.CapacityFloor;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.RolloutState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.avdroll.alerting.Rollouts.IMAGE;
import static io.avdroll.alerting.Rollouts.T0;
import static io.avdroll.alerting.Rollouts.host;
import static io.avdroll.alerting.Rollouts.record;
import static io.avdroll.alerting.Rollouts.state;
import static org.assertj.core.api.Assertions.assertThat;

class FailureAlertRulesTest {

    private static final Duration ALLOWANCE = Duration.ofHours(2);
    private static final RolloutSpec SPEC = RolloutSpec.builder(IMAGE).capacityFloor(CapacityFloor.hosts(3)).build();

    private static List<Alert> evaluate(RolloutSpec spec, RolloutRecord record, Optional<ServingCapacity> capacity, Instant now) {
        return FailureAlertRules.evaluate(state(spec, record), capacity, now, ALLOWANCE);
    }

    @Test
    void aRolloutPausedByItsFailureBudgetRaisesOneAlertNamingTheFailedHostsAndTheReason() {
        String reason = "failure budget exceeded: 1 failed host(s) (hp-02) > budget 0 (0 of 3 hosts in scope); "
                + "failed hosts stay drained for inspection";
        RolloutRecord paused = record(RolloutState.PAUSED, reason, T0.plusSeconds(600),
                host("hp-01", HostStage.VERIFIED, 1, T0.plusSeconds(500), "verified"),
                host("hp-02", HostStage.FAILED, 1, T0.plusSeconds(590), "AllocationFailed"),
                host("hp-03", HostStage.PENDING, 0, T0, "in scope"));

        List<Alert> alerts = evaluate(SPEC, paused, Optional.empty(), T0.plusSeconds(660));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.FAILURE_BUDGET_EXCEEDED);
            assertThat(a.rolloutId()).isEqualTo("r-1");
            assertThat(a.hostPool()).isEqualTo("hp-prod");
            assertThat(a.reason()).isEqualTo(reason);
            assertThat(a.text()).contains("hp-02");
        });
    }

    @Test
    void aRolloutAPersonPausedRaisesNothing() {
        RolloutRecord paused = record(RolloutState.PAUSED, "paused by admin@contoso.com", T0.plusSeconds(60),
                host("hp-01", HostStage.PENDING, 0, T0, "in scope"));

        assertThat(evaluate(SPEC, paused, Optional.empty(), T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void capacityBelowTheFloorIsAlertedWithServingHostsAndFloorAndNothingWhileItHolds() {
        RolloutRecord running = record(RolloutState.RUNNING, "started", T0,
                host("hp-01", HostStage.DRAINING, 1, T0, "admitted"), host("hp-02", HostStage.PENDING, 0, T0, "in scope"));

        List<Alert> below = evaluate(SPEC, running, Optional.of(new ServingCapacity(2, 8)), T0.plusSeconds(60));
        List<Alert> held = evaluate(SPEC, running, Optional.of(new ServingCapacity(3, 8)), T0.plusSeconds(60));

        assertThat(below).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.CAPACITY_BELOW_FLOOR);
            assertThat(a.reason()).startsWith("2 host(s) serving (16 session slots) < floor 3 host(s)");
        });
        assertThat(held).isEmpty();
    }

    @Test
    void aHostDrainingLongerThanGracePlusAllowanceIsStuckButNotOneMinuteEarlier() {
        Duration timeout = SPEC.drain().gracePeriod().plus(ALLOWANCE);
        RolloutRecord running = record(RolloutState.RUNNING, "started", T0,
                host("hp-01", HostStage.DRAINING, 2, T0, "admitted"), host("hp-02", HostStage.VERIFIED, 1, T0, "verified"));

        List<Alert> late = evaluate(SPEC, running, Optional.empty(), T0.plus(timeout).plusSeconds(1));
        List<Alert> inTime = evaluate(SPEC, running, Optional.empty(), T0.plus(timeout).minusSeconds(60));

        assertThat(late).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.HOST_STUCK);
            assertThat(a.host()).contains("hp-01");
            assertThat(a.stage()).isEqualTo("DRAINING");
            assertThat(a.key()).isEqualTo("r-1/hp-01/2/DRAINING");
            assertThat(a.reason()).contains("> timeout " + timeout);
        });
        assertThat(inTime).isEmpty();
    }

    @Test
    void aWindowThatClosedWithHostsStillPendingIsAMissedWindowButAnOpenWindowIsNot() {
        // 23:00-05:00 Europe/Berlin (UTC+1 in March): 22:00Z-04:00Z
        RolloutSpec windowed = SPEC.toBuilder().maintenanceWindow(MaintenanceWindow.daily("23:00", "05:00", "Europe/Berlin")).build();
        RolloutRecord running = record(RolloutState.RUNNING, "started", T0,
                host("hp-01", HostStage.VERIFIED, 1, T0.plusSeconds(3600), "verified"),
                host("hp-02", HostStage.PENDING, 0, T0, "in scope"));

        List<Alert> after = evaluate(windowed, running, Optional.empty(), Instant.parse("2026-03-03T06:00:00Z"));
        List<Alert> during = evaluate(windowed, running, Optional.empty(), Instant.parse("2026-03-03T03:00:00Z"));

        assertThat(after).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.MISSED_MAINTENANCE_WINDOW);
            assertThat(a.reason()).contains("closed at 2026-03-03T04:00:00Z with 1 host(s) not started");
            assertThat(a.text()).contains("next opening 2026-03-03T22:00:00Z");
        });
        assertThat(during).isEmpty();
    }

    @Test
    void aFinishedRolloutRaisesNothingEvenWithCapacityLow() {
        RolloutRecord done = record(RolloutState.COMPLETED, "all done", T0.plusSeconds(7200),
                host("hp-01", HostStage.VERIFIED, 1, T0.plusSeconds(3600), "verified"));

        assertThat(evaluate(SPEC, done, Optional.of(new ServingCapacity(0, 8)), T0.plusSeconds(9000))).isEmpty();
    }
}
