package io.avdroll.alerting;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertSettingsTest {

    private static AlertSettings from(Map<String, String> values) {
        return AlertSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void withoutKeysAlertsGoToTheLogOnlyAndWatchersUseTheirDefaults() {
        AlertSettings settings = from(Map.of());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.webhook()).isEmpty();
        assertThat(settings.deadLetterInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.inFlightAllowance()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aMalformedWebhookUrlIsRefusedNamingTheKeyWithoutEchoingTheSecretValue() {
        assertThatThrownBy(() -> from(Map.of(AlertSettings.WEBHOOK_URL, "hooks.slack.com/services/T0/B0/XYZsecret")))
                .hasMessageStartingWith("avdroll.alerts.webhook-url: must be an absolute http(s) URL")
                .hasMessageNotContaining("XYZsecret");
    }

    @Test
    void aNonPositiveIntervalIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> from(Map.of(AlertSettings.DEAD_LETTER_INTERVAL, "PT0S")))
                .hasMessage("avdroll.alerts.dead-letter-interval: must be positive (was PT0S)");
    }
}
