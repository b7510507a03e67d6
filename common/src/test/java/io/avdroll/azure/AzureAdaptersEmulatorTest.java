package io.avdroll.azure;

import io.avdroll.azure.client.AzureClientConfig;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.support.EmulatedAzure;
import io.avdroll.azure.support.TestConnections;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AzureAdaptersEmulatorTest {

    private static final String SEED = """
        {"subscriptions": ["%s"],
         "galleries": [{"subscription": "%s", "resourceGroup": "rg-img", "name": "gal", "location": "westeurope",
           "images": [{"name": "win11", "versions": [{"name": "1.0.0"}]}]}],
         "hostPools": [{"subscription": "%s", "resourceGroup": "rg-avd", "name": "hp-cfg", "location": "westeurope",
           "image": "gal/win11/1.0.0", "standardHosts": {"count": 2}}]}
        """.formatted(EmulatedAzure.SUBSCRIPTION, EmulatedAzure.SUBSCRIPTION, EmulatedAzure.SUBSCRIPTION);

    @Test
    void servicesReachTheEmulatorFromPlainConfigurationKeys() {
        try (EmulatedAzure azure = EmulatedAzure.start(SEED, Duration.ofMillis(200), o -> { })) {
            Map<String, String> keys = new HashMap<>();
            keys.put(AzureClientConfig.SUBSCRIPTION_ID, EmulatedAzure.SUBSCRIPTION);
            keys.put(AzureClientConfig.ARM_ENDPOINT, azure.emulator().armEndpoint());
            keys.put(AzureClientConfig.CREDENTIAL, "static-token");
            keys.put(AzureClientConfig.STATIC_TOKEN, TestConnections.STATIC_TOKEN);
            keys.put(AzureClientConfig.TRUST_STORE_PATH, azure.emulator().trustStorePath().toString());
            keys.put(AzureClientConfig.TRUST_STORE_PASSWORD, azure.emulator().trustStorePassword());
            keys.put(AzureClientConfig.OPERATION_TIMEOUT, "30s");

            AzureAdapters adapters = AzureAdapters.open(AzureClientConfig.fromMap(keys));

            assertThat(adapters.sessionHosts().list(new HostPoolRef("rg-avd", "hp-cfg"))).hasSize(2);
            assertThat(adapters.virtualMachines().get(new io.avdroll.azure.compute.VmRef("rg-avd", "hp-cfg-01")).size())
                .isEqualTo("Standard_D4ds_v5");
        }
    }
}
