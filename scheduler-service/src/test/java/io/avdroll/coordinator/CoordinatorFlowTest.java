package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.bus.SessionState;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.testing.DeadLettered;
import io.avdroll.bus.testing.InMemoryEventBus;
import io.avdroll.bus.testing.ManualClock;
import io.avdroll.events.ControlAction;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostVerified;
import io.avdroll.events.MessageIds;
import io.avdroll.events.RolloutControl;
import io.avdroll.events.SpecOverrides;
import io.avdroll.events.UpdateRequested;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutState;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole coordinator on the deterministic in-memory bus, against a fake Azure behind the ports. */
class CoordinatorFlowTest {

    private static final String SUB = FakeAzure.SUBSCRIPTION;
    private static final String POOL = "hp-one";
    private static final String RG = "rg-avd";
    private static final String V1 = FakeAzure.image("1.0.0");
    private static final String V2 = FakeAzure.image("2.0.0");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T20:00:00Z"));
    private final Topology topology = TopologyReader.fromClasspath();
    private final EventCodec codec = new EventCodec();
    private final InMemoryEventBus bus = new InMemoryEventBus(topology, codec, clock);
    private final FakeAzure azure = new FakeAzure().pool(RG, POOL, 8);
    private final KnownRollouts known = new KnownRollouts();
    private final List<DrainRequested> drains = new ArrayList<>();
    private Coordinator coordinator;

    @BeforeEach
    void sixStandardHostsOnV1() {
        for (int i = 1; i <= 6; i++) {
            azure.standardHost(RG, POOL, "host-0" + i, "1.0.0", i - 1);
        }
        start(Map.of());
    }

    private void start(Map<String, String> poolConfig) {
        coordinator = new Coordinator(new StateCodec(), PoolSpecs.from(poolConfig), new PoolObserver(azure, azure, azure),
                azure, new PlanExecutor(bus, azure, azure), bus, CoordinatorSettings.from(SUB, Map.of()), clock, known,
                new HandledMessages(100));
        bus.consumeSessions(topology.endpoint("coordinator"), coordinator);
        bus.consume(topology.endpoint("drain-requested/subscriptions/drain-service"), delivery -> {
            drains.add((DrainRequested) delivery.event());
            return Settlement.complete();
        });
    }

    private UpdateRequested request(String rolloutId, String pool, String image, SpecOverrides overrides) {
        return new UpdateRequested(rolloutId, SUB, RG, pool, image, overrides, "alice", clock.instant());
    }

    private static SpecOverrides window(String maxUnavailable) {
        return new SpecOverrides(maxUnavailable, 0, null, null, null, null);
    }

    private RolloutRecord record() {
        return known.find(SUB, RG, POOL).orElseThrow().record();
    }

    private HostVerified verified(String host, int attempt) {
        return new HostVerified("r-1", SUB, RG, POOL, host, attempt, V2, clock.instant());
    }

    private HostFailed failed(String host) {
        return new HostFailed("r-1", SUB, RG, POOL, host, 1, FailedStage.REDEPLOY, "AllocationFailed", "no capacity",
                "could not recreate the VM", clock.instant());
    }

    private RolloutControl control(ControlAction action) {
        clock.advance(Duration.ofMillis(1));
        return new RolloutControl("r-1", SUB, RG, POOL, action, "operator says so", "bob", clock.instant());
    }

    private List<String> drainedHosts() {
        return drains.stream().map(DrainRequested::host).toList();
    }

    @Test
    void anUpdateRequestAdmitsExactlyTheWindowAndEachVerifiedHostLetsTheNextOneIn() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();

        assertThat(drainedHosts()).containsExactly("host-01", "host-02"); // fewest sessions first
        assertThat(drains.get(0).messageId()).isEqualTo("hp-one/r-1/host-01/drain");
        assertThat(drains.get(0).targetImageVersionId()).isEqualTo(V2);
        assertThat(drains.get(0).gracePeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(record().inStage(HostStage.DRAINING)).hasSize(2);

        bus.publish(verified("host-01", 1));
        bus.deliverDue();

        assertThat(drainedHosts()).containsExactly("host-01", "host-02", "host-03");
        assertThat(record().host("host-01").orElseThrow().stage()).isEqualTo(HostStage.VERIFIED);
        assertThat(record().inFlightCount()).isEqualTo(2);
    }

    @Test
    void eachHandledEventLooksAtThePoolOnceWithTheSameThreeReadsWhateverThePoolsSize() {
        HostPoolRef pool = new HostPoolRef(RG, POOL);
        List<String> oneLook = List.of("get pool " + pool, "list session hosts " + pool, "list VMs " + RG);
        for (int i = 7; i <= 30; i++) {
            azure.standardHost(RG, POOL, "host-" + i, "1.0.0", 0);
        }

        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();
        assertThat(azure.reads).isEqualTo(oneLook);

        azure.reads.clear();
        bus.publish(verified("host-01", 1));
        bus.deliverDue();
        assertThat(azure.reads).isEqualTo(oneLook);
        assertThat(drainedHosts()).hasSize(3);
    }

    @Test
    void aBurstOfVerdictsForOnePoolIsAppliedOneByOneAndThePoolIsLookedAtOnceAfterTheLast() {
        HostPoolRef pool = new HostPoolRef(RG, POOL);
        List<String> oneLook = List.of("get pool " + pool, "list session hosts " + pool, "list VMs " + RG);
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();
        azure.reads.clear();

        bus.publish(verified("host-01", 1));
        bus.publish(verified("host-02", 1));
        bus.deliverDue();

        assertThat(azure.reads).as("reads for two verdicts that arrived together").isEqualTo(oneLook);
        assertThat(record().host("host-01").orElseThrow().stage()).isEqualTo(HostStage.VERIFIED);
        assertThat(record().host("host-02").orElseThrow().stage()).isEqualTo(HostStage.VERIFIED);
        assertThat(drainedHosts()).containsExactly("host-01", "host-02", "host-03", "host-04");
        assertThat(known.find(SUB, RG, POOL).orElseThrow().replanOwed()).as("re-plan still owed").isFalse();
    }

    @Test
    void aReplanLeftToTheNextMessageIsPaidEvenWhenThatMessageChangesNothing() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();
        azure.reads.clear();

        bus.publish(verified("host-01", 1));
        bus.publish(new HostVerified("r-older", SUB, RG, POOL, "host-02", 1, V2, clock.instant())); // ignored
        bus.deliverDue();

        assertThat(azure.reads).as("one look at the pool, made for the ignored message").hasSize(3);
        assertThat(drainedHosts()).containsExactly("host-01", "host-02", "host-03");
        assertThat(known.find(SUB, RG, POOL).orElseThrow().replanOwed()).isFalse();
    }

    @Test
    void theLastVerifiedHostCompletesTheRollout() {
        bus.publish(request("r-1", POOL, V2, window("6")));
        bus.deliverDue();
        for (int i = 1; i <= 6; i++) {
            bus.publish(verified("host-0" + i, 1));
        }
        bus.deliverDue();

        assertThat(record().state()).isEqualTo(RolloutState.COMPLETED);
        assertThat(record().count(HostStage.VERIFIED)).isEqualTo(6);
        assertThat(known.find(SUB, RG, POOL).orElseThrow().tick()).isNull();
    }

    @Test
    void aFailurePastTheBudgetPausesAndNoFurtherHostIsAdmitted() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();

        bus.publish(failed("host-01"));
        bus.deliverDue();

        assertThat(record().state()).isEqualTo(RolloutState.PAUSED);
        assertThat(record().stateReason()).contains("failure budget exceeded");
        assertThat(record().host("host-01").orElseThrow().failedIn()).isEqualTo(HostStage.DRAINING);
        assertThat(drainedHosts()).containsExactly("host-01", "host-02");
        assertThat(known.find(SUB, RG, POOL).orElseThrow().history()).extracting(HistoryEntry::text)
                .anySatisfy(t -> assertThat(t).contains("host-01 failed").contains("AllocationFailed"));
    }

    @Test
    void retryPutsFailedHostsBackOnANewAttemptAndResumes() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();
        bus.publish(failed("host-01"));
        bus.deliverDue();

        bus.publish(control(ControlAction.RETRY));
        bus.deliverDue();

        assertThat(record().state()).isEqualTo(RolloutState.RUNNING);
        assertThat(drains).extracting(DrainRequested::messageId).contains("hp-one/r-1/host-01/attempt-2/drain");
        assertThat(record().host("host-01").orElseThrow().attempt()).isEqualTo(2);
    }

    @Test
    void pauseStopsAdmissionsResumeRestartsThemAndCancelEndsThem() {
        bus.publish(request("r-1", POOL, V2, window("1")));
        bus.deliverDue();
        bus.publish(control(ControlAction.PAUSE));
        bus.deliverDue();
        bus.publish(verified("host-01", 1));
        bus.deliverDue();

        assertThat(record().state()).isEqualTo(RolloutState.PAUSED);
        assertThat(drainedHosts()).containsExactly("host-01");

        bus.publish(control(ControlAction.RESUME));
        bus.deliverDue();
        assertThat(drainedHosts()).containsExactly("host-01", "host-02");

        bus.publish(control(ControlAction.CANCEL));
        bus.publish(verified("host-02", 1));
        bus.deliverDue();
        assertThat(record().state()).isEqualTo(RolloutState.CANCELLED);
        assertThat(drainedHosts()).containsExactly("host-01", "host-02");
    }

    @Test
    void aSecondRequestForARollingPoolIsRefusedAndRecordedInTheHistory() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();

        bus.publish(request("r-2", POOL, V2, window("6")));
        bus.deliverDue();

        CoordinatorState state = known.find(SUB, RG, POOL).orElseThrow();
        assertThat(state.record().rolloutId()).isEqualTo("r-1");
        assertThat(drains).hasSize(2);
        assertThat(state.history()).last().satisfies(h -> {
            assertThat(h.rolloutId()).isEqualTo("r-2");
            assertThat(h.text()).contains("refused").contains("r-1 is RUNNING");
        });
        assertThat(bus.deadLetters("coordinator")).isEmpty();
    }

    @Test
    void aRequestForAnUnknownPoolIsDeadLetteredNamingThePool() {
        bus.publish(request("r-1", "hp-nowhere", V2, SpecOverrides.none()));
        bus.deliverDue();

        assertThat(bus.deadLetters("coordinator")).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Coordinator.UNKNOWN_HOST_POOL);
            assertThat(d.description()).startsWith("hostPool: no host pool 'hp-nowhere'");
        });
        assertThat(drains).isEmpty();
    }

    @Test
    void aRequestWhoseSpecCannotHoldIsDeadLetteredNamingTheField() {
        bus.publish(request("r-1", POOL, V2, new SpecOverrides(null, null, null, null, null, 6)));
        bus.deliverDue();

        assertThat(bus.deadLetters("coordinator")).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Coordinator.INVALID_ROLLOUT_SPEC);
            assertThat(d.description()).startsWith("capacityFloor.minAvailableHosts: must be below the pool size 6");
        });
    }

    @Test
    void aRequestForAnImageVersionTheGalleryDoesNotHaveIsDeadLettered() {
        bus.publish(request("r-1", POOL, FakeAzure.image("9.9.9"), SpecOverrides.none()));
        bus.deliverDue();

        assertThat(bus.deadLetters("coordinator")).extracting(DeadLettered::reason).containsExactly(Coordinator.UNKNOWN_IMAGE_VERSION);
        assertThat(bus.deadLetters("coordinator").get(0).description()).contains("has no version 9.9.9");
    }

    @Test
    void aDuplicateHostVerifiedChangesNothing() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();
        bus.publish(verified("host-01", 1));
        bus.deliverDue();
        byte[] before = bus.sessionState("coordinator", MessageIds.sessionIdOf(SUB, RG, POOL)).orElseThrow();

        // as if the verifier resent it after the duplicate detection window: a new MessageId, the same event
        clock.advance(Duration.ofSeconds(5));
        bus.publishRaw("host-verified", "late-copy", MessageIds.sessionIdOf(SUB, RG, POOL), codec.encode(verified("host-01", 1)));
        bus.deliverDue();

        assertThat(bus.sessionState("coordinator", MessageIds.sessionIdOf(SUB, RG, POOL)).orElseThrow()).isEqualTo(before);
        assertThat(drainedHosts()).containsExactly("host-01", "host-02", "host-03");
    }

    @Test
    void anIllegalTransitionIsRejectedLoggedInTheHistoryAndNeverOverwritesTheRecord() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();
        bus.publish(verified("host-01", 1));
        bus.deliverDue();
        RolloutRecord before = record();

        bus.publish(failed("host-01")); // a verified host cannot fail any more
        bus.deliverDue();

        assertThat(record()).isEqualTo(before);
        assertThat(known.find(SUB, RG, POOL).orElseThrow().history()).last()
                .satisfies(h -> assertThat(h.text()).startsWith("rejected host-failed for host-01"));
    }

    @Test
    void aCrashBetweenExecutingAndSavingReplaysWithoutASecondDrainOfAnyHost() throws Exception {
        UpdateRequested request = request("r-1", POOL, V2, window("2"));
        var delivery = new io.avdroll.bus.Delivery(request, request.messageId(), Optional.empty(), 0, 0, 1, clock.instant(), "coordinator");
        SessionState lost = new SessionState() {
            @Override public String sessionId() { return request.sessionId(); }
            @Override public Optional<byte[]> get() { return Optional.empty(); }
            @Override public void set(byte[] state) { /* the process dies before the state reaches the broker */ }
        };
        coordinator.handle(delivery, lost);

        bus.publish(request); // the redelivery after the crash
        bus.deliverDue();

        assertThat(drainedHosts()).containsExactly("host-01", "host-02");
        assertThat(record().inStage(HostStage.DRAINING)).extracting(p -> p.host()).containsExactly("host-01", "host-02");
    }

    @Test
    void anEventForTheNextAttemptOfAHostTheRecordHasPendingAdoptsTheLostAdmission() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();

        bus.publish(verified("host-05", 1)); // admitted by an instance that crashed before saving
        bus.deliverDue();

        assertThat(record().host("host-05").orElseThrow().stage()).isEqualTo(HostStage.VERIFIED);
    }

    @Test
    void outsideTheMaintenanceWindowNothingIsAdmittedUntilTheScheduledTickAtItsOpening() {
        drains.clear();
        bus.close();
        start(Map.of("avdroll.pools.hp-one.maintenance-window.start", "22:00",
                "avdroll.pools.hp-one.maintenance-window.end", "05:00",
                "avdroll.pools.hp-one.maintenance-window.time-zone", "UTC"));
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();

        assertThat(drains).isEmpty();
        assertThat(known.find(SUB, RG, POOL).orElseThrow().tick().at()).isEqualTo(Instant.parse("2026-03-10T22:00:00Z"));

        clock.set(Instant.parse("2026-03-10T22:00:00Z"));
        bus.deliverDue();

        assertThat(drainedHosts()).containsExactly("host-01", "host-02");
    }

    @Test
    void whileHostsAreInFlightOnePeriodicTickAtATimeNoticesWhatChangedInAzure() {
        bus.publish(request("r-1", POOL, V2, window("1")));
        bus.deliverDue();
        bus.publish(verified("host-01", 1));
        bus.deliverDue();
        assertThat(bus.pending("coordinator")).isEqualTo(1); // one scheduled tick, not one per event

        // someone rebuilt host-06 on v2 by hand meanwhile; the periodic look skips it without any event
        azure.standardHost(RG, POOL, "host-06", "2.0.0", 0);
        clock.advance(Duration.ofMinutes(6));
        bus.deliverDue();

        assertThat(record().host("host-06").orElseThrow().stage()).isEqualTo(HostStage.SKIPPED);
        assertThat(bus.pending("coordinator")).isEqualTo(1);
    }

    @Test
    void aThrottledPoolReadIsRetriedAfterRetryAfterWithoutChangingTheRecord() {
        bus.publish(request("r-1", POOL, V2, window("2")));
        bus.deliverDue();
        azure.failNextObservation = new AzureFailure(AzureFailureKind.THROTTLED, "get host pool", 429, "TooManyRequests",
                "slow down", Duration.ofSeconds(7));

        bus.publish(verified("host-01", 1));
        bus.deliverDue();
        assertThat(record().host("host-01").orElseThrow().stage()).isEqualTo(HostStage.DRAINING);

        clock.advance(Duration.ofSeconds(7));
        bus.deliverDue();
        assertThat(record().host("host-01").orElseThrow().stage()).isEqualTo(HostStage.VERIFIED);
        assertThat(drainedHosts()).containsExactly("host-01", "host-02", "host-03");
    }
}
