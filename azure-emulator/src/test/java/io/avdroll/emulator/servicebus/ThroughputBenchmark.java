package io.avdroll.emulator.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;

import java.time.Duration;
import java.util.Locale;

/**
 * Messages per second through send (batches), receive and complete with the real Service Bus SDK against the
 * emulator on loopback. It lives in the test sources because the SDK is a test dependency of this module. Run from
 * the repository root:
 * <pre>
 * ./mvnw -B -q -pl azure-emulator test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java -cp azure-emulator/target/classes:azure-emulator/target/test-classes:$(cat azure-emulator/target/test-classpath.txt) \
 *     io.avdroll.emulator.servicebus.ThroughputBenchmark 5000
 * </pre>
 */
public final class ThroughputBenchmark {

    private static final String TOPOLOGY = """
            {"queues": [{"name": "bench", "lockDuration": "PT1M", "maxDeliveryCount": 10}]}""";

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        if (count <= 0 || count > 1_000_000) {
            throw new IllegalArgumentException("message count must be 1..1000000, got " + count);
        }
        try (ServiceBusEmulator bus = ServiceBusEmulator.builder().topology(Topology.parse(TOPOLOGY)).start()) {
            AmqpRetryOptions retry = new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(3)
                    .setDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(5))
                    .setTryTimeout(Duration.ofSeconds(30));
            ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(bus.connectionString())
                    .retryOptions(retry);
            try (ServiceBusSenderClient sender = client.sender().queueName("bench").buildClient();
                 ServiceBusReceiverClient receiver = client.receiver().queueName("bench").disableAutoComplete()
                         .maxAutoLockRenewDuration(Duration.ZERO).prefetchCount(200).buildClient()) {
                run(sender, receiver, Math.min(500, count)); // warm-up: JIT, links, token
                long start = System.nanoTime();
                run(sender, receiver, count);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%d messages sent (batches), received and completed in %.2f s: "
                        + "%.0f messages/s%n", count, seconds, count / seconds);
            }
        }
    }

    private static void run(ServiceBusSenderClient sender, ServiceBusReceiverClient receiver, int count) {
        int sent = 0;
        while (sent < count) {
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            while (sent < count && batch.tryAddMessage(new ServiceBusMessage("benchmark payload " + sent))) {
                sent++;
            }
            sender.sendMessages(batch);
        }
        int completed = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (completed < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + completed + " of " + count + " messages came back");
            }
            for (ServiceBusReceivedMessage m : receiver.receiveMessages(Math.min(200, count - completed),
                    Duration.ofSeconds(2))) {
                receiver.complete(m);
                completed++;
            }
        }
    }
}
