package io.avdroll.azure.support;

import com.azure.core.http.policy.HttpLogDetailLevel;
import io.avdroll.azure.client.AzureClientConfig;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The project's ARM emulator started in-process on a free port, and an {@link AzureConnection} configured the
 * way a service is for it: custom endpoint, its trust store, static token. One per test class.
 */
public final class EmulatedAzure implements AutoCloseable {

    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";

    private final AzureEmulator emulator;
    private final AzureConnection connection;

    private EmulatedAzure(AzureEmulator emulator, AzureConnection connection) {
        this.emulator = emulator;
        this.connection = connection;
    }

    /** Every simulated step takes {@code step}; LROs answer with Retry-After: 1. */
    public static EmulatedAzure start(String seedJson, Duration step, Consumer<EmulatorOptions> tune) {
        EmulatorOptions options = EmulatorOptions.defaults().retryAfterSeconds(1);
        options.timings().all(step);
        tune.accept(options);
        AzureEmulator emulator = AzureEmulator.start(options.seed(Seed.parse(seedJson)));
        try {
            return new EmulatedAzure(emulator, AzureConnection.open(config(emulator).build()));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    public static AzureClientConfig.Builder config(AzureEmulator emulator) {
        return AzureClientConfig.builder(SUBSCRIPTION)
            .emulator(URI.create(emulator.armEndpoint()), TestConnections.STATIC_TOKEN)
            .trustStore(emulator.trustStorePath(), emulator.trustStorePassword())
            .retryBaseDelay(Duration.ofMillis(100))
            .retryMaxDelay(Duration.ofSeconds(5))
            .maxRetries(3)
            .operationTimeout(Duration.ofSeconds(60))
            .defaultPollInterval(Duration.ofMillis(250))
            .httpLogLevel(HttpLogDetailLevel.HEADERS);
    }

    public AzureEmulator emulator() {
        return emulator;
    }

    public AzureConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
