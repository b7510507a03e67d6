package io.avdroll.service.testing;

import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.Map;

/**
 * Starts the local Azure emulator (ARM over HTTPS and Service Bus over AMQP) for a service's Quarkus tests and
 * points the service at it exactly as an operator would: ARM endpoint, its trust store, a static token, and a
 * Service Bus connection string. Simulated Azure steps are short so a test runs in seconds.
 */
public class AzureEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
    public static final String TOKEN = "local-emulator-token";

    private static volatile AzureEmulator running;
    private AzureEmulator emulator;

    @Override
    public Map<String, String> start() {
        EmulatorOptions options = EmulatorOptions.defaults().serviceBusPort(0).retryAfterSeconds(1).bearerToken(TOKEN);
        options.timings().all(Duration.ofMillis(200));
        emulator = AzureEmulator.start(options);
        running = emulator;
        return Map.of(
                "avdroll.azure.subscription-id", SUBSCRIPTION,
                "avdroll.azure.arm-endpoint", emulator.armEndpoint(),
                "avdroll.azure.credential", "static-token",
                "avdroll.azure.static-token", TOKEN,
                "avdroll.azure.trust-store.path", emulator.trustStorePath().toString(),
                "avdroll.azure.trust-store.password", emulator.trustStorePassword(),
                "avdroll.azure.lro.default-poll-interval", "PT0.25S",
                "avdroll.servicebus.connection-string", emulator.serviceBusConnectionString());
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
        running = null;
    }

    /** The emulator of the test running now, to seed it and read its audit log. */
    public static AzureEmulator emulator() {
        if (running == null) {
            throw new IllegalStateException("no emulator: annotate the test with @QuarkusTestResource(AzureEmulatorResource.class)");
        }
        return running;
    }
}
