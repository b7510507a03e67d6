package io.avdroll.emulator.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.core.util.BinaryData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's topology served with a short lock (as the end-to-end tests run it): a receiver that dies holding a
 * message frees it after the short lock, while a live SDK receiver with automatic lock renewal keeps its message
 * and its session for longer than one lock, as the services' processors and session pump do.
 */
class LockDurationOverrideTest {

    private static final Duration LOCK = Duration.ofSeconds(3);
    private static ServiceBusEmulator bus;

    @BeforeAll
    static void startEmulator() {
        bus = ServiceBusEmulator.builder().port(0).lockDuration(LOCK).start();
    }

    @AfterAll
    static void stopEmulator() {
        bus.stop();
    }

    @Test
    void aMessageHeldByAReceiverThatGoesAwayReturnsAfterTheShortLockNotTheTopologysMinute() {
        send("drain-requested", null);
        long receivedAt;
        try (ServiceBusReceiverClient dying = receiver()) {
            assertThat(TestBus.receive(dying, 1, Duration.ofSeconds(10))).hasSize(1);
            receivedAt = System.nanoTime();
        } // closed without settling, like a killed service
        try (ServiceBusReceiverClient next = receiver()) {
            List<ServiceBusReceivedMessage> again = TestBus.receive(next, 1, Duration.ofSeconds(15));
            Duration waited = Duration.ofNanos(System.nanoTime() - receivedAt);

            assertThat(again).singleElement().satisfies(m -> assertThat(m.getDeliveryCount()).isEqualTo(1));
            assertThat(waited).isGreaterThanOrEqualTo(LOCK.minusMillis(200)).isLessThan(Duration.ofSeconds(15));
            next.complete(again.get(0));
        }
    }

    @Test
    void aProcessorThatRenewsItsLockKeepsAMessageLongerThanOneLockAndCompletesIt() throws Exception {
        List<ServiceBusReceivedMessage> seen = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch completed = new CountDownLatch(1);
        ServiceBusProcessorClient processor = TestBus.client(bus).processor()
                .topicName("host-drained").subscriptionName("provisioner-service")
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK).disableAutoComplete()
                .maxAutoLockRenewDuration(Duration.ofMinutes(1))
                .processMessage(context -> {
                    seen.add(context.getMessage());
                    sleep(LOCK.multipliedBy(3)); // a slow step: three locks long
                    context.complete();
                    completed.countDown();
                })
                .processError(error -> errors.add(error.getException()))
                .buildProcessorClient();
        send("host-drained", null);
        processor.start();
        try {
            assertThat(completed.await(30, TimeUnit.SECONDS)).as("the handler completed its message").isTrue();
            sleep(LOCK.multipliedBy(2));
        } finally {
            processor.close();
        }

        assertThat(seen).as("deliveries: never redelivered while renewed").hasSize(1);
        assertThat(errors).as("lock lost or other receive errors").isEmpty();
        assertThat(bus.counts("host-drained/subscriptions/provisioner-service").active()).isZero();
    }

    @Test
    void aSessionReceiverThatRenewsItsSessionLockKeepsThePoolLongerThanOneLock() {
        send("update-requested", "hp-renewed");
        try (ServiceBusSessionReceiverClient sessions = TestBus.client(bus).sessionReceiver().queueName("coordinator")
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ofMinutes(1)).buildClient();
             ServiceBusReceiverClient session = sessions.acceptSession("hp-renewed")) {
            ServiceBusReceivedMessage message = TestBus.receive(session, 1, Duration.ofSeconds(10)).get(0);
            // the SDK renews a second before the lock ends; open the management link now, as the coordinator's
            // first state read does, so a renewal is one round trip rather than a link set-up on a busy machine
            assertThat(session.getSessionState()).isNull();
            sleep(LOCK.multipliedBy(3));

            session.setSessionState("still mine".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            session.complete(message);
            assertThat(new String(session.getSessionState(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("still mine");
        }
    }

    private static void send(String topic, String sessionId) {
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().topicName(topic).buildClient()) {
            ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromString("{}")).setMessageId(UUID.randomUUID().toString());
            if (sessionId != null) {
                message.setSessionId(sessionId);
            }
            sender.sendMessage(message);
        }
    }

    private static ServiceBusReceiverClient receiver() {
        return TestBus.client(bus).receiver().topicName("drain-requested").subscriptionName("drain-service")
                .disableAutoComplete().buildClient();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
