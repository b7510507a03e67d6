package io.avdroll.drain;

import io.avdroll.markers.HostTags;
import io.avdroll.rollout.DrainPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrainSettingsTest {

    @Test
    void withoutAnyKeyTheBuiltInDefaultsApply() {
        DrainSettings settings = DrainSettings.from(key -> Optional.empty());

        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.scalingExclusionTag()).isEqualTo(HostTags.DEFAULT_SCALING_EXCLUSION);
        assertThat(settings.defaults().reminderOffsets()).isEqualTo(DrainPolicy.defaults().reminderOffsets());
        assertThat(settings.defaults().logOffDisconnectedEarly()).isEqualTo(DrainPolicy.defaults().logOffDisconnectedEarly());
    }

    @Test
    void everyKeyIsRead() {
        DrainSettings settings = DrainSettings.from(config(Map.of(
                "avdroll.drain.poll-interval", "30s",
                "avdroll.drain.retry-delay", "PT5S",
                "avdroll.drain.scaling-exclusion-tag", "NoAutoscale",
                "avdroll.drain.reminder-offsets", "PT10M, 2m",
                "avdroll.drain.message-title", "Patch night",
                "avdroll.drain.message-text", "Sign out please",
                "avdroll.drain.reminder-text", "Sign out now",
                "avdroll.drain.log-off-disconnected-early", "false")));

        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.retryDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.scalingExclusionTag()).isEqualTo("NoAutoscale");
        assertThat(settings.defaults()).isEqualTo(new DrainPolicy(DrainPolicy.defaults().gracePeriod(),
                List.of(Duration.ofMinutes(10), Duration.ofMinutes(2)), "Patch night", "Sign out please", "Sign out now", false));
    }

    @Test
    void noneSwitchesTheDefaultRemindersOff() {
        assertThat(DrainSettings.from(config(Map.of("avdroll.drain.reminder-offsets", "none"))).defaults().reminderOffsets()).isEmpty();
    }

    @Test
    void aPollIntervalThatIsNotADurationIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> DrainSettings.from(config(Map.of("avdroll.drain.poll-interval", "often"))))
                .hasMessage("avdroll.drain.poll-interval: 'often' is not a duration (use ISO-8601 such as PT15M, or 15m / 30s / 500ms)");
    }

    @Test
    void aZeroPollIntervalIsRejected() {
        assertThatThrownBy(() -> DrainSettings.from(config(Map.of("avdroll.drain.poll-interval", "PT0S"))))
                .hasMessage("avdroll.drain.poll-interval: must be positive (was PT0S)");
    }

    @Test
    void aNegativeReminderOffsetIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> DrainSettings.from(config(Map.of("avdroll.drain.reminder-offsets", "PT5M,-PT1M"))))
                .hasMessageStartingWith("avdroll.drain.reminder-offsets: must be positive");
    }

    @Test
    void aFlagThatIsNeitherTrueNorFalseIsRejected() {
        assertThatThrownBy(() -> DrainSettings.from(config(Map.of("avdroll.drain.log-off-disconnected-early", "yes"))))
                .hasMessage("avdroll.drain.log-off-disconnected-early: must be true or false (was 'yes')");
    }

    @Test
    void anExclusionTagAzureWouldRefuseIsRejected() {
        assertThatThrownBy(() -> DrainSettings.from(config(Map.of("avdroll.drain.scaling-exclusion-tag", "scaling/exclude"))))
                .hasMessageStartingWith("avdroll.drain.scaling-exclusion-tag: 'scaling/exclude' is not a valid Azure tag name");
    }

    @Test
    void anExclusionTagThatWouldCollideWithTheRolloutMarkersIsRejected() {
        assertThatThrownBy(() -> DrainSettings.from(config(Map.of("avdroll.drain.scaling-exclusion-tag", HostTags.STAGE))))
                .hasMessageContaining("collide");
    }

    private static java.util.function.Function<String, Optional<String>> config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }
}
