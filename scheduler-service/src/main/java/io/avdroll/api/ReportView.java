package io.avdroll.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.avdroll.report.HostReport;
import io.avdroll.report.RolloutReport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout report as the API and {@code avdroll history -o json} show it: instants and durations as ISO-8601
 * strings whatever the JSON mapper's settings; a time the host never reached is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportView(String rolloutId, String hostPool, String targetImageVersion, String state, String stateReason,
                         String startedAt, String endedAt, String took, Map<String, Integer> counts, int forcedLogOffs,
                         List<Host> hosts, List<String> forced, List<String> failures) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Host(String host, String hostClass, String outcome, int attempts, String admittedAt,
                       String drainStartedAt, String drainedAt, String redeployedAt, String endedAt, String waited,
                       String drain, String redeploy, String verify, String outOfService, int forcedLogOffs,
                       String failedIn, String reason) {
    }

    public static ReportView of(RolloutReport r) {
        return new ReportView(r.rolloutId(), r.hostPool(), r.targetImageVersion(), r.state(), r.stateReason(),
                text(r.startedAt()), text(r.endedAt()), r.took().toString(), r.counts(), r.forcedLogOffs(),
                r.hosts().stream().map(ReportView::host).toList(), r.forced(), r.failures());
    }

    private static Host host(HostReport h) {
        return new Host(h.host(), h.hostClass(), h.outcome(), h.attempts(), text(h.admittedAt()), text(h.drainStartedAt()),
                text(h.drainedAt()), text(h.redeployedAt()), text(h.endedAt()), text(h.waited()), text(h.drain()),
                text(h.redeploy()), text(h.verify()), text(h.outOfService()), h.forcedLogOffs(), h.failedIn().orElse(null),
                h.reason());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String text(Optional<Duration> d) {
        return d.map(Duration::toString).orElse(null);
    }
}
