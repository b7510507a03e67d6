package io.avdroll.report;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.PowerState;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutReportsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T22:00:00Z");

    @Test
    void theReportGivesEachHostsWaitAndTimeOutAndListsWhatWasForcedAndWhatFailedWithWhy() {
        TreeMap<String, HostProgress> hosts = new TreeMap<>();
        hosts.put("hp-01", new HostProgress("hp-01", HostClass.STANDARD, HostStage.VERIFIED, 1, "verified on v2",
                T0.plusSeconds(1500), T0.plusSeconds(60), T0.plusSeconds(1500), null, null));
        hosts.put("hp-02", new HostProgress("hp-02", HostClass.STANDARD, HostStage.FAILED, 2, "AllocationFailed: no capacity",
                T0.plusSeconds(4000), T0.plusSeconds(3000), T0.plusSeconds(4000), HostStage.DRAINING, null));
        hosts.put("dr-01", new HostProgress("dr-01", HostClass.DR, HostStage.SKIPPED, 0, "already on v2",
                T0, null, T0, null, null));
        TreeMap<String, PowerState> surge = new TreeMap<>(Map.of("dr-02", PowerState.HIBERNATED));
        RolloutRecord record = new RolloutRecord("r-7", "hp-prod", "v2", T0, RolloutState.CANCELLED, "cancelled by ops",
                T0.plusSeconds(5000), hosts, surge, 3, 1);

        RolloutReport report = RolloutReports.of(record);

        assertThat(report.took()).isEqualTo(Duration.ofSeconds(5000));
        assertThat(report.counts()).containsEntry("VERIFIED", 1).containsEntry("FAILED", 1).containsEntry("SKIPPED", 1);
        assertThat(report.hosts()).filteredOn(h -> h.host().equals("hp-01")).singleElement().satisfies(h -> {
            assertThat(h.waited()).contains(Duration.ofSeconds(60));
            assertThat(h.inFlight()).contains(Duration.ofSeconds(1440));
        });
        assertThat(report.hosts()).filteredOn(h -> h.host().equals("dr-01")).singleElement()
                .satisfies(h -> assertThat(h.waited()).isEmpty());
        assertThat(report.failures()).containsExactly("hp-02 in DRAINING: AllocationFailed: no capacity");
        assertThat(report.forced()).containsExactly("hp-02 retried: 2 attempts", "dr-02 woken for surge from HIBERNATED and not yet put back");
        assertThat(report.toText()).contains("rollout r-7 on hp-prod: CANCELLED").contains("failed: hp-02");
    }

    @Test
    void aRolloutIsKeptInTheHistoryOnceAndTheOldestLeaveFirst() {
        ReportHistory history = new ReportHistory(2);
        RolloutReport a = report("a");

        assertThat(history.add(a)).isTrue();
        assertThat(history.add(a)).isFalse();
        history.add(report("b"));
        history.add(report("c"));

        assertThat(history.all()).extracting(RolloutReport::rolloutId).containsExactly("b", "c");
        assertThat(history.find("hp", "c")).isPresent();
    }

    private static RolloutReport report(String id) {
        return new RolloutReport(id, "hp", "v2", "COMPLETED", "done", T0, T0, Duration.ZERO, Map.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of());
    }
}
