package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.testing.InMemoryEventBus;
import io.avdroll.bus.testing.ManualClock;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.HostClass;
import io.avdroll.pool.PowerState;
import io.avdroll.rollout.DrainPolicy;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.PlanAction;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plan actions turned into effects: drain requests on the in-memory bus, power and drain mode through the ports. */
class PlanExecutorTest {

    private static final Instant NOW = Instant.parse("2026-03-10T22:00:00Z");
    private static final String RG = "rg-avd";
    private static final String POOL = "hp-one";
    private static final String V2 = FakeAzure.image("2.0.0");

    private final ManualClock clock = new ManualClock(NOW);
    private final Topology topology = TopologyReader.fromClasspath();
    private final InMemoryEventBus bus = new InMemoryEventBus(topology, new EventCodec(), clock);
    private final FakeAzure azure = new FakeAzure().pool(RG, POOL, 8)
            .standardHost(RG, POOL, "host-01", "1.0.0", 2)
            .standardHost(RG, POOL, "host-02", "2.0.0", 0)
            .drHost(RG, POOL, "dr-01", "1.0.0", io.avdroll.azure.compute.PowerState.HIBERNATED);
    private final PlanExecutor executor = new PlanExecutor(bus, azure, azure);
    private final RolloutTarget target = new RolloutTarget(FakeAzure.SUBSCRIPTION, RG, POOL, V2, "alice", NOW);
    private final DrainPolicy drain = new DrainPolicy(Duration.ofMinutes(45), List.of(Duration.ofMinutes(10)), "Update",
            "Please sign out", "Last call", false);
    private final RolloutSpec spec = PoolSpecs.builtIn(V2).drain(drain).build();
    private final List<DrainRequested> drains = new ArrayList<>();
    private PoolObservation observed;
    private RolloutRecord record;

    @BeforeEach
    void observeThePool() {
        bus.consume(topology.endpoint("drain-requested/subscriptions/drain-service"), d -> {
            drains.add((DrainRequested) d.event());
            return Settlement.complete();
        });
        observed = new PoolObserver(azure, azure, azure).observe(new HostPoolRef(RG, POOL), V2);
        record = RolloutRecord.start("r-1", observed.snapshot(), V2, NOW);
    }

    private ExecutionResult execute(PlanAction... actions) {
        ExecutionResult result = executor.execute(new Plan(List.of(actions), List.of(), new Plan.Capacity(0, 0, 0, 1)),
                target, spec, record, observed, NOW);
        bus.deliverDue();
        return result;
    }

    @Test
    void anAdmittedHostGetsADrainRequestWithTheRolloutsDrainPolicyAndIsDrainingInTheRecord() {
        ExecutionResult result = execute(new PlanAction.AdmitHost("host-01", HostClass.STANDARD, 1, null, "admit host-01"));

        assertThat(drains).singleElement().satisfies(d -> {
            assertThat(d.messageId()).isEqualTo("hp-one/r-1/host-01/drain");
            assertThat(d.gracePeriod()).isEqualTo(Duration.ofMinutes(45));
            assertThat(d.effectivePolicy(DrainPolicy.defaults())).isEqualTo(drain);
            assertThat(d.stageStartedAt()).isEqualTo(NOW);
        });
        assertThat(result.record().host("host-01").orElseThrow().stage()).isEqualTo(HostStage.DRAINING);
    }

    @Test
    void theRequestsBakeTimeTravelsWithTheDrainRequestAndIsAbsentWithoutOne() {
        RolloutTarget baked = new RolloutTarget(FakeAzure.SUBSCRIPTION, RG, POOL, V2, "alice", NOW, Duration.ofMinutes(50));
        PlanAction.AdmitHost admit = new PlanAction.AdmitHost("host-01", HostClass.STANDARD, 1, null, "admit host-01");

        assertThat(PlanExecutor.drainRequest(admit, baked, spec, record, NOW).bakeTime()).isEqualTo(Duration.ofMinutes(50));
        assertThat(PlanExecutor.drainRequest(admit, target, spec, record, NOW).bakeTime()).isNull();
    }

    @Test
    void executingTheSameAdmissionTwiceSendsOneDrainRequest() {
        execute(new PlanAction.AdmitHost("host-01", HostClass.STANDARD, 1, null, "admit host-01"));
        execute(new PlanAction.AdmitHost("host-01", HostClass.STANDARD, 1, null, "admit host-01"));

        assertThat(drains).hasSize(1);
    }

    @Test
    void aSkippedHostIsOnlyBookkeeping() {
        ExecutionResult result = execute(new PlanAction.SkipHost("host-02", V2, "skip host-02"));

        assertThat(result.record().host("host-02").orElseThrow().stage()).isEqualTo(HostStage.SKIPPED);
        assertThat(drains).isEmpty();
        assertThat(azure.powerOps).isEmpty();
    }

    @Test
    void aSurgeHostIsStartedTaggedWithItsEarlierPowerAndRecorded() {
        ExecutionResult result = execute(new PlanAction.ResumeForSurge("dr-01", PowerState.HIBERNATED, "resume dr-01"));

        assertThat(azure.powerOps).containsExactly("start dr-01");
        assertThat(azure.get(new VmRef(RG, "dr-01")).tags()).containsEntry(HostTags.POWER_BEFORE, "hibernated")
                .containsEntry(HostTags.ROLLOUT, "r-1");
        assertThat(result.record().surgeHosts()).containsEntry("dr-01", PowerState.HIBERNATED);
    }

    @Test
    void aSurgeHostAlreadyRunningIsNotStartedAgain() {
        azure.start(new VmRef(RG, "dr-01"));
        azure.powerOps.clear();
        observed = new PoolObserver(azure, azure, azure).observe(new HostPoolRef(RG, POOL), V2);

        execute(new PlanAction.ResumeForSurge("dr-01", PowerState.HIBERNATED, "resume dr-01"));

        assertThat(azure.powerOps).doesNotContain("start dr-01");
    }

    @Test
    void resumingAndReturningASurgeHostActOnTheHandlingsObservationWithoutReadingTheVmAgain() {
        azure.reads.clear();
        execute(new PlanAction.ResumeForSurge("dr-01", PowerState.HIBERNATED, "resume dr-01"));
        assertThat(azure.reads).isEmpty();
        observed = new PoolObserver(azure, azure, azure).observe(new HostPoolRef(RG, POOL), V2);
        record = record.surgeResumed("dr-01", PowerState.HIBERNATED, NOW).record();
        azure.reads.clear();

        execute(new PlanAction.ReturnToSleep("dr-01", PowerState.HIBERNATED, "return dr-01"));

        assertThat(azure.reads).isEmpty();
        assertThat(azure.powerOps).containsExactly("start dr-01", "hibernate dr-01");
        assertThat(azure.get(new VmRef(RG, "dr-01")).tags()).containsEntry(HostTags.ROLLOUT, "r-1")
                .doesNotContainKey(HostTags.POWER_BEFORE);
    }

    @Test
    void aSurgeHostWithUsersIsOnlyDrainedAndStaysASurgeHostUntilTheyLeave() {
        record = record.surgeResumed("host-01", PowerState.HIBERNATED, NOW).record(); // host-01 has 2 sessions

        ExecutionResult result = execute(new PlanAction.ReturnToSleep("host-01", PowerState.HIBERNATED, "return host-01"));

        assertThat(azure.powerOps).containsExactly("drain-mode host-01");
        assertThat(result.record().surgeHosts()).containsKey("host-01");
    }

    @Test
    void anEmptySurgeHostGoesBackToItsEarlierPowerStateAndLosesItsMarker() {
        azure.start(new VmRef(RG, "dr-01"));
        azure.updateTags(new VmRef(RG, "dr-01"), java.util.Map.of(HostTags.POWER_BEFORE, "deallocated"), java.util.Set.of());
        azure.powerOps.clear();
        observed = new PoolObserver(azure, azure, azure).observe(new HostPoolRef(RG, POOL), V2);
        record = record.surgeResumed("dr-01", PowerState.DEALLOCATED, NOW).record();

        ExecutionResult result = execute(new PlanAction.ReturnToSleep("dr-01", PowerState.DEALLOCATED, "return dr-01"));

        assertThat(azure.powerOps).containsExactly("deallocate dr-01");
        assertThat(azure.get(new VmRef(RG, "dr-01")).tags()).doesNotContainKey(HostTags.POWER_BEFORE);
        assertThat(result.record().surgeHosts()).isEmpty();
    }

    @Test
    void aThrottledEffectStopsTheRunKeepingWhatWasDoneBeforeIt() {
        azure.failNextPowerOp = new AzureFailure(AzureFailureKind.THROTTLED, "start dr-01", 429, "TooManyRequests",
                "slow down", Duration.ofSeconds(9));

        ExecutionResult result = executor.execute(new Plan(List.of(
                new PlanAction.AdmitHost("host-01", HostClass.STANDARD, 1, null, "admit host-01"),
                new PlanAction.ResumeForSurge("dr-01", PowerState.HIBERNATED, "resume dr-01"),
                new PlanAction.SkipHost("host-02", V2, "skip host-02")), List.of(), new Plan.Capacity(0, 0, 0, 1)),
                target, spec, record, observed, NOW);

        assertThat(result.interruptedBy()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(AzureFailureKind.THROTTLED));
        assertThat(result.record().host("host-01").orElseThrow().stage()).isEqualTo(HostStage.DRAINING);
        assertThat(result.record().surgeHosts()).isEmpty();
        assertThat(result.record().host("host-02").orElseThrow().stage()).isEqualTo(HostStage.PENDING);
    }
}
