package io.avdroll.service.testing;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a service's emulator test does from the outside: reads the emulator's audit log, waits for a condition,
 * and talks to Service Bus with the real SDK as another service (or a redelivering broker) would.
 */
public final class EmulatorProbe {

    private EmulatorProbe() {
    }

    public static ServiceBusClientBuilder serviceBus() {
        return new ServiceBusClientBuilder().connectionString(AzureEmulatorResource.emulator().serviceBusConnectionString());
    }

    public static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Polls {@code probe} until {@code done} holds for what it returns (null never does), and returns that value. */
    public static <T> T awaitValue(Supplier<T> probe, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (value == null || !done.test(value)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not reached within " + timeout + "; last seen: " + value);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            value = probe.get();
        }
        return value;
    }

    /** Audit entries of {@code type} that the services caused (actor {@code api}) in one host pool. */
    public static List<AuditLog.Entry> apiAudit(String pool, String type) {
        return AzureEmulatorResource.emulator().audit().since(0, type).stream()
                .filter(e -> e.resource().contains("/hostPools/" + pool + "/")).filter(e -> "api".equals(e.actor())).toList();
    }

    public static long lastAuditSeq() {
        List<AuditLog.Entry> all = AzureEmulatorResource.emulator().audit().all();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    /**
     * Sends the event again under another MessageId, so duplicate detection lets it through: what a redelivery
     * after a lost lock, or a resend outside the duplicate-detection window, looks like to a handler.
     */
    public static void redeliver(Event event, EventCodec codec) {
        try (ServiceBusSenderClient sender = serviceBus().sender().topicName(event.type().wireName()).buildClient()) {
            ServiceBusMessage copy = new ServiceBusMessage(codec.encode(event));
            copy.setMessageId(event.messageId() + "/redelivered");
            copy.setContentType("application/json");
            copy.setSubject(event.type().wireName());
            copy.setSessionId(event.sessionId());
            sender.sendMessage(copy);
        }
    }

    public static void awaitSubscriptionEmpty(String topic, String subscription, Duration timeout) throws InterruptedException {
        try (ServiceBusReceiverClient peeker = serviceBus().receiver().topicName(topic).subscriptionName(subscription).buildClient()) {
            await(() -> peeker.peekMessages(10).stream().findAny().isEmpty(), topic + "/" + subscription + " drained", timeout);
        }
    }
}
