package io.avdroll.rollout;

import static io.avdroll.rollout.Pools.OLD;
import static io.avdroll.rollout.Pools.TARGET;
import static io.avdroll.rollout.Pools.hibernatedDr;
import static io.avdroll.rollout.Pools.pool;
import static io.avdroll.rollout.Pools.serving;
import static io.avdroll.rollout.Pools.servingHosts;
import static io.avdroll.rollout.Pools.unhealthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutPlannerTest {
    private static final Instant NOW = Instant.parse("2025-05-01T22:00:00Z");

    private static RolloutSpec.Builder spec() {
        return RolloutSpec.builder(TARGET).failureBudget("2");
    }

    private static RolloutRecord start(HostPoolSnapshot pool) {
        return RolloutRecord.start("r-1", pool, TARGET, NOW);
    }

    private static List<String> admitted(Plan plan) {
        return plan.actionsOf(PlanAction.AdmitHost.class).stream().map(PlanAction.AdmitHost::host).toList();
    }

    /** Applies the plan's actions to the record, as the coordinator does. */
    private static RolloutRecord apply(RolloutRecord record, Plan plan) {
        for (PlanAction action : plan.actions()) {
            record = record.apply(action, NOW).orThrow();
        }
        return record;
    }

    private static RolloutRecord finish(RolloutRecord record, String host, HostStage stage) {
        return record.advanceHost(host, stage, record.host(host).orElseThrow().attempt(), "test", NOW).orThrow();
    }

    /** The snapshot as it looks while the given hosts are out (in drain mode). */
    private static HostPoolSnapshot drainMode(HostPoolSnapshot pool, List<String> hosts) {
        for (String h : hosts) {
            pool = pool.with(pool.host(h).orElseThrow().withAllowNewSession(false));
        }
        return pool;
    }

    @ParameterizedTest(name = "maxUnavailable {0} of 10 hosts admits {1} at once")
    @CsvSource({"3, 3", "1, 1", "25%, 2", "5%, 1", "100%, 10"})
    void theWindowAdmitsUpToMaxUnavailableHosts(String maxUnavailable, int expected) {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable(maxUnavailable).build(), start(pool), NOW);
        assertThat(admitted(plan)).hasSize(expected);
        assertThat(plan.capacity().inFlight()).isEqualTo(expected);
    }

    @Test
    void theNextHostStartsAsSoonAsOneFinishesNotWhenTheWholeBatchDoes() {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        RolloutSpec spec = spec().maxUnavailable("3").build();
        RolloutRecord record = apply(start(pool), RolloutPlanner.plan(pool, spec, start(pool), NOW));
        assertThat(record.inFlightCount()).isEqualTo(3);
        assertThat(admitted(RolloutPlanner.plan(pool, spec, record, NOW))).isEmpty();

        record = finish(record, "host-1", HostStage.VERIFIED);
        Plan plan = RolloutPlanner.plan(pool, spec, record, NOW);
        assertThat(admitted(plan)).containsExactly("host-4");
        assertThat(plan.explanations()).anyMatch(e -> e.startsWith("window full: 3/3 in flight"));
    }

    @Test
    void theHostFloorLimitsAdmissionsAndTheReasonShowsTheArithmetic() {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("5").minAvailableHosts(8).build(), start(pool), NOW);
        assertThat(admitted(plan)).containsExactly("host-1", "host-2");
        assertThat(plan.actions().get(0).reason()).startsWith("admit host-1 (Available, 0 session(s)): 10 serving - 1 = 9 >= floor 8 hosts");
        assertThat(plan.explanations()).anyMatch(e -> e.startsWith("capacity floor: admitting host-3 (0 sessions) would leave 7 serving"));
        assertThat(plan.capacity().servingHosts()).isEqualTo(8);
    }

    @Test
    void theSlotFloorLimitsAdmissionsByMaxSessionLimitTimesServingHosts() {
        HostPoolSnapshot pool = pool(10, servingHosts(10, 0));
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("5").minSessionSlots(75).build(), start(pool), NOW);
        assertThat(admitted(plan)).hasSize(2);
        assertThat(plan.capacity().sessionSlots()).isEqualTo(80);
    }

    @Test
    void hostsAlreadyUnavailableForOtherReasonsCostNoCapacityAndGoFirst() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(8, 3));
        hosts.add(unhealthy("host-9"));
        hosts.add(serving("host-10", 2).withAllowNewSession(false));
        HostPoolSnapshot pool = pool(hosts);
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("5").minAvailableHosts(7).build(), start(pool), NOW);
        assertThat(admitted(plan)).containsExactly("host-9", "host-10", "host-1");
        assertThat(plan.actions().get(0).reason()).contains("not serving, so no capacity lost (8 serving)");
    }

    @Test
    void aHostInFlightCountsAsUnavailableEvenWhenTheSnapshotShowsItServing() {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        RolloutRecord record = finish(start(pool).admit("host-1", null, "", NOW).orThrow(), "host-1", HostStage.VERIFYING);
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("5").minAvailableHosts(8).build(), record, NOW);
        assertThat(admitted(plan)).containsExactly("host-2");
    }

    @Test
    void aFailedHostStaysOutOfTheCapacityCountEvenIfAzureShowsItAvailable() {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        RolloutRecord record = finish(start(pool).admit("host-1", null, "", NOW).orThrow(), "host-1", HostStage.FAILED);
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("5").minAvailableHosts(8).build(), record, NOW);
        assertThat(admitted(plan)).containsExactly("host-2");
    }

    @Test
    void pendingHostsAreOrderedUnhealthyThenUnavailableThenEmptyThenFewestSessionsThenByName() {
        List<SessionHost> hosts = List.of(serving("host-10", 0), serving("host-2", 0), serving("host-3", 5),
                serving("host-4", 1), unhealthy("host-5"), hibernatedDr("dr-1", OLD));
        List<String> order = RolloutPlanner.order(hosts, OrderingStrategy.LEAST_DISRUPTIVE).stream().map(SessionHost::name).toList();
        assertThat(order).containsExactly("host-5", "dr-1", "host-2", "host-10", "host-4", "host-3");
    }

    @Test
    void theByNameStrategyUsesNaturalNameOrderOnly() {
        List<SessionHost> hosts = List.of(serving("host-10", 0), unhealthy("host-9"), serving("host-2", 7));
        assertThat(RolloutPlanner.order(hosts, OrderingStrategy.BY_NAME).stream().map(SessionHost::name))
                .containsExactly("host-2", "host-9", "host-10");
    }

    @Test
    void theCanaryGoesAloneUntilVerifiedThenTheWindowOpens() {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        RolloutSpec spec = spec().maxUnavailable("4").canary(CanaryPolicy.of(1)).build();
        Plan first = RolloutPlanner.plan(pool, spec, start(pool), NOW);
        assertThat(admitted(first)).containsExactly("host-1");
        RolloutRecord record = apply(start(pool), first);

        Plan waiting = RolloutPlanner.plan(drainMode(pool, List.of("host-1")), spec, record, NOW);
        assertThat(admitted(waiting)).isEmpty();
        assertThat(waiting.explanations()).anyMatch(e -> e.contains("canary: 0/1 canary host(s) verified, window 1"));

        Plan opened = RolloutPlanner.plan(pool, spec, finish(record, "host-1", HostStage.VERIFIED), NOW);
        assertThat(admitted(opened)).containsExactly("host-2", "host-3", "host-4", "host-5");
    }

    @Test
    void aFailedCanaryWithinBudgetIsReplacedByTheNextHost() {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        RolloutSpec spec = spec().maxUnavailable("4").canary(CanaryPolicy.of(1)).failureBudget("1").build();
        RolloutRecord record = finish(apply(start(pool), RolloutPlanner.plan(pool, spec, start(pool), NOW)), "host-1", HostStage.FAILED);
        assertThat(admitted(RolloutPlanner.plan(pool, spec, record, NOW))).containsExactly("host-2");
    }

    @ParameterizedTest(name = "with {0} verified the widening window admits {1}")
    @CsvSource({"1, 1", "2, 2", "3, 3", "5, 5", "7, 6"})
    void aWideningWindowGrowsWithEachVerifiedHostUpToMaxUnavailable(int verified, int expected) {
        HostPoolSnapshot pool = pool(servingHosts(20, 0));
        RolloutSpec spec = spec().maxUnavailable("6").canary(new CanaryPolicy(1, true)).build();
        RolloutRecord record = start(pool);
        for (int i = 1; i <= verified; i++) {
            record = finish(record.admit("host-" + i, null, "", NOW).orThrow(), "host-" + i, HostStage.VERIFIED);
        }
        assertThat(admitted(RolloutPlanner.plan(pool, spec, record, NOW))).hasSize(expected);
    }

    @Test
    void exceedingTheFailureBudgetPausesTheRolloutNamingTheFailedHosts() {
        HostPoolSnapshot pool = pool(servingHosts(10, 0));
        RolloutSpec spec = spec().maxUnavailable("3").failureBudget("1").build();
        RolloutRecord record = apply(start(pool), RolloutPlanner.plan(pool, spec, start(pool), NOW));
        record = finish(finish(record, "host-1", HostStage.FAILED), "host-2", HostStage.FAILED);

        Plan plan = RolloutPlanner.plan(pool, spec, record, NOW);
        assertThat(admitted(plan)).isEmpty();
        assertThat(plan.actionsOf(PlanAction.PauseRollout.class)).singleElement()
                .extracting(PlanAction::reason).asString()
                .startsWith("failure budget exceeded: 2 failed host(s) (host-1, host-2) > budget 1");
        RolloutRecord paused = apply(record, plan);
        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.host("host-1").orElseThrow().stage()).isEqualTo(HostStage.FAILED);
    }

    @Test
    void failuresWithinAPercentageBudgetDoNotPause() {
        HostPoolSnapshot pool = pool(servingHosts(20, 0));
        RolloutSpec spec = spec().maxUnavailable("3").failureBudget("10%").build();
        RolloutRecord record = apply(start(pool), RolloutPlanner.plan(pool, spec, start(pool), NOW));
        record = finish(finish(record, "host-1", HostStage.FAILED), "host-2", HostStage.FAILED);
        Plan plan = RolloutPlanner.plan(pool, spec, record, NOW);
        assertThat(plan.actionsOf(PlanAction.PauseRollout.class)).isEmpty();
        assertThat(admitted(plan)).containsExactly("host-4", "host-5");
    }

    @Test
    void hostsAlreadyOnTheTargetImageAreSkippedNotAdmitted() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(3, 0));
        hosts.set(0, hosts.get(0).withImageVersion(TARGET));
        HostPoolSnapshot pool = pool(hosts);
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("3").build(), start(pool), NOW);
        assertThat(plan.actionsOf(PlanAction.SkipHost.class)).singleElement()
                .extracting(PlanAction::reason).isEqualTo("skip host-1: already on target image 2.0.0 (Available)");
        assertThat(admitted(plan)).containsExactly("host-2", "host-3");
    }

    @Test
    void withoutSkipMatchingEvenHostsOnTheTargetImageAreRedeployed() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(2, 0));
        hosts.set(0, hosts.get(0).withImageVersion(TARGET));
        HostPoolSnapshot pool = pool(hosts);
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("3").skipMatching(false).build(), start(pool), NOW);
        assertThat(admitted(plan)).containsExactly("host-1", "host-2");
    }

    @Test
    void outsideTheMaintenanceWindowNothingIsAdmittedAndTheNextOpeningIsNamed() {
        HostPoolSnapshot pool = pool(servingHosts(4, 0));
        RolloutSpec spec = spec().maxUnavailable("2")
                .maintenanceWindow(MaintenanceWindow.daily("22:00", "04:00", "Europe/Berlin")).build();
        Instant noonBerlin = Instant.parse("2025-05-01T10:00:00Z");
        Plan closed = RolloutPlanner.plan(pool, spec, start(pool), noonBerlin);
        assertThat(closed.actions()).isEmpty();
        assertThat(closed.explanations()).singleElement().asString()
                .contains("outside maintenance window 22:00-04:00 daily Europe/Berlin")
                .contains("next opening 2025-05-01T20:00:00Z");
        assertThat(admitted(RolloutPlanner.plan(pool, spec, start(pool), Instant.parse("2025-05-01T20:00:00Z")))).hasSize(2);
    }

    @Test
    void hostsInFlightFinishAfterTheWindowClosesButNoNewOneStarts() {
        HostPoolSnapshot pool = pool(servingHosts(4, 0));
        RolloutSpec spec = spec().maxUnavailable("2")
                .maintenanceWindow(MaintenanceWindow.daily("22:00", "04:00", "Europe/Berlin")).build();
        RolloutRecord record = apply(start(pool), RolloutPlanner.plan(pool, spec, start(pool), Instant.parse("2025-05-01T20:00:00Z")));
        record = finish(record, "host-1", HostStage.VERIFIED);
        Instant afterClose = Instant.parse("2025-05-02T02:30:00Z");
        Plan plan = RolloutPlanner.plan(pool, spec, record, afterClose);
        assertThat(admitted(plan)).isEmpty();
        assertThat(plan.explanations()).singleElement().asString().contains("1 host(s) in flight finish");
        assertThat(record.advanceHost("host-2", HostStage.VERIFIED, 1, "", afterClose).applied()).isTrue();
    }

    @Test
    void sleepingDrHostsAreResumedToHoldTheFloorWhenItBlocksAdmissions() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(8, 2));
        hosts.add(hibernatedDr("dr-1", TARGET));
        hosts.add(hibernatedDr("dr-2", TARGET));
        HostPoolSnapshot pool = pool(hosts);
        RolloutSpec spec = spec().maxUnavailable("2").minAvailableHosts(8).drAsSurge(true).build();

        Plan plan = RolloutPlanner.plan(pool, spec, start(pool), NOW);
        assertThat(plan.actionsOf(PlanAction.SkipHost.class)).hasSize(2);
        assertThat(admitted(plan)).isEmpty();
        assertThat(plan.actionsOf(PlanAction.ResumeForSurge.class)).extracting(PlanAction.ResumeForSurge::host)
                .containsExactly("dr-1", "dr-2");
        assertThat(plan.actionsOf(PlanAction.ResumeForSurge.class).get(0).earlierPowerState()).isEqualTo(PowerState.HIBERNATED);

        RolloutRecord record = apply(start(pool), plan);
        HostPoolSnapshot oneUp = pool.with(pool.host("dr-1").orElseThrow().withPowerState(PowerState.RUNNING)
                .withStatus(SessionHostStatus.AVAILABLE));
        Plan next = RolloutPlanner.plan(oneUp, spec, record, NOW);
        assertThat(admitted(next)).containsExactly("host-1");
        assertThat(next.actionsOf(PlanAction.ResumeForSurge.class)).isEmpty();
        assertThat(next.explanations()).anyMatch(e -> e.equals("waiting for 1 surge host(s) to start serving"));
    }

    @Test
    void withoutDrSurgeAFloorBlockedRolloutWaitsAndSaysSo() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(8, 2));
        hosts.add(hibernatedDr("dr-1", TARGET));
        HostPoolSnapshot pool = pool(hosts);
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("2").minAvailableHosts(8).build(), start(pool), NOW);
        assertThat(plan.actionsOf(PlanAction.ResumeForSurge.class)).isEmpty();
        assertThat(plan.explanations()).contains("DR surge is off: waiting for hosts in flight to return");
    }

    @Test
    void aRolloutThatCanNeverAdmitAnotherHostPausesAsStalledInsteadOfWaitingForever() {
        HostPoolSnapshot pool = pool(servingHosts(3, 0));
        RolloutRecord record = finish(start(pool).admit("host-1", null, "", NOW).orThrow(), "host-1", HostStage.FAILED);
        HostPoolSnapshot withFailedHostOut = pool.with(pool.host("host-1").orElseThrow().withAllowNewSession(false));
        Plan plan = RolloutPlanner.plan(withFailedHostOut, spec().minAvailableHosts(2).build(), record, NOW);
        assertThat(plan.actionsOf(PlanAction.PauseRollout.class)).singleElement().extracting(PlanAction::reason).asString()
                .startsWith("stalled: nothing in flight and no pending host can be admitted")
                .contains("capacity floor: admitting host-2");
    }

    @Test
    void aRolloutWaitingForHostsInFlightIsNotStalled() {
        HostPoolSnapshot pool = pool(servingHosts(3, 0));
        RolloutRecord record = start(pool).admit("host-1", null, "", NOW).orThrow();
        Plan plan = RolloutPlanner.plan(drainMode(pool, List.of("host-1")), spec().minAvailableHosts(2).build(), record, NOW);
        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void aSleepingDrHostIsRedeployedAndRemembersToGoBackToSleep() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(2, 2));
        hosts.add(hibernatedDr("dr-1", OLD));
        HostPoolSnapshot pool = pool(hosts);
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("1").build(), start(pool), NOW);
        assertThat(plan.actionsOf(PlanAction.AdmitHost.class)).singleElement()
                .satisfies(a -> {
                    assertThat(a.host()).isEqualTo("dr-1");
                    assertThat(a.hostClass()).isEqualTo(HostClass.DR);
                    assertThat(a.returnPowerState()).isEqualTo(PowerState.HIBERNATED);
                });
    }

    @Test
    void aSurgeHostAdmittedForItsOwnRedeployReturnsToItsPreSurgePowerState() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(2, 2));
        hosts.add(hibernatedDr("dr-1", OLD).withPowerState(PowerState.RUNNING).withStatus(SessionHostStatus.AVAILABLE).withSessions(0));
        HostPoolSnapshot pool = pool(hosts);
        RolloutRecord record = start(pool).surgeResumed("dr-1", PowerState.DEALLOCATED, NOW).orThrow();
        Plan plan = RolloutPlanner.plan(pool, spec().maxUnavailable("1").build(), record, NOW);
        assertThat(plan.actionsOf(PlanAction.AdmitHost.class)).singleElement()
                .extracting(PlanAction.AdmitHost::host, PlanAction.AdmitHost::returnPowerState)
                .containsExactly("dr-1", PowerState.DEALLOCATED);
    }

    @Test
    void whenEveryHostIsDoneSurgeHostsGoBackToSleepAndTheRolloutCompletes() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(2, 0));
        hosts.add(hibernatedDr("dr-1", TARGET).withPowerState(PowerState.RUNNING).withStatus(SessionHostStatus.AVAILABLE));
        HostPoolSnapshot pool = pool(hosts);
        RolloutRecord record = start(pool).skip("dr-1", "", NOW).orThrow().surgeResumed("dr-1", PowerState.HIBERNATED, NOW).orThrow();
        for (String h : List.of("host-1", "host-2")) {
            record = finish(record.admit(h, null, "", NOW).orThrow(), h, HostStage.VERIFIED);
        }
        Plan plan = RolloutPlanner.plan(pool, spec().minAvailableHosts(2).build(), record, NOW);
        assertThat(plan.actions()).hasSize(2);
        assertThat(plan.actions().get(0)).isInstanceOf(PlanAction.ReturnToSleep.class)
                .extracting(PlanAction::reason).asString().startsWith("return surge host dr-1 to hibernated");
        assertThat(plan.actions().get(1)).isInstanceOf(PlanAction.CompleteRollout.class)
                .extracting(PlanAction::reason).isEqualTo("all 3 hosts done: 2 verified, 1 skipped, 0 failed (budget 2)");
        RolloutRecord done = apply(record, plan);
        assertThat(done.state()).isEqualTo(RolloutState.COMPLETED);
        assertThat(done.surgeHosts()).isEmpty();
    }

    @Test
    void aSurgeHostTheFloorStillNeedsStaysAwake() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(2, 0));
        hosts.set(1, unhealthy("host-2"));
        hosts.add(hibernatedDr("dr-1", TARGET).withPowerState(PowerState.RUNNING).withStatus(SessionHostStatus.AVAILABLE));
        HostPoolSnapshot pool = pool(hosts);
        RolloutRecord record = start(pool).skip("dr-1", "", NOW).orThrow().surgeResumed("dr-1", PowerState.HIBERNATED, NOW).orThrow()
                .pause("operator", NOW).orThrow();
        Plan plan = RolloutPlanner.plan(pool, spec().minAvailableHosts(2).build(), record, NOW);
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.explanations()).anyMatch(e -> e.startsWith("keep surge host dr-1 awake"));
    }

    @Test
    void aPausedRolloutAdmitsNothingUntilResumed() {
        HostPoolSnapshot pool = pool(servingHosts(4, 0));
        RolloutSpec spec = spec().maxUnavailable("2").build();
        RolloutRecord paused = start(pool).pause("operator asked", NOW).orThrow();
        Plan plan = RolloutPlanner.plan(pool, spec, paused, NOW);
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.explanations()).containsExactly("rollout paused (operator asked): no new admissions, 0 host(s) in flight finish");
        assertThat(admitted(RolloutPlanner.plan(pool, spec, paused.resume(NOW).orThrow(), NOW))).hasSize(2);
    }

    @Test
    void aCancelledRolloutAdmitsNothing() {
        HostPoolSnapshot pool = pool(servingHosts(4, 0));
        RolloutRecord cancelled = start(pool).cancel("operator", NOW).orThrow();
        assertThat(RolloutPlanner.plan(pool, spec().maxUnavailable("2").build(), cancelled, NOW).actions()).isEmpty();
    }

    @Test
    void retriedHostsAreAdmittedAgainOnTheirNextAttempt() {
        HostPoolSnapshot pool = pool(servingHosts(2, 0));
        RolloutSpec spec = spec().maxUnavailable("1").failureBudget("0").build();
        RolloutRecord record = finish(start(pool).admit("host-1", null, "", NOW).orThrow(), "host-1", HostStage.FAILED);
        RolloutRecord paused = apply(record, RolloutPlanner.plan(pool, spec, record, NOW));
        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);

        RolloutRecord retried = paused.retryFailed(NOW).orThrow().resume(NOW).orThrow();
        Plan plan = RolloutPlanner.plan(pool, spec, retried, NOW);
        assertThat(plan.actionsOf(PlanAction.AdmitHost.class)).singleElement()
                .extracting(PlanAction.AdmitHost::host, PlanAction.AdmitHost::attempt).containsExactly("host-1", 2);
    }

    @Test
    void aPendingHostMissingFromTheSnapshotIsNotAdmittedAndTheRolloutDoesNotComplete() {
        HostPoolSnapshot pool = pool(servingHosts(2, 0));
        RolloutRecord record = finish(start(pool).admit("host-1", null, "", NOW).orThrow(), "host-1", HostStage.VERIFIED);
        Plan plan = RolloutPlanner.plan(pool.without("host-2"), spec().build(), record, NOW);
        assertThat(plan.actionsOf(PlanAction.CompleteRollout.class)).isEmpty();
        assertThat(plan.explanations()).contains("host-2 is not in the pool snapshot: not admitted until it is seen again");
    }

    @Test
    void theSamePlanComesOutOfTheSameInputs() {
        HostPoolSnapshot pool = pool(servingHosts(30, 4));
        RolloutSpec spec = spec().maxUnavailable("20%").minAvailableHosts(20).build();
        assertThat(RolloutPlanner.plan(pool, spec, start(pool), NOW)).isEqualTo(RolloutPlanner.plan(pool, spec, start(pool), NOW));
    }
}
