package io.avdroll.provision;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionSettingsTest {

    @Test
    void theDefaultsAllowThreeCreatesOneMinuteApartDoubling() {
        ProvisionSettings settings = ProvisionSettings.defaults();

        assertThat(settings.maxCreateAttempts()).isEqualTo(3);
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aTokenLifetimeAvdWouldRefuseStopsTheServiceNamingTheKey() {
        assertThatThrownBy(() -> from(Map.of(ProvisionSettings.TOKEN_LIFETIME, "P31D")))
                .hasMessageStartingWith("avdroll.provision.registration-token-lifetime: must be between PT1H and P30D");
        assertThatThrownBy(() -> from(Map.of(ProvisionSettings.TOKEN_LIFETIME, "PT30M")))
                .hasMessageContaining("registration-token-lifetime");
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheReason() {
        assertThatThrownBy(() -> from(Map.of(ProvisionSettings.MAX_CREATE_ATTEMPTS, "0")))
                .hasMessage("avdroll.provision.max-create-attempts: must be at least 1, was 0");
        assertThatThrownBy(() -> from(Map.of(ProvisionSettings.MAX_CREATE_ATTEMPTS, "three")))
                .hasMessage("avdroll.provision.max-create-attempts: must be an integer, was 'three'");
        assertThatThrownBy(() -> from(Map.of(ProvisionSettings.CREATE_RETRY_BACKOFF, "60s")))
                .hasMessageStartingWith("avdroll.provision.create-retry-backoff: must be an ISO-8601 duration");
        assertThatThrownBy(() -> from(Map.of(ProvisionSettings.AAD_JOIN, "yes")))
                .hasMessage("avdroll.provision.aad-join: must be true or false, was 'yes'");
        assertThatThrownBy(() -> from(Map.of(ProvisionSettings.AGENT_MODULES_URL, "http://example.com/c.zip")))
                .hasMessage("avdroll.provision.agent-modules-url: must be an https URL");
    }

    private static ProvisionSettings from(Map<String, String> values) {
        return ProvisionSettings.from(key -> Optional.ofNullable(values.get(key)));
    }
}
