package io.avdroll.bus.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import io.avdroll.bus.Consumption;
import io.avdroll.bus.DeadLetterReasons;
import io.avdroll.bus.DeliveryOutcome;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventBus;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.TraceContext;
import io.avdroll.emulator.servicebus.DeadLetteredMessage;
import io.avdroll.emulator.servicebus.ServiceBusEmulator;
import io.avdroll.events.ControlAction;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;
import io.avdroll.events.EventSamples;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostVerified;
import io.avdroll.events.RolloutControl;
import io.avdroll.events.UpdateRequested;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter against the Service Bus emulator over real AMQP, with the real SDK and the project's topology. */
class ServiceBusEventBusEmulatorTest {

    private static final String DRAIN = "drain-requested/subscriptions/drain-service";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger ROLLOUTS = new AtomicInteger();

    private static ServiceBusEmulator emulator;
    private static Topology topology;
    private static EventBus bus;
    private static final List<DeliveryOutcome> OUTCOMES = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final List<Consumption> consumptions = new ArrayList<>();
    private final String rolloutId = "t" + ROLLOUTS.incrementAndGet() + "-" + System.nanoTime() % 100000;

    @BeforeAll
    static void startEmulator() {
        emulator = ServiceBusEmulator.builder().port(0).start();
        topology = TopologyReader.fromClasspath();
        bus = new ServiceBusEventBus(ServiceBusSettings.from(Map.of(
                ServiceBusSettings.CONNECTION_STRING, emulator.connectionString(),
                ServiceBusSettings.MAX_CONCURRENT_CALLS, "1",
                ServiceBusSettings.MAX_CONCURRENT_SESSIONS, "2",
                ServiceBusSettings.SESSION_IDLE_TIMEOUT, "PT1S",
                ServiceBusSettings.TRY_TIMEOUT, "PT5S")), topology, new EventCodec(), Clock.systemUTC(), OUTCOMES::add);
    }

    @AfterAll
    static void stopEmulator() {
        bus.close();
        emulator.stop();
    }

    @AfterEach
    void stopConsuming() {
        consumptions.forEach(Consumption::close);
    }

    @Test
    void aPublishedEventReachesItsHandlerWithIdTraceAndSessionAndIsCompleted() throws Exception {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        BlockingQueue<Delivery> seen = collectOnDrain(d -> Settlement.complete());

        bus.publish(drain("avd-01", 0), TraceContext.of(traceparent));

        Delivery delivery = next(seen);
        assertThat(delivery.event()).isEqualTo(drain("avd-01", 0));
        assertThat(delivery.messageId()).isEqualTo("hp-prod/" + rolloutId + "/avd-01/drain");
        assertThat(delivery.trace()).map(TraceContext::traceparent).contains(traceparent);
        assertThat(delivery.deliveryCount()).isZero();
        assertThat(delivery.endpoint()).isEqualTo(DRAIN);
        // the SDK completes after the handler returned, so the broker may still hold it for a moment; a fresh
        // receiver each look, since a receiver's next peek starts after what it peeked last
        eventually(() -> {
            try (ServiceBusReceiverClient peeker = sdk().receiver().topicName("drain-requested")
                    .subscriptionName("drain-service").buildClient()) {
                List<String> left = new ArrayList<>();
                peeker.peekMessages(100).forEach(m -> left.add(m.getMessageId()));
                return !left.contains(delivery.messageId());
            }
        }, "the completed message has left the subscription");
    }

    @Test
    void aConsumptionReportsRunningUntilItIsClosedSoHealthChecksCanTellAStoppedReceiver() {
        Consumption plain = bus.consume(topology.endpoint(DRAIN), d -> Settlement.complete());
        Consumption sessions = bus.consumeSessions(topology.endpoint("coordinator"), (d, state) -> Settlement.complete());
        assertThat(plain.running()).isTrue();
        assertThat(sessions.running()).isTrue();

        plain.close();
        sessions.close();

        assertThat(plain.running()).isFalse();
        assertThat(sessions.running()).isFalse();
    }

    @Test
    void aDeadLetteredEventLandsInTheDeadLetterQueueWithItsReason() throws Exception {
        BlockingQueue<Delivery> seen = collectOnDrain(d -> Settlement.deadLetter("UnknownPool", "host pool hp-x does not exist"));

        bus.publish(drain("avd-02", 0));
        next(seen);

        DeadLetteredMessage dead = eventuallyDeadLettered(DRAIN, "hp-prod/" + rolloutId + "/avd-02/drain");
        assertThat(dead.reason()).isEqualTo("UnknownPool");
        assertThat(dead.description()).isEqualTo("host pool hp-x does not exist");
        awaitOutcome("the observer hears of it, by topic and reason",
                new DeliveryOutcome(DRAIN, "drain-requested", DeliveryOutcome.Kind.DEAD_LETTERED, "UnknownPool"));
    }

    @Test
    void anInvalidPayloadIsDeadLetteredNamingTheFieldWithoutReachingTheHandler() throws Exception {
        BlockingQueue<Delivery> seen = collectOnDrain(d -> Settlement.complete());
        String body = new EventCodec().toJson(drain("avd-03", 0)).replace("\"host\":\"avd-03\",", "");
        try (ServiceBusSenderClient raw = sdk().sender().topicName("drain-requested").buildClient()) {
            ServiceBusMessage message = new ServiceBusMessage(body.getBytes(StandardCharsets.UTF_8));
            message.setMessageId("hp-prod/" + rolloutId + "/bad");
            raw.sendMessage(message);
        }
        bus.publish(drain("avd-03-marker", 0));

        assertThat(next(seen).messageId()).as("only the valid marker reaches the handler").endsWith("avd-03-marker/drain");
        DeadLetteredMessage dead = eventuallyDeadLettered(DRAIN, "hp-prod/" + rolloutId + "/bad");
        assertThat(dead.reason()).isEqualTo(DeadLetterReasons.INVALID_EVENT);
        assertThat(dead.description()).isEqualTo("host: is required");
        awaitOutcome("an invalid body is counted though no handler saw it",
                new DeliveryOutcome(DRAIN, "drain-requested", DeliveryOutcome.Kind.DEAD_LETTERED,
                        DeadLetterReasons.INVALID_EVENT));
    }

    /** The observer hears of a settlement once the SDK has settled it, which can be after the broker shows it. */
    private static void awaitOutcome(String what, DeliveryOutcome expected) {
        io.avdroll.azure.support.Eventually.await(what, Duration.ofSeconds(10),
                () -> OUTCOMES.contains(expected) ? Optional.of(expected) : Optional.empty());
    }

    @Test
    void retryLaterRedeliversACopyAfterTheDelayWithoutCountingAFailedDelivery() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<Delivery> seen = collectOnDrain(d -> calls.incrementAndGet() == 1
                ? Settlement.retryLater(Duration.ofSeconds(2), "throttled, Retry-After 2") : Settlement.complete());

        bus.publish(drain("avd-04", 0));
        Delivery first = next(seen);
        Instant firstAt = Instant.now();
        Delivery second = next(seen);
        Duration gap = Duration.between(firstAt, Instant.now());

        System.out.printf("RetryLater(2 s) redelivered after %d ms%n", gap.toMillis());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(1800));
        assertThat(second.event()).isEqualTo(first.event());
        assertThat(second.retries()).isEqualTo(1);
        assertThat(second.deliveryCount()).isZero();
        assertThat(second.messageId()).isEqualTo("hp-prod/" + rolloutId + "/avd-04/drain/retry-1");
    }

    @Test
    void retryLaterWithoutDelayAbandonsSoTheBrokerRedeliversAndCounts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<Delivery> seen = collectOnDrain(d -> calls.incrementAndGet() == 1
                ? Settlement.retryLater(Duration.ZERO, "try again") : Settlement.complete());

        bus.publish(drain("avd-05", 0));

        assertThat(next(seen).deliveryCount()).isZero();
        Delivery again = next(seen);
        assertThat(again.deliveryCount()).isEqualTo(1);
        assertThat(again.messageId()).isEqualTo("hp-prod/" + rolloutId + "/avd-05/drain");
    }

    @Test
    void aHandlerThatThrowsGetsTheMessageAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<Delivery> seen = collectOnDrain(d -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("ARM unreachable");
            }
            return Settlement.complete();
        });

        bus.publish(drain("avd-06", 0));

        next(seen);
        assertThat(next(seen).deliveryCount()).isEqualTo(1);
        assertThat(OUTCOMES).contains(new DeliveryOutcome(DRAIN, "drain-requested", DeliveryOutcome.Kind.FAILED,
                "IllegalStateException"));
    }

    @Test
    void theSameEventPublishedTwiceIsDeliveredOnce() throws Exception {
        BlockingQueue<Delivery> seen = collectOnDrain(d -> Settlement.complete());

        bus.publish(drain("avd-07", 0));
        bus.publish(drain("avd-07", 0));
        bus.publish(drain("avd-07-marker", 0));

        List<String> ids = new ArrayList<>();
        while (ids.stream().noneMatch(id -> id.contains("marker"))) {
            ids.add(next(seen).messageId());
        }
        assertThat(ids).containsExactly("hp-prod/" + rolloutId + "/avd-07/drain", "hp-prod/" + rolloutId + "/avd-07-marker/drain");
    }

    @Test
    void aScheduledEventArrivesAtItsTimeAndACancelledOneNever() throws Exception {
        BlockingQueue<Delivery> seen = collectOnDrain(d -> Settlement.complete());
        Instant due = Instant.now().plusSeconds(2);

        bus.publishAt(drain("avd-08", 1), due);
        ScheduledEvent cancelled = bus.publishAt(drain("avd-08", 2), due);
        bus.publishAt(drain("avd-08", 3), due.plusMillis(500));
        bus.cancelScheduled(cancelled);

        Delivery first = next(seen);
        Instant arrived = Instant.now();
        Delivery second = next(seen);
        System.out.printf("scheduled message arrived %d ms after its time%n", Duration.between(due, arrived).toMillis());
        assertThat(arrived).isAfterOrEqualTo(due.minusMillis(100));
        assertThat(List.of(first.messageId(), second.messageId()))
                .containsExactly("hp-prod/" + rolloutId + "/avd-08/drain/check-1", "hp-prod/" + rolloutId + "/avd-08/drain/check-3");
    }

    @Test
    void theSessionHandlerSeesEachPoolsEventsInOrderAndKeepsItsStateInTheSession() throws Exception {
        Map<String, List<String>> orderByPool = new ConcurrentHashMap<>();
        BlockingQueue<String> handled = new LinkedBlockingQueue<>();
        consumptions.add(bus.consumeSessions(topology.endpoint("coordinator"), (delivery, state) -> {
            Event event = delivery.event();
            if (!event.rolloutId().equals(rolloutId)) {
                return Settlement.complete();
            }
            String step = event.type().wireName();
            orderByPool.computeIfAbsent(event.hostPool(), p -> Collections.synchronizedList(new ArrayList<>())).add(step);
            state.setText(state.getText().map(s -> s + ",").orElse("") + step);
            handled.add(event.hostPool());
            return Settlement.complete();
        }));
        List<String> expected = List.of("update-requested", "host-verified", "host-failed", "rollout-control");

        for (String pool : List.of("hp-a", "hp-b")) {
            bus.publish(update(pool));
        }
        for (String pool : List.of("hp-a", "hp-b")) {
            bus.publish(verified(pool));
            bus.publish(failed(pool));
        }
        for (String pool : List.of("hp-b", "hp-a")) {
            bus.publish(control(pool));
        }
        for (int i = 0; i < 8; i++) {
            assertThat(handled.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("coordinator event %d", i).isNotNull();
        }

        assertThat(orderByPool).containsOnlyKeys("hp-a", "hp-b");
        assertThat(orderByPool.get("hp-a")).containsExactlyElementsOf(expected);
        assertThat(orderByPool.get("hp-b")).containsExactlyElementsOf(expected);
        consumptions.forEach(Consumption::close);
        consumptions.clear();
        try (ServiceBusSessionReceiverClient sessions = sdk().sessionReceiver().queueName("coordinator").buildClient();
             ServiceBusReceiverClient session = sessions.acceptSession(update("hp-a").sessionId())) {
            assertThat(new String(session.getSessionState(), StandardCharsets.UTF_8)).isEqualTo(String.join(",", expected));
        }
    }

    @Test
    void theSessionHandlerIsToldWhetherMoreOfThePoolsMessagesAreAlreadyReceivedBehindTheOneItHandles() throws Exception {
        String pool = "hp-more";
        for (Event event : List.of(update(pool), verified(pool), failed(pool), control(pool))) {
            bus.publish(event);
        }
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        consumptions.add(bus.consumeSessions(topology.endpoint("coordinator"), (delivery, state) -> {
            if (!delivery.event().rolloutId().equals(rolloutId) || !delivery.event().hostPool().equals(pool)) {
                return Settlement.complete();
            }
            Thread.sleep(300); // a slow handler: the rest of the pool's messages arrive meanwhile
            seen.add(delivery.event().type().wireName() + "=" + state.moreReceived());
            return Settlement.complete();
        }));

        List<String> flags = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            flags.add(seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }

        assertThat(flags).as("each message with whether more were already received behind it")
                .containsExactly("update-requested=true", "host-verified=true", "host-failed=true", "rollout-control=false");
    }

    @Test
    void aRetryLaterOnTheCoordinatorQueueComesBackToTheSamePoolSession() throws Exception {
        BlockingQueue<Delivery> seen = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        consumptions.add(bus.consumeSessions(topology.endpoint("coordinator"), (delivery, state) -> {
            if (!delivery.event().rolloutId().equals(rolloutId)) {
                return Settlement.complete();
            }
            seen.add(delivery);
            return calls.incrementAndGet() == 1 ? Settlement.retryLater(Duration.ofSeconds(1), "pool busy") : Settlement.complete();
        }));

        bus.publish(update("hp-c"));

        Delivery first = next(seen);
        Delivery again = next(seen);
        assertThat(again.event()).isEqualTo(first.event());
        assertThat(again.retries()).isEqualTo(1);
        assertThat(again.event().sessionId()).isEqualTo(update("hp-c").sessionId());
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private BlockingQueue<Delivery> collectOnDrain(io.avdroll.bus.EventHandler answer) {
        BlockingQueue<Delivery> seen = new LinkedBlockingQueue<>();
        consumptions.add(bus.consume(topology.endpoint(DRAIN), delivery -> {
            if (!delivery.event().rolloutId().equals(rolloutId)) {
                return Settlement.complete(); // left over from another test
            }
            seen.add(delivery);
            return answer.handle(delivery);
        }));
        return seen;
    }

    private static Delivery next(BlockingQueue<Delivery> seen) throws InterruptedException {
        Delivery delivery = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(delivery).as("a delivery within %s", WAIT).isNotNull();
        return delivery;
    }

    private static DeadLetteredMessage eventuallyDeadLettered(String entity, String messageId) throws InterruptedException {
        eventually(() -> emulator.deadLetteredMessages(entity).stream().anyMatch(m -> messageId.equals(m.messageId())),
                "dead-lettered " + messageId);
        return emulator.deadLetteredMessages(entity).stream().filter(m -> messageId.equals(m.messageId())).findFirst()
                .orElseThrow();
    }

    private static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static ServiceBusClientBuilder sdk() {
        return new ServiceBusClientBuilder().connectionString(emulator.connectionString())
                .retryOptions(new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(2)
                        .setDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(5)).setTryTimeout(Duration.ofSeconds(10)));
    }

    private DrainRequested drain(String host, int check) {
        return new DrainRequested(rolloutId, EventSamples.SUBSCRIPTION, "rg-avd", "hp-prod", host, 1, EventSamples.IMAGE_V2,
                Duration.ofMinutes(30), check, EventSamples.T0, EventSamples.T0);
    }

    private UpdateRequested update(String pool) {
        return new UpdateRequested(rolloutId, EventSamples.SUBSCRIPTION, "rg-avd", pool, EventSamples.IMAGE_V2, null,
                "test", EventSamples.T0);
    }

    private HostVerified verified(String pool) {
        return new HostVerified(rolloutId, EventSamples.SUBSCRIPTION, "rg-avd", pool, "avd-1", 1, EventSamples.IMAGE_V2,
                EventSamples.T0);
    }

    private HostFailed failed(String pool) {
        return new HostFailed(rolloutId, EventSamples.SUBSCRIPTION, "rg-avd", pool, "avd-2", 1, FailedStage.VERIFY, null, null,
                "never became Available", EventSamples.T0);
    }

    private RolloutControl control(String pool) {
        return new RolloutControl(rolloutId, EventSamples.SUBSCRIPTION, "rg-avd", pool, ControlAction.PAUSE, "freeze", "alice",
                EventSamples.T0);
    }
}
