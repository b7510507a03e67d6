package io.avdroll.service;

import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceConfigTest {

    @Test
    void busKeysGivenAsEnvironmentVariablesAreFoundTheWayAContainerPlatformSetsThem() {
        ServiceConfig config = new ServiceConfig(new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "AVDROLL_SERVICEBUS_NAMESPACE", "contoso-avd.servicebus.windows.net",
                        "AVDROLL_SERVICEBUS_MAX_CONCURRENT_CALLS", "6"), 300))
                .build());

        Map<String, String> values = config.values(ServiceBusSettings.KEYS);

        assertThat(values).containsEntry(ServiceBusSettings.NAMESPACE, "contoso-avd.servicebus.windows.net")
                .containsEntry(ServiceBusSettings.MAX_CONCURRENT_CALLS, "6")
                .doesNotContainKey(ServiceBusSettings.CONNECTION_STRING);
        assertThat(ServiceBusSettings.from(values).maxConcurrentCalls()).isEqualTo(6);
    }

    @Test
    void aPropertyFileValueOverridesNothingItDoesNotSetAndBlankValuesCountAsUnset() {
        ServiceConfig config = new ServiceConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        "avdroll.servicebus.namespace", "  ",
                        "avdroll.pools.hp1.max-unavailable", "2"), "test", 100))
                .build());

        assertThat(config.get("avdroll.servicebus.namespace")).isEmpty();
        assertThat(config.withPrefix("avdroll.pools.")).containsExactly(Map.entry("avdroll.pools.hp1.max-unavailable", "2"));
    }
}
