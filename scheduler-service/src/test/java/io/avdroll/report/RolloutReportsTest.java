package io.avdroll.report;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.PowerState;
import io.avdroll.rollout.HostJourney;
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
            assertThat(h.outOfService()).as("from the admission, the verdict told no drain start").contains(Duration.ofSeconds(1440));
        });
        assertThat(report.hosts()).filteredOn(h -> h.host().equals("dr-01")).singleElement()
                .satisfies(h -> assertThat(h.waited()).isEmpty());
        assertThat(report.failures()).containsExactly("hp-02 in draining: AllocationFailed: no capacity");
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
        return new RolloutReport(id, "hp", "v2", "COMPLETED", "done", T0, T0, Duration.ZERO, Map.of(), 0, java.util.List.of(),
                java.util.List.of(), java.util.List.of());
    }

    @Test
    void eachHostsDrainRedeployVerifyAndTimeOutOfServiceComeFromWhatItsVerdictTold() {
        Instant admitted = T0.plusSeconds(10);
        Instant drainStarted = T0.plusSeconds(12);
        Instant drained = T0.plusSeconds(612);
        Instant recreated = T0.plusSeconds(1512);
        Instant verified = T0.plusSeconds(2112);
        RolloutRecord record = running("hp-01");
        record = record.admit("hp-01", null, "window", admitted).orThrow();
        record = record.advanceHost("hp-01", HostStage.VERIFIED, 1, "verified on v2",
                new HostJourney(drainStarted, drained, recreated, 2, null), verified).orThrow();
        record = record.complete("all hosts done", verified).orThrow();

        RolloutReport report = RolloutReports.of(record);

        assertThat(report.hosts()).singleElement().satisfies(h -> {
            assertThat(h.admittedAt()).isEqualTo(admitted);
            assertThat(h.drainStartedAt()).isEqualTo(drainStarted);
            assertThat(h.waited()).contains(Duration.ofSeconds(10));
            assertThat(h.drain()).contains(Duration.ofMinutes(10));
            assertThat(h.redeploy()).contains(Duration.ofMinutes(15));
            assertThat(h.verify()).contains(Duration.ofMinutes(10));
            assertThat(h.outOfService()).contains(Duration.between(drainStarted, verified));
            assertThat(h.forcedLogOffs()).isEqualTo(2);
            assertThat(h.failedIn()).isEmpty();
        });
        assertThat(report.forcedLogOffs()).isEqualTo(2);
        assertThat(report.forced()).containsExactly("hp-01: 2 user(s) logged off by force");
        assertThat(report.toText()).contains("drain=PT10M redeploy=PT15M verify=PT10M").contains("forcedLogOffs=2");
    }

    @Test
    void aFailedHostIsReportedInTheStageItsServiceNamedWithTheStagesItPassedAndNoVerifyTime() {
        Instant failedAt = T0.plusSeconds(900);
        RolloutRecord record = running("hp-01", "hp-02").admit("hp-02", null, "window", T0).orThrow();
        record = record.advanceHost("hp-02", HostStage.FAILED, 1, "failed in redeploy: AllocationFailed",
                new HostJourney(T0, T0.plusSeconds(300), null, 1, "redeploy"), failedAt).orThrow();

        RolloutReport report = RolloutReports.of(record);

        assertThat(report.hosts()).filteredOn(h -> h.host().equals("hp-02")).singleElement().satisfies(h -> {
            assertThat(h.failedIn()).contains("redeploy");
            assertThat(h.drain()).contains(Duration.ofMinutes(5));
            assertThat(h.redeploy()).isEmpty();
            assertThat(h.verify()).isEmpty();
            assertThat(h.outOfService()).contains(Duration.ofMinutes(15));
        });
        assertThat(report.failures()).containsExactly("hp-02 in redeploy: failed in redeploy: AllocationFailed");
        assertThat(report.hosts()).filteredOn(h -> h.host().equals("hp-01")).singleElement()
                .satisfies(h -> assertThat(h.outOfService()).as("never admitted").isEmpty());
    }

    @Test
    void aRetriedHostIsReportedWithItsLastAttemptsTimesOnly() {
        RolloutRecord record = running("hp-01").admit("hp-01", null, "window", T0).orThrow();
        record = record.advanceHost("hp-01", HostStage.FAILED, 1, "failed in verify", new HostJourney(T0,
                T0.plusSeconds(60), T0.plusSeconds(120), 3, "verify"), T0.plusSeconds(600)).orThrow();
        record = record.retry("hp-01", T0.plusSeconds(700)).orThrow();
        record = record.admit("hp-01", null, "retry", T0.plusSeconds(800)).orThrow();
        record = record.advanceHost("hp-01", HostStage.VERIFIED, 2, "verified on v2", new HostJourney(
                T0.plusSeconds(800), T0.plusSeconds(830), T0.plusSeconds(900), 0, null), T0.plusSeconds(1000)).orThrow();

        HostReport host = RolloutReports.of(record).hosts().get(0);

        assertThat(host.attempts()).isEqualTo(2);
        assertThat(host.drain()).contains(Duration.ofSeconds(30));
        assertThat(host.forcedLogOffs()).as("the first attempt's log-offs belong to its failure").isZero();
        assertThat(host.failedIn()).isEmpty();
    }

    private static RolloutRecord running(String... names) {
        TreeMap<String, HostProgress> hosts = new TreeMap<>();
        for (String name : names) {
            hosts.put(name, HostProgress.pending(name, HostClass.STANDARD, T0));
        }
        return new RolloutRecord("r-8", "hp-prod", "v2", T0, RolloutState.RUNNING, "started", T0, hosts, new TreeMap<>(), 0, 0);
    }
}
