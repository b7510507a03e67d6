package io.avdroll.azure.support;

import com.azure.core.http.policy.HttpLogDetailLevel;
import io.avdroll.azure.client.AzureClientConfig;
import io.avdroll.azure.client.AzureConnection;

import java.net.URI;
import java.time.Duration;

/** Connections configured the way a service is configured for the local emulator. */
public final class TestConnections {

    public static final String STATIC_TOKEN = "local-emulator-token";

    private TestConnections() {
    }

    public static AzureClientConfig.Builder emulatorConfig(String subscriptionId, URI endpoint, TestTls tls) {
        return AzureClientConfig.builder(subscriptionId)
            .emulator(endpoint, STATIC_TOKEN)
            .trustStore(tls.trustStore(), TestTls.PASSWORD)
            .retryBaseDelay(Duration.ofMillis(50))
            .retryMaxDelay(Duration.ofSeconds(5))
            .maxRetries(3)
            .responseTimeout(Duration.ofSeconds(20))
            .operationTimeout(Duration.ofSeconds(60))
            .defaultPollInterval(Duration.ofMillis(200))
            .httpLogLevel(HttpLogDetailLevel.HEADERS);
    }

    public static AzureConnection open(String subscriptionId, URI endpoint, TestTls tls) {
        return AzureConnection.open(emulatorConfig(subscriptionId, endpoint, tls).build());
    }
}
