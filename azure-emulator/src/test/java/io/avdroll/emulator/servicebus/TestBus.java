package io.avdroll.emulator.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small topology with short lock durations for tests, and SDK clients with valid, quick retry options. */
final class TestBus {

    static final String TOPOLOGY = """
            {
              "defaults": {
                "maxDeliveryCount": 3,
                "lockDuration": "PT2S",
                "defaultMessageTimeToLive": "PT10M",
                "duplicateDetectionHistoryTimeWindow": "PT1M",
                "maxMessageSizeBytes": 262144
              },
              "queues": [
                { "name": "work", "requiresDuplicateDetection": true },
                { "name": "sessions", "requiresSession": true, "lockDuration": "PT5S" },
                { "name": "sessions-next", "requiresSession": true, "lockDuration": "PT5S" },
                { "name": "sessions-long", "requiresSession": true, "lockDuration": "PT5S" },
                { "name": "sessions-concurrent", "requiresSession": true, "lockDuration": "PT5S" },
                { "name": "sessions-contended", "requiresSession": true, "lockDuration": "PT5S" },
                { "name": "forwarded", "requiresSession": true, "requiresDuplicateDetection": true }
              ],
              "topics": [
                { "name": "events", "requiresDuplicateDetection": true,
                  "subscriptions": [
                    { "name": "alpha" },
                    { "name": "beta" },
                    { "name": "to-forwarded", "forwardTo": "forwarded" }
                  ] }
              ]
            }
            """;

    private TestBus() {
    }

    static ServiceBusEmulator start() {
        return ServiceBusEmulator.builder().port(0).topology(Topology.parse(TOPOLOGY)).start();
    }

    /** The SDK refuses max delay below base delay + 4 s ("bound must be greater than origin"). */
    static AmqpRetryOptions retry() {
        return new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(2)
                .setDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(5))
                .setTryTimeout(Duration.ofSeconds(10));
    }

    static ServiceBusClientBuilder client(ServiceBusEmulator bus) {
        return new ServiceBusClientBuilder().connectionString(bus.connectionString()).retryOptions(retry());
    }

    /** Receives until {@code count} messages arrived or the deadline passed. */
    static List<ServiceBusReceivedMessage> receive(ServiceBusReceiverClient receiver, int count, Duration within) {
        List<ServiceBusReceivedMessage> out = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            receiver.receiveMessages(count - out.size(), left.compareTo(Duration.ofSeconds(1)) > 0
                    ? Duration.ofSeconds(1) : left).forEach(out::add);
        }
        return out;
    }
}
