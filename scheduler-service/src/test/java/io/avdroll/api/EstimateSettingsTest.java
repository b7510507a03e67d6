package io.avdroll.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.simulation.Timings;
import io.avdroll.simulation.estimate.RolloutEstimator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EstimateSettingsTest {

    @Test
    void withNothingSetTheEstimateUsesTheTypicalTimingsThirtyRunsAndP90() {
        RolloutEstimator estimator = EstimateSettings.from(Map.of());

        assertThat(estimator.timings()).isEqualTo(Timings.typical());
        assertThat(estimator.runs()).isEqualTo(EstimateSettings.DEFAULT_RUNS);
        assertThat(estimator.percentile()).isEqualTo(EstimateSettings.DEFAULT_PERCENTILE);
    }

    @Test
    void aStageRangeIsTwoDurationsOrOneForAFixedTime() {
        RolloutEstimator estimator = EstimateSettings.from(Map.of(EstimateSettings.PROVISION, "PT5M..PT9M",
                EstimateSettings.VERIFY, "PT10M", EstimateSettings.RUNS, "12", EstimateSettings.PERCENTILE, "95",
                EstimateSettings.LOGOFF_MEAN, "0.25"));

        assertThat(estimator.timings().provision()).isEqualTo(new Timings.Range(Duration.ofMinutes(5), Duration.ofMinutes(9)));
        assertThat(estimator.timings().verify()).isEqualTo(new Timings.Range(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        assertThat(estimator.timings().registration()).isEqualTo(Timings.typical().registration());
        assertThat(estimator.timings().meanLogoffFractionOfGrace()).isEqualTo(0.25);
        assertThat(estimator.runs()).isEqualTo(12);
        assertThat(estimator.percentile()).isEqualTo(95);
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheReason() {
        assertThatThrownBy(() -> EstimateSettings.from(Map.of(EstimateSettings.PROVISION, "8 to 20 minutes")))
                .hasMessageStartingWith(EstimateSettings.PROVISION + ": must be an ISO-8601 duration range");
        assertThatThrownBy(() -> EstimateSettings.from(Map.of(EstimateSettings.REGISTRATION, "PT6M..PT2M")))
                .hasMessageStartingWith(EstimateSettings.REGISTRATION + ":").hasMessageContaining("end must not be before");
        assertThatThrownBy(() -> EstimateSettings.from(Map.of(EstimateSettings.RUNS, "0")))
                .hasMessageStartingWith(EstimateSettings.RUNS + ": must be a whole number from 1");
        assertThatThrownBy(() -> EstimateSettings.from(Map.of(EstimateSettings.PERCENTILE, "40")))
                .hasMessageStartingWith(EstimateSettings.PERCENTILE + ":");
        assertThatThrownBy(() -> EstimateSettings.from(Map.of(EstimateSettings.LOGOFF_MEAN, "-1")))
                .hasMessageStartingWith(EstimateSettings.LOGOFF_MEAN + ":");
    }
}
