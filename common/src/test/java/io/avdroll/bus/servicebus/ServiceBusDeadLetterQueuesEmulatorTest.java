package io.avdroll.bus.servicebus;

import io.avdroll.bus.Consumption;
import io.avdroll.bus.DeadLetteredMessage;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventBus;
import io.avdroll.bus.Settlement;
import io.avdroll.emulator.servicebus.ServiceBusEmulator;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.events.EventSamples;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Peek and re-submit of dead-lettered messages with the real SDK against the emulator's $deadletterqueue. */
class ServiceBusDeadLetterQueuesEmulatorTest {

    private static final String DRAIN = "drain-requested/subscriptions/drain-service";
    private static ServiceBusEmulator emulator;
    private static EventBus bus;
    private static ServiceBusDeadLetterQueues deadLetters;

    @BeforeAll
    static void start() {
        emulator = ServiceBusEmulator.builder().port(0).start();
        Topology topology = TopologyReader.fromClasspath();
        ServiceBusSettings settings = ServiceBusSettings.from(Map.of(
                ServiceBusSettings.CONNECTION_STRING, emulator.connectionString(),
                ServiceBusSettings.MAX_CONCURRENT_CALLS, "1",
                ServiceBusSettings.TRY_TIMEOUT, "PT5S"));
        bus = new ServiceBusEventBus(settings, topology, new EventCodec(), Clock.systemUTC());
        deadLetters = new ServiceBusDeadLetterQueues(settings, topology);
    }

    @AfterAll
    static void stop() {
        deadLetters.close();
        bus.close();
        emulator.stop();
    }

    @Test
    void everyQueueAndSubscriptionIsWatchedForwardingOnesIncluded() {
        assertThat(deadLetters.entities()).contains("coordinator", DRAIN, "update-requested/subscriptions/coordinator",
                "host-failed/subscriptions/coordinator");
    }

    @Test
    void aDeadLetteredMessageIsPeekedWithItsReasonAndAfterTheFixItsResubmittedCopyIsHandledAndLeavesTheQueue()
            throws Exception {
        AtomicBoolean fixed = new AtomicBoolean();
        BlockingQueue<Delivery> handled = new LinkedBlockingQueue<>();
        DrainRequested drain = new DrainRequested("r-dlq", EventSamples.SUBSCRIPTION, "rg-avd", "hp-prod", "avd-01", 1,
                EventSamples.IMAGE_V2, Duration.ofMinutes(30), 0, EventSamples.T0, EventSamples.T0);
        try (Consumption ignored = bus.consume(TopologyReader.fromClasspath().endpoint(DRAIN),
                d -> {
                    if (!fixed.get()) {
                        return Settlement.deadLetter("UnknownHost", "host: avd-01 is not in pool hp-prod");
                    }
                    handled.add(d);
                    return Settlement.complete();
                })) {
            bus.publish(drain);

            List<DeadLetteredMessage> dead = awaitDeadLettered();
            assertThat(dead).singleElement().satisfies(m -> {
                assertThat(m.entityPath()).isEqualTo(DRAIN);
                assertThat(m.messageId()).isEqualTo(drain.messageId());
                assertThat(m.reason()).isEqualTo("UnknownHost");
                assertThat(m.description()).isEqualTo("host: avd-01 is not in pool hp-prod");
                assertThat(m.bodyText()).contains("\"host\":\"avd-01\"");
            });

            fixed.set(true);
            String copyId = deadLetters.resubmit(DRAIN, dead.get(0).sequenceNumber());

            Delivery again = handled.poll(20, TimeUnit.SECONDS);
            assertThat(again).as("the re-submitted copy reaches the handler").isNotNull();
            assertThat(again.messageId()).isEqualTo(copyId).startsWith(drain.messageId() + "/resubmit-");
            assertThat(again.event()).isEqualTo(drain);
            assertThat(deadLetters.peek(DRAIN, 0, 10)).as("the dead-letter queue is empty again").isEmpty();
            assertThatThrownBy(() -> deadLetters.resubmit(DRAIN, dead.get(0).sequenceNumber()))
                    .isInstanceOf(NoSuchElementException.class).hasMessageContaining("sequenceNumber");
        }
    }

    private static List<DeadLetteredMessage> awaitDeadLettered() throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            List<DeadLetteredMessage> found = deadLetters.peek(DRAIN, 0, 10);
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing dead-lettered on " + DRAIN);
    }
}
