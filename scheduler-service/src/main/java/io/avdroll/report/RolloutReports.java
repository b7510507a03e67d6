package io.avdroll.report;

import io.avdroll.rollout.HostJourney;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the report of a rollout from its record. Pure. */
public final class RolloutReports {

    private static final HostJourney UNTOLD = new HostJourney(null, null, null, 0, null);

    private RolloutReports() {
    }

    public static RolloutReport of(RolloutRecord record) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (HostStage stage : HostStage.values()) {
            int n = record.count(stage);
            if (n > 0) {
                counts.put(stage.name(), n);
            }
        }
        List<HostReport> hosts = new ArrayList<>();
        List<String> forced = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int forcedLogOffs = 0;
        for (HostProgress h : record.hosts().values()) {
            HostReport host = host(record, h);
            hosts.add(host);
            forcedLogOffs += host.forcedLogOffs();
            if (host.forcedLogOffs() > 0) {
                forced.add(h.host() + ": " + host.forcedLogOffs() + " user(s) logged off by force");
            }
            if (h.attempt() > 1) {
                forced.add(h.host() + " retried: " + h.attempt() + " attempts");
            }
            if (h.stage() == HostStage.FAILED) {
                failures.add(h.host() + " in " + host.failedIn().orElse("?") + ": " + h.lastReason());
            }
            if (h.stage().inFlight()) {
                forced.add(h.host() + " was still " + h.stage() + " when the rollout ended " + record.state());
            }
        }
        record.surgeHosts().forEach((host, slept) ->
                forced.add(host + " woken for surge from " + slept + " and not yet put back"));
        return new RolloutReport(record.rolloutId(), record.hostPool(), record.targetImageVersion(), record.state().name(),
                record.stateReason(), record.createdAt(), record.stateChangedAt(),
                Duration.between(record.createdAt(), record.stateChangedAt()), counts, forcedLogOffs, hosts, forced,
                failures);
    }

    private static HostReport host(RolloutRecord record, HostProgress h) {
        HostJourney told = h.journey() == null ? UNTOLD : h.journey();
        Instant admitted = h.admittedAt();
        Instant ended = h.finishedAt();
        Instant outFrom = told.drainStartedAt() != null ? told.drainStartedAt() : admitted;
        Optional<String> failedIn = h.stage() != HostStage.FAILED ? Optional.empty()
                : Optional.ofNullable(told.failedStage())
                        .or(() -> Optional.ofNullable(h.failedIn()).map(s -> s.name().toLowerCase(Locale.ROOT)));
        return new HostReport(h.host(), h.hostClass().name(), h.stage().name(), h.attempt(), admitted,
                told.drainStartedAt(), told.drainedAt(), told.redeployedAt(), ended,
                between(record.createdAt(), admitted), between(told.drainStartedAt(), told.drainedAt()),
                between(told.drainedAt(), told.redeployedAt()), between(told.redeployedAt(), ended),
                between(outFrom, ended), told.forcedLogOffs(), failedIn, h.lastReason());
    }

    /** Empty unless both ends are known; a little negative (the services' clocks disagree) counts as zero. */
    private static Optional<Duration> between(Instant from, Instant to) {
        if (from == null || to == null) {
            return Optional.empty();
        }
        Duration d = Duration.between(from, to);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }
}
