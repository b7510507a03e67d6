package io.avdroll.emulator.servicebus;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Queues and topics driven by the real Service Bus SDK: locks, settlement, dead-lettering, scheduling. */
class ServiceBusEmulatorMessagingTest {

    private static ServiceBusEmulator bus;

    @BeforeAll
    static void startEmulator() {
        bus = TestBus.start();
    }

    @AfterAll
    static void stopEmulator() {
        bus.stop();
    }

    private static ServiceBusSenderClient sender(String entity) {
        return TestBus.client(bus).sender().queueName(entity).buildClient();
    }

    private static ServiceBusClientBuilder.ServiceBusReceiverClientBuilder receiverBuilder(String queue) {
        return TestBus.client(bus).receiver().queueName(queue).disableAutoComplete()
                .maxAutoLockRenewDuration(Duration.ZERO);
    }

    private static String drainQueue(String queue) {
        try (ServiceBusReceiverClient r = receiverBuilder(queue).receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE)
                .buildClient()) {
            TestBus.receive(r, 1000, Duration.ofMillis(300));
        }
        return queue;
    }

    @Test
    void aMessageSentToATopicReachesEverySubscription() {
        String id = UUID.randomUUID().toString();
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().topicName("events").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("to-all").setMessageId(id).setSessionId("fan-out"));
        }
        for (String subscription : List.of("alpha", "beta")) {
            try (ServiceBusReceiverClient receiver = TestBus.client(bus).receiver().topicName("events")
                    .subscriptionName(subscription).disableAutoComplete().buildClient()) {
                List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 1, Duration.ofSeconds(10));
                assertThat(got).hasSize(1);
                assertThat(got.get(0).getMessageId()).isEqualTo(id);
                assertThat(got.get(0).getBody().toString()).isEqualTo("to-all");
                receiver.complete(got.get(0));
            }
        }
        assertThat(bus.counts("events/subscriptions/alpha").active()).isZero();
        assertThat(bus.counts("events/subscriptions/beta").active()).isZero();
    }

    @Test
    void aCompletedMessageIsGoneAndCarriesBrokerAnnotations() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("hello").setMessageId(UUID.randomUUID().toString()));
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 1, Duration.ofSeconds(10));
            assertThat(got).hasSize(1);
            ServiceBusReceivedMessage message = got.get(0);
            assertThat(message.getDeliveryCount()).isZero();
            assertThat(message.getSequenceNumber()).isPositive();
            assertThat(message.getEnqueuedTime()).isNotNull();
            assertThat(message.getLockedUntil()).isAfter(OffsetDateTime.now());
            assertThat(message.getLockToken()).isNotEqualTo(new UUID(0, 0).toString());
            assertThat(bus.counts("work").active()).isEqualTo(1);
            receiver.complete(message);
            assertThat(bus.counts("work").active()).isZero();
            assertThat(TestBus.receive(receiver, 1, Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void anAbandonedMessageIsRedeliveredWithItsDeliveryCountRaised() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("again").setMessageId(UUID.randomUUID().toString()));
            ServiceBusReceivedMessage first = TestBus.receive(receiver, 1, Duration.ofSeconds(10)).get(0);
            receiver.abandon(first);
            ServiceBusReceivedMessage second = TestBus.receive(receiver, 1, Duration.ofSeconds(10)).get(0);
            assertThat(second.getMessageId()).isEqualTo(first.getMessageId());
            assertThat(second.getDeliveryCount()).isEqualTo(1);
            assertThat(second.getLockToken()).isNotEqualTo(first.getLockToken());
            receiver.complete(second);
        }
    }

    @Test
    void aMessageWhoseLockExpiresIsRedeliveredAndItsOldLockIsLost() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("slow").setMessageId(UUID.randomUUID().toString()));
            ServiceBusReceivedMessage first = TestBus.receive(receiver, 1, Duration.ofSeconds(10)).get(0);
            receiver.renewMessageLock(first);
            ServiceBusReceivedMessage second = TestBus.receive(receiver, 1, Duration.ofSeconds(10)).get(0);
            assertThat(second.getMessageId()).isEqualTo(first.getMessageId());
            assertThat(second.getDeliveryCount()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> receiver.complete(first))
                    .isInstanceOf(com.azure.messaging.servicebus.ServiceBusException.class)
                    .satisfies(e -> assertThat(((com.azure.messaging.servicebus.ServiceBusException) e).getReason())
                            .isEqualTo(com.azure.messaging.servicebus.ServiceBusFailureReason.MESSAGE_LOCK_LOST));
            receiver.complete(second);
        }
    }

    @Test
    void aMessageAbandonedMaxDeliveryCountTimesIsDeadLettered() {
        drainQueue("work");
        drainQueue("work/$deadletterqueue");
        String id = UUID.randomUUID().toString();
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("poison").setMessageId(id));
            for (int attempt = 0; attempt < 3; attempt++) {
                ServiceBusReceivedMessage m = TestBus.receive(receiver, 1, Duration.ofSeconds(10)).get(0);
                assertThat(m.getDeliveryCount()).isEqualTo(attempt);
                receiver.abandon(m);
            }
            assertThat(TestBus.receive(receiver, 1, Duration.ofMillis(500))).isEmpty();
        }
        assertThat(bus.counts("work").deadLettered()).isEqualTo(1);
        try (ServiceBusReceiverClient dlq = receiverBuilder("work").subQueue(SubQueue.DEAD_LETTER_QUEUE)
                .buildClient()) {
            ServiceBusReceivedMessage dead = TestBus.receive(dlq, 1, Duration.ofSeconds(10)).get(0);
            assertThat(dead.getMessageId()).isEqualTo(id);
            assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
            dlq.complete(dead);
        }
        assertThat(bus.counts("work").deadLettered()).isZero();
    }

    @Test
    void anExplicitlyDeadLetteredMessageKeepsItsReasonAndDescription() {
        drainQueue("work");
        String id = UUID.randomUUID().toString();
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("{bad json").setMessageId(id));
            ServiceBusReceivedMessage m = TestBus.receive(receiver, 1, Duration.ofSeconds(10)).get(0);
            receiver.deadLetter(m, new DeadLetterOptions().setDeadLetterReason("SchemaInvalid")
                    .setDeadLetterErrorDescription("body is not JSON"));
        }
        assertThat(bus.deadLetteredMessages("work")).anySatisfy(d -> {
            assertThat(d.messageId()).isEqualTo(id);
            assertThat(d.reason()).isEqualTo("SchemaInvalid");
            assertThat(d.bodyAsString()).isEqualTo("{bad json");
        });
        try (ServiceBusReceiverClient dlq = receiverBuilder("work").subQueue(SubQueue.DEAD_LETTER_QUEUE)
                .buildClient()) {
            List<ServiceBusReceivedMessage> dead = TestBus.receive(dlq, 10, Duration.ofSeconds(2));
            assertThat(dead).anySatisfy(d -> {
                assertThat(d.getMessageId()).isEqualTo(id);
                assertThat(d.getDeadLetterReason()).isEqualTo("SchemaInvalid");
                assertThat(d.getDeadLetterErrorDescription()).isEqualTo("body is not JSON");
            });
            dead.forEach(dlq::complete);
        }
    }

    @Test
    void aScheduledMessageArrivesNoEarlierThanItsTimeAndCanBeCancelled() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            OffsetDateTime at = OffsetDateTime.now().plusSeconds(2);
            long kept = sender.scheduleMessage(new ServiceBusMessage("later")
                    .setMessageId(UUID.randomUUID().toString()), at);
            long cancelled = sender.scheduleMessage(new ServiceBusMessage("never")
                    .setMessageId(UUID.randomUUID().toString()), at);
            assertThat(bus.counts("work").scheduled()).isEqualTo(2);
            sender.cancelScheduledMessage(cancelled);
            assertThat(bus.counts("work").scheduled()).isEqualTo(1);

            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 1, Duration.ofSeconds(6));
            assertThat(got).hasSize(1);
            assertThat(got.get(0).getSequenceNumber()).isEqualTo(kept);
            assertThat(got.get(0).getBody().toString()).isEqualTo("later");
            assertThat(got.get(0).getEnqueuedTime()).isAfterOrEqualTo(at.minusNanos(1_000_000));
            receiver.complete(got.get(0));
            assertThat(TestBus.receive(receiver, 1, Duration.ofSeconds(1))).isEmpty();
            assertThat(bus.counts("work").scheduled()).isZero();
        }
    }

    @Test
    void aMessageSentWithAScheduledEnqueueTimeWaitsForIt() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            OffsetDateTime at = OffsetDateTime.now().plusSeconds(2);
            sender.sendMessage(new ServiceBusMessage("by-annotation").setMessageId(UUID.randomUUID().toString())
                    .setScheduledEnqueueTime(at));
            assertThat(TestBus.receive(receiver, 1, Duration.ofMillis(1000))).isEmpty();
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 1, Duration.ofSeconds(6));
            assertThat(got).hasSize(1);
            assertThat(OffsetDateTime.now()).isAfterOrEqualTo(at);
            receiver.complete(got.get(0));
        }
    }

    @Test
    void aDuplicateMessageIdWithinTheWindowIsDropped() {
        drainQueue("work");
        String id = "rollout-1/host-07/drained";
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("first").setMessageId(id));
            sender.sendMessage(new ServiceBusMessage("second").setMessageId(id));
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 2, Duration.ofSeconds(2));
            assertThat(got).extracting(m -> m.getBody().toString()).containsExactly("first");
            got.forEach(receiver::complete);
        }
    }

    @Test
    void aBatchDeliversEveryMessageInIt() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessages(List.of(new ServiceBusMessage("b1").setMessageId(UUID.randomUUID().toString()),
                    new ServiceBusMessage("b2").setMessageId(UUID.randomUUID().toString()),
                    new ServiceBusMessage("b3").setMessageId(UUID.randomUUID().toString())));
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 3, Duration.ofSeconds(10));
            assertThat(got).extracting(m -> m.getBody().toString()).containsExactly("b1", "b2", "b3");
            got.forEach(receiver::complete);
        }
    }

    @Test
    void peekShowsMessagesWithoutLockingThem() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("p1").setMessageId(UUID.randomUUID().toString()));
            sender.sendMessage(new ServiceBusMessage("p2").setMessageId(UUID.randomUUID().toString()));
            assertThat(receiver.peekMessages(10).stream().map(m -> m.getBody().toString()).toList())
                    .containsExactly("p1", "p2");
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 2, Duration.ofSeconds(10));
            assertThat(got).hasSize(2);
            assertThat(got).allSatisfy(m -> assertThat(m.getDeliveryCount()).isZero());
            got.forEach(receiver::complete);
        }
    }

    @Test
    void receiveAndDeleteRemovesTheMessageOnDelivery() {
        drainQueue("work");
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("once").setMessageId(UUID.randomUUID().toString()));
            assertThat(TestBus.receive(receiver, 1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(bus.counts("work").active()).isZero();
        }
    }

    @Test
    void aMessageWhoseTimeToLivePassesIsDroppedNotDeadLettered() throws InterruptedException {
        drainQueue("work");
        long deadBefore = bus.counts("work").deadLettered();
        try (ServiceBusSenderClient sender = sender("work");
             ServiceBusReceiverClient receiver = receiverBuilder("work").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("short-lived").setMessageId(UUID.randomUUID().toString())
                    .setTimeToLive(Duration.ofMillis(500)));
            assertThat(bus.counts("work").active()).isEqualTo(1);
            Thread.sleep(800);
            assertThat(bus.counts("work").active()).isZero();
            assertThat(TestBus.receive(receiver, 1, Duration.ofMillis(500))).isEmpty();
        }
        assertThat(bus.counts("work").deadLettered()).isEqualTo(deadBefore);
    }
}
