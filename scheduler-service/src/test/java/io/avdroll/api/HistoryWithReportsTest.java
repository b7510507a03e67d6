package io.avdroll.api;

import io.avdroll.coordinator.HistoryEntry;
import io.avdroll.pool.HostClass;
import io.avdroll.report.RolloutReport;
import io.avdroll.rollout.HostJourney;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryWithReportsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T22:00:00Z");

    @Test
    void anEndedRolloutsReportFollowsItsLastLineWithEachHostsStageTimesAsIsoText() {
        RolloutRecord ended = running("r-2").admit("hp-01", null, "window", T0.plusSeconds(5)).orThrow()
                .advanceHost("hp-01", HostStage.VERIFIED, 1, "verified on v2",
                        new HostJourney(T0.plusSeconds(6), T0.plusSeconds(66), T0.plusSeconds(366), 1, null),
                        T0.plusSeconds(666)).orThrow()
                .complete("every host done", T0.plusSeconds(666)).orThrow();
        List<HistoryEntry> entries = List.of(new HistoryEntry(T0, "r-2", "started for api:ops"),
                new HistoryEntry(T0.plusSeconds(666), "r-2", "completed: every host done"));

        List<RolloutView.HistoryLine> lines = HistoryWithReports.of(entries, ended, List.of(), "hp-prod");

        assertThat(lines).extracting(RolloutView.HistoryLine::text).containsExactly("started for api:ops",
                "completed: every host done", "report: COMPLETED after PT11M6S (every host done); hosts {VERIFIED=1}; 1 forced log-off(s)");
        ReportView report = lines.get(2).report();
        assertThat(report.forcedLogOffs()).isEqualTo(1);
        assertThat(report.hosts()).singleElement().satisfies(h -> {
            assertThat(h.drainStartedAt()).isEqualTo(T0.plusSeconds(6).toString());
            assertThat(h.drain()).isEqualTo("PT1M");
            assertThat(h.redeploy()).isEqualTo("PT5M");
            assertThat(h.verify()).isEqualTo("PT5M");
            assertThat(h.outOfService()).isEqualTo(Duration.ofSeconds(660).toString());
            assertThat(h.failedIn()).isNull();
        });
        assertThat(lines.get(0).report()).isNull();
    }

    @Test
    void aRunningRolloutHasNoReportYetAndKeptReportsShowOnlyForRolloutsOfThisPool() {
        RolloutReport earlier = report("r-1", "hp-prod", T0.minusSeconds(60));
        RolloutReport otherPool = report("r-1", "hp-test", T0.minusSeconds(50));
        RolloutReport unknown = report("r-9", "hp-prod", T0.minusSeconds(40));
        List<HistoryEntry> entries = List.of(new HistoryEntry(T0.minusSeconds(3600), "r-1", "started"),
                new HistoryEntry(T0, "r-2", "started"));

        List<RolloutView.HistoryLine> lines = HistoryWithReports.of(entries, running("r-2"),
                List.of(earlier, otherPool, unknown), "hp-prod");

        assertThat(lines).extracting(RolloutView.HistoryLine::rolloutId).containsExactly("r-1", "r-1", "r-2");
        assertThat(lines.get(1).report().hostPool()).isEqualTo("hp-prod");
        assertThat(lines.get(2).report()).isNull();
    }

    private static RolloutRecord running(String id) {
        TreeMap<String, HostProgress> hosts = new TreeMap<>();
        hosts.put("hp-01", HostProgress.pending("hp-01", HostClass.STANDARD, T0));
        return new RolloutRecord(id, "hp-prod", "v2", T0, RolloutState.RUNNING, "started", T0, hosts, new TreeMap<>(), 0, 0);
    }

    private static RolloutReport report(String id, String pool, Instant ended) {
        return new RolloutReport(id, pool, "v2", "COMPLETED", "done", T0.minusSeconds(3600), ended, Duration.ofHours(1),
                Map.of(), 0, List.of(), List.of(), List.of());
    }
}
