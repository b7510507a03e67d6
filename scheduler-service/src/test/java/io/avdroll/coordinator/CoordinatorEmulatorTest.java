package io.avdroll.coordinator;

import io.avdroll.service.testing.EmulatorProbe;
import io.avdroll.service.testing.PublishedEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.SubQueue;
import io.avdroll.bus.EventBus;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostVerified;
import io.avdroll.events.SpecOverrides;
import io.avdroll.events.UpdateRequested;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutState;
import io.avdroll.service.testing.AzureEmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real scheduler-service against the emulator over HTTPS and AMQP: requests go in through the real bus, the
 * coordinator reads the seeded pools with the real Azure SDK pipeline, and the drain requests it publishes are read
 * from drain-service's subscription with the real Service Bus SDK (drain-service is not running here).
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class CoordinatorEmulatorTest {

    private static final String SUB = AzureEmulatorResource.SUBSCRIPTION;
    private static final String RG = "rg-avd";
    private static final String IMAGES = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal_avd/images/win11";
    private static final String V2 = IMAGES + "/versions/2.0.0";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static PublishedEvents<DrainRequested> drains;

    @Inject
    EventBus bus;
    @Inject
    RolloutRecords records;
    @Inject
    HandledMessages handled;

    private final EventCodec codec = new EventCodec();

    @BeforeEach
    void seedPoolsAndReadDrainServicesSubscription() {
        if (drains != null) {
            return;
        }
        StringBuilder pools = new StringBuilder();
        for (String pool : List.of("hp-slide", "hp-budget", "hp-twice")) {
            pools.append(pools.isEmpty() ? "" : ",").append("""
                    {"subscription": "%s", "resourceGroup": "%s", "name": "%s", "location": "westeurope",
                     "maxSessionLimit": 8, "image": "gal_avd/win11/1.0.0",
                     "standardHosts": {"count": 6, "namePrefix": "%s-"}}""".formatted(SUB, RG, pool, pool));
        }
        AzureEmulatorResource.emulator().seed(Seed.parse("""
                {"subscriptions": ["%s"],
                 "galleries": [{"subscription": "%s", "resourceGroup": "rg-images", "name": "gal_avd", "location": "westeurope",
                   "images": [{"name": "win11", "versions": [{"name": "1.0.0"}, {"name": "2.0.0"}]}]}],
                 "hostPools": [%s]}""".formatted(SUB, SUB, pools)));
        drains = PublishedEvents.read("drain-requested", "drain-service", DrainRequested.class);
    }

    @AfterAll
    static void stopReading() {
        if (drains != null) {
            drains.close();
            drains = null;
        }
    }

    @Test
    void twoHostsAreDrainedFirstAndEachVerifiedHostLetsTheNextOneInWhileADuplicateChangesNothing() {
        bus.publish(request("r-slide", "hp-slide"));

        List<DrainRequested> first = await(() -> drainsOf("hp-slide"), d -> d.size() >= 2);
        assertThat(await(() -> record("hp-slide"), r -> r.inFlightCount() == 2).count(HostStage.DRAINING)).isEqualTo(2);
        assertThat(first).allSatisfy(d -> {
            assertThat(d.rolloutId()).isEqualTo("r-slide");
            assertThat(d.targetImageVersionId()).isEqualTo(V2);
            assertThat(d.attempt()).isEqualTo(1);
        });
        assertThat(first).extracting(DrainRequested::host).doesNotHaveDuplicates();

        String done = first.get(0).host();
        HostVerified verified = new HostVerified("r-slide", SUB, RG, "hp-slide", done, 1, V2, Instant.now());
        bus.publish(verified);

        List<DrainRequested> next = await(() -> drainsOf("hp-slide"), d -> d.size() >= 3);
        assertThat(next).hasSize(3);
        assertThat(next.get(2).host()).isNotIn(first.get(0).host(), first.get(1).host());
        RolloutRecord afterSlide = await(() -> record("hp-slide"), r -> r.count(HostStage.DRAINING) == 2);
        assertThat(afterSlide.host(done).orElseThrow().stage()).isEqualTo(HostStage.VERIFIED);

        // the verifier resends after the duplicate detection window: a new MessageId, the same event
        try (ServiceBusSenderClient sender = client().sender().topicName("host-verified").buildClient()) {
            sender.sendMessage(new ServiceBusMessage(codec.encode(verified)).setMessageId("late-copy-of-" + verified.messageId())
                    .setSessionId(verified.sessionId()).setContentType("application/json"));
        }
        HandledMessages.Handled outcome = await(() -> handled.last("late-copy-of-" + verified.messageId()), Optional::isPresent)
                .orElseThrow();
        assertThat(outcome.outcome()).startsWith("duplicate, nothing changed");
        assertThat(record("hp-slide")).isEqualTo(afterSlide);
        assertThat(drainsOf("hp-slide")).hasSize(3);
    }

    @Test
    void aHostFailurePastTheBudgetPausesTheRolloutAndNothingMoreIsAdmitted() {
        bus.publish(request("r-budget", "hp-budget"));
        List<DrainRequested> first = await(() -> drainsOf("hp-budget"), d -> d.size() >= 2);

        bus.publish(new HostFailed("r-budget", SUB, RG, "hp-budget", first.get(0).host(), 1, FailedStage.REDEPLOY,
                "AllocationFailed", "no capacity in the zone", "could not recreate the VM", Instant.now()));

        RolloutRecord paused = await(() -> record("hp-budget"), r -> r.state() == RolloutState.PAUSED);
        assertThat(paused.stateReason()).contains("failure budget exceeded");
        assertThat(paused.host(first.get(0).host()).orElseThrow().stage()).isEqualTo(HostStage.FAILED);
        assertThat(drainsOf("hp-budget")).hasSize(2);
    }

    @Test
    void aSecondRequestForAPoolAlreadyRollingIsRefusedAndTheRunningOneKept() {
        bus.publish(request("r-first", "hp-twice"));
        await(() -> drainsOf("hp-twice"), d -> d.size() >= 2);

        UpdateRequested second = request("r-second", "hp-twice");
        bus.publish(second);

        HandledMessages.Handled outcome = await(() -> handled.last(second.messageId()), Optional::isPresent).orElseThrow();
        assertThat(outcome.outcome()).startsWith("refused update-requested r-second");
        CoordinatorState state = records.find(SUB, RG, "hp-twice").orElseThrow();
        assertThat(state.record().rolloutId()).isEqualTo("r-first");
        assertThat(state.history()).anySatisfy(h -> assertThat(h.text()).contains("refused").contains("r-first is RUNNING"));
        assertThat(drainsOf("hp-twice")).allSatisfy(d -> assertThat(d.rolloutId()).isEqualTo("r-first"));
    }

    @Test
    void aRequestForAnUnknownPoolIsDeadLetteredWithTheReason() {
        UpdateRequested unknown = request("r-ghost", "hp-ghost");
        bus.publish(unknown);

        try (ServiceBusReceiverClient dlq = client().receiver().queueName("coordinator")
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            ServiceBusReceivedMessage dead = await(() -> {
                List<ServiceBusReceivedMessage> got = new ArrayList<>();
                dlq.receiveMessages(10, Duration.ofSeconds(1)).forEach(m -> {
                    got.add(m);
                    dlq.complete(m);
                });
                return got.stream().filter(m -> m.getMessageId().equals(unknown.messageId())).findFirst().orElse(null);
            }, m -> m != null);
            assertThat(dead.getDeadLetterReason()).isEqualTo(Coordinator.UNKNOWN_HOST_POOL);
            assertThat(dead.getDeadLetterErrorDescription()).startsWith("hostPool: no host pool 'hp-ghost'");
        }
        assertThat(drainsOf("hp-ghost")).isEmpty();
    }

    private static UpdateRequested request(String rolloutId, String pool) {
        return new UpdateRequested(rolloutId, SUB, RG, pool, V2, new SpecOverrides("2", 0, null, null, null, null),
                "test", Instant.now());
    }

    private RolloutRecord record(String pool) {
        return records.find(SUB, RG, pool).map(CoordinatorState::record).orElse(null);
    }

    private static List<DrainRequested> drainsOf(String pool) {
        return drains.where(DrainRequested::hostPool, pool);
    }

    private static ServiceBusClientBuilder client() {
        return new ServiceBusClientBuilder().connectionString(AzureEmulatorResource.emulator().serviceBusConnectionString());
    }

    private static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) {
        return EmulatorProbe.awaitValue(probe, done, PATIENCE);
    }
}
