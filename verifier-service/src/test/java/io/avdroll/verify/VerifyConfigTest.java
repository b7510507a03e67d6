package io.avdroll.verify;

import io.avdroll.markers.HostTags;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifyConfigTest {

    private static VerifyPolicy read(Map<String, String> values) {
        return VerifyConfig.read(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void withoutSettingsTheVerifierAllowsFortyFiveMinutesBakesTenAndLooksEveryMinute() {
        VerifyPolicy policy = read(Map.of());

        assertThat(policy.registrationTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(policy.defaultBakeTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.scalingExclusionTag()).isEqualTo(HostTags.DEFAULT_SCALING_EXCLUSION);
        assertThat(policy.retryDelay()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void everyKeyIsRead() {
        VerifyPolicy policy = read(Map.of(VerifyConfig.REGISTRATION_TIMEOUT, "PT1H", VerifyConfig.BAKE_TIME, "PT0S",
                VerifyConfig.POLL_INTERVAL, "PT30S", VerifyConfig.SCALING_EXCLUSION_TAG, " NoAutoscale ",
                VerifyConfig.RETRY_DELAY, "PT5S"));

        assertThat(policy).isEqualTo(new VerifyPolicy(Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(30),
                "NoAutoscale", Duration.ofSeconds(5)));
    }

    @Test
    void aDurationThatIsNotIso8601IsRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of(VerifyConfig.BAKE_TIME, "10 minutes")))
                .isInstanceOf(InvalidVerifyConfigException.class)
                .hasMessageStartingWith("avdroll.verify.bake-time: must be an ISO-8601 duration");
    }

    @Test
    void aZeroPollIntervalOrTimeoutIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of(VerifyConfig.POLL_INTERVAL, "PT0S")))
                .hasMessageStartingWith("avdroll.verify.poll-interval: must be positive");
        assertThatThrownBy(() -> read(Map.of(VerifyConfig.REGISTRATION_TIMEOUT, "-PT5M")))
                .hasMessageStartingWith("avdroll.verify.registration-timeout: must be positive");
    }

    @Test
    void aNegativeBakeTimeIsRefused() {
        assertThatThrownBy(() -> read(Map.of(VerifyConfig.BAKE_TIME, "-PT1M")))
                .hasMessageStartingWith("avdroll.verify.bake-time: must not be negative");
    }

    @Test
    void anExclusionTagAzureWouldRefuseOrThatCollidesWithOurMarkersIsRefused() {
        assertThatThrownBy(() -> read(Map.of(VerifyConfig.SCALING_EXCLUSION_TAG, "a/b")))
                .hasMessageStartingWith("avdroll.verify.scaling-exclusion-tag: must be a VM tag name");
        assertThatThrownBy(() -> read(Map.of(VerifyConfig.SCALING_EXCLUSION_TAG, "avdroll-stage")))
                .hasMessageContaining("collide with the rollout's own avdroll-* markers");
    }
}
