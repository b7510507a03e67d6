package io.avdroll.rollout;

import static io.avdroll.rollout.Pools.TARGET;
import static io.avdroll.rollout.Pools.pool;
import static io.avdroll.rollout.Pools.servingHosts;
import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.SessionHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPreviewTest {
    private static final Instant START = Instant.parse("2025-05-01T20:00:00Z");
    private static final StageDurations TEN_MINUTES_EACH = new StageDurations(Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(2));

    @Test
    void tenHostsThroughAWindowOfThreeTakeFourWaves() {
        HostPoolSnapshot pool = pool(servingHosts(10, 1));
        RolloutPreview preview = RolloutPreview.of(pool, RolloutSpec.builder(TARGET).maxUnavailable("3").build(),
                TEN_MINUTES_EACH, START);
        assertThat(preview.completes()).isTrue();
        assertThat(preview.waves()).extracting(w -> w.hosts().size()).containsExactly(3, 3, 3, 1);
        assertThat(preview.waves()).extracting(RolloutPreview.Wave::startsAfter)
                .containsExactly(Duration.ZERO, Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(90));
        assertThat(preview.estimatedDuration()).isEqualTo(Duration.ofMinutes(120));
        assertThat(preview.admissionOrder()).hasSize(10).startsWith("host-1", "host-2", "host-3");
    }

    @Test
    void aCanaryAddsAWaveOfItsOwnAndSkippedHostsAreListed() {
        List<SessionHost> hosts = new ArrayList<>(servingHosts(5, 1));
        hosts.set(4, hosts.get(4).withImageVersion(TARGET));
        RolloutPreview preview = RolloutPreview.of(pool(hosts), RolloutSpec.builder(TARGET).maxUnavailable("3")
                .canary(CanaryPolicy.of(1)).build(), TEN_MINUTES_EACH, START);
        assertThat(preview.skipped()).containsExactly("host-5");
        assertThat(preview.waves()).extracting(w -> w.hosts().size()).containsExactly(1, 3);
        assertThat(preview.estimatedDuration()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void aPreviewWaitsForTheMaintenanceWindowToOpen() {
        RolloutPreview preview = RolloutPreview.of(pool(servingHosts(2, 1)), RolloutSpec.builder(TARGET).maxUnavailable("2")
                .maintenanceWindow(MaintenanceWindow.daily("22:00", "04:00", "UTC")).build(), TEN_MINUTES_EACH, START);
        assertThat(preview.waves()).singleElement().extracting(RolloutPreview.Wave::startsAfter).isEqualTo(Duration.ofHours(2));
        assertThat(preview.estimatedDuration()).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void aFloorThatCanNeverBeHeldMakesThePreviewSayItWouldNotComplete() {
        HostPoolSnapshot pool = pool(servingHosts(3, 1));
        RolloutPreview preview = RolloutPreview.of(pool, RolloutSpec.builder(TARGET).minAvailableHosts(3).build(),
                TEN_MINUTES_EACH, START);
        assertThat(preview.completes()).isFalse();
        assertThat(preview.notes()).anyMatch(n -> n.startsWith("stalled:") && n.contains("capacity floor: admitting host-1"));
    }
}
