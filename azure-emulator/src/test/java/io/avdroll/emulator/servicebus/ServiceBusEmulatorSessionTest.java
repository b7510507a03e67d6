package io.avdroll.emulator.servicebus;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Session-enabled entities with the real SDK: locking, ordering, state, processors, auto-forwarding.
 * A test that asks for "any next session" or counts a queue gets a queue of its own, since JUnit runs
 * the tests in no promised order and a session left by another test would otherwise be picked up.
 */
class ServiceBusEmulatorSessionTest {

    private static ServiceBusEmulator bus;
    private static final List<ServiceBusErrorContext> processorErrors = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startEmulator() {
        bus = TestBus.start();
    }

    @AfterAll
    static void stopEmulator() {
        bus.stop();
    }

    private static void send(String queue, String sessionId, String... bodies) {
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().queueName(queue).buildClient()) {
            for (String body : bodies) {
                sender.sendMessage(new ServiceBusMessage(body).setSessionId(sessionId)
                        .setMessageId(UUID.randomUUID().toString()));
            }
        }
    }

    private static ServiceBusSessionReceiverClient sessionReceiver(String queue) {
        return TestBus.client(bus).sessionReceiver().queueName(queue).disableAutoComplete().buildClient();
    }

    private static List<String> bodies(List<ServiceBusReceivedMessage> messages) {
        return messages.stream().map(m -> m.getBody().toString()).toList();
    }

    @Test
    void aMessageForwardedFromASubscriptionArrivesInTheSessionQueue() {
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().topicName("events").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("update pool-a").setSessionId("pool-a")
                    .setMessageId("rollout-9/pool-a/requested"));
        }
        try (ServiceBusSessionReceiverClient sessions = sessionReceiver("forwarded");
             ServiceBusReceiverClient receiver = sessions.acceptSession("pool-a")) {
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 1, Duration.ofSeconds(10));
            assertThat(bodies(got)).containsExactly("update pool-a");
            assertThat(got.get(0).getSessionId()).isEqualTo("pool-a");
            receiver.complete(got.get(0));
        }
        assertThat(bus.counts("events/subscriptions/to-forwarded").active()).isZero();
        assertThat(bus.counts("forwarded").active()).isZero();
    }

    @Test
    void aMessageWithoutSessionForwardedToASessionQueueIsDeadLetteredAtTheSubscription() {
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().topicName("events").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("no session").setMessageId(UUID.randomUUID().toString()));
        }
        assertThat(bus.deadLetteredMessages("events/subscriptions/to-forwarded"))
                .anySatisfy(d -> assertThat(d.reason()).isEqualTo("ForwardingFailed"));
    }

    @Test
    void aSessionIsHeldByOneReceiverAtATimeAndDeliversInOrder() {
        send("sessions", "ordered", "o1", "o2", "o3", "o4");
        // a second client: one client hands out the receiver it already holds for a session id without asking
        try (ServiceBusSessionReceiverClient sessions = sessionReceiver("sessions");
             ServiceBusSessionReceiverClient other = sessionReceiver("sessions");
             ServiceBusReceiverClient holder = sessions.acceptSession("ordered")) {
            // the synchronous session client surfaces the raw AmqpException here, not a ServiceBusException
            assertThatThrownBy(() -> other.acceptSession("ordered"))
                    .isInstanceOf(AmqpException.class)
                    .satisfies(e -> assertThat(((AmqpException) e).getErrorCondition())
                            .isEqualTo(AmqpErrorCondition.SESSION_CANNOT_BE_LOCKED));
            List<ServiceBusReceivedMessage> got = TestBus.receive(holder, 4, Duration.ofSeconds(10));
            assertThat(bodies(got)).containsExactly("o1", "o2", "o3", "o4");
            got.forEach(holder::complete);
        }
    }

    @Test
    void acceptNextSessionSkipsASessionHeldByAnotherReceiver() {
        send("sessions-next", "held", "h1");
        send("sessions-next", "free", "f1");
        try (ServiceBusSessionReceiverClient sessions = sessionReceiver("sessions-next");
             ServiceBusSessionReceiverClient other = sessionReceiver("sessions-next");
             ServiceBusReceiverClient first = sessions.acceptSession("held");
             ServiceBusReceiverClient next = other.acceptNextSession()) {
            assertThat(next.getSessionId()).isEqualTo("free");
            List<ServiceBusReceivedMessage> got = TestBus.receive(next, 1, Duration.ofSeconds(10));
            assertThat(bodies(got)).containsExactly("f1");
            got.forEach(next::complete);
            TestBus.receive(first, 1, Duration.ofSeconds(10)).forEach(first::complete);
        }
    }

    @Test
    void sessionStateSurvivesTheReceiverThatSetIt() {
        send("sessions", "stateful", "s1");
        byte[] state = "{\"rollout\":\"r-1\",\"window\":2}".getBytes(StandardCharsets.UTF_8);
        try (ServiceBusSessionReceiverClient sessions = sessionReceiver("sessions")) {
            try (ServiceBusReceiverClient receiver = sessions.acceptSession("stateful")) {
                assertThat(receiver.getSessionState()).isNull();
                receiver.setSessionState(state);
                TestBus.receive(receiver, 1, Duration.ofSeconds(10)).forEach(receiver::complete);
            }
            try (ServiceBusReceiverClient again = sessions.acceptSession("stateful")) {
                assertThat(again.getSessionState()).isEqualTo(state);
            }
        }
    }

    @Test
    void aSessionLockOutlivesItsDurationWhileTheSdkRenewsIt() throws InterruptedException {
        send("sessions-long", "long", "l1");
        try (ServiceBusSessionReceiverClient sessions = TestBus.client(bus).sessionReceiver().queueName("sessions-long")
                .disableAutoComplete().maxAutoLockRenewDuration(Duration.ofMinutes(1)).buildClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession("long")) {
            ServiceBusReceivedMessage m = TestBus.receive(receiver, 1, Duration.ofSeconds(10)).get(0);
            Thread.sleep(7000); // longer than the queue's 5 s lock duration
            receiver.complete(m);
        }
        assertThat(bus.counts("sessions-long").active()).isZero();
    }

    private static ServiceBusProcessorClient processor(String queue, int maxSessions,
                                                       Consumer<ServiceBusReceivedMessageContext> handler) {
        return TestBus.client(bus).sessionProcessor().queueName(queue).maxConcurrentSessions(maxSessions)
                .sessionIdleTimeout(Duration.ofSeconds(2))
                .processMessage(handler).processError(processorErrors::add).buildProcessorClient();
    }

    @Test
    void aSessionProcessorHandlesSessionsConcurrentlyEachInOrder() throws InterruptedException {
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(6);
        ServiceBusProcessorClient processor = processor("sessions-concurrent", 2, ctx -> {
            if (!ctx.getMessage().getSessionId().startsWith("pool-")) {
                return; // left over by another test
            }
            seen.computeIfAbsent(ctx.getMessage().getSessionId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(ctx.getMessage().getBody().toString());
            all.countDown();
        });
        processor.start();
        try {
            send("sessions-concurrent", "pool-1", "a1", "a2", "a3");
            send("sessions-concurrent", "pool-2", "b1", "b2", "b3");
            assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            processor.close();
        }
        assertThat(seen.get("pool-1")).containsExactly("a1", "a2", "a3");
        assertThat(seen.get("pool-2")).containsExactly("b1", "b2", "b3");
    }

    @Test
    void aSecondProcessorWaitsWhileTheFirstHoldsTheSession() throws InterruptedException {
        CountDownLatch firstHolding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger secondHandled = new AtomicInteger();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(3);
        ServiceBusProcessorClient first = processor("sessions-contended", 1, ctx -> {
            if (!"contended".equals(ctx.getMessage().getSessionId())) {
                return; // left over by another test
            }
            order.add(ctx.getMessage().getBody().toString());
            firstHolding.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        ServiceBusProcessorClient second = processor("sessions-contended", 1, ctx -> {
            if (!"contended".equals(ctx.getMessage().getSessionId())) {
                return;
            }
            order.add(ctx.getMessage().getBody().toString());
            secondHandled.incrementAndGet();
            done.countDown();
        });
        first.start();
        try {
            send("sessions-contended", "contended", "c1", "c2", "c3");
            assertThat(firstHolding.await(15, TimeUnit.SECONDS)).isTrue();
            second.start();
            Thread.sleep(2000);
            assertThat(secondHandled.get()).as("second processor got a message of a held session").isZero();
            release.countDown();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.close();
            second.close();
        }
        assertThat(order).containsExactly("c1", "c2", "c3");
    }
}
