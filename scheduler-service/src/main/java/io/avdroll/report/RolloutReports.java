package io.avdroll.report;

import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the report of a rollout from its record. Pure. */
public final class RolloutReports {

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
        for (HostProgress h : record.hosts().values()) {
            Optional<Duration> waited = Optional.ofNullable(h.admittedAt()).map(a -> Duration.between(record.createdAt(), a));
            Optional<Duration> out = Optional.ofNullable(h.admittedAt())
                    .flatMap(a -> Optional.ofNullable(h.finishedAt()).map(f -> Duration.between(a, f)));
            Optional<String> failedIn = Optional.ofNullable(h.failedIn()).map(Enum::name);
            hosts.add(new HostReport(h.host(), h.hostClass().name(), h.stage().name(), h.attempt(), waited, out, failedIn,
                    h.lastReason()));
            if (h.attempt() > 1) {
                forced.add(h.host() + " retried: " + h.attempt() + " attempts");
            }
            if (h.stage() == HostStage.FAILED) {
                failures.add(h.host() + " in " + failedIn.orElse("?") + ": " + h.lastReason());
            }
            if (h.stage().inFlight()) {
                forced.add(h.host() + " was still " + h.stage() + " when the rollout ended " + record.state());
            }
        }
        record.surgeHosts().forEach((host, slept) ->
                forced.add(host + " woken for surge from " + slept + " and not yet put back"));
        return new RolloutReport(record.rolloutId(), record.hostPool(), record.targetImageVersion(), record.state().name(),
                record.stateReason(), record.createdAt(), record.stateChangedAt(),
                Duration.between(record.createdAt(), record.stateChangedAt()), counts, hosts, forced, failures);
    }
}
