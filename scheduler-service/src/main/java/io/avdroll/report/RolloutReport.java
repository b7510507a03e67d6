package io.avdroll.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished rollout did, for the history the API and CLI show: per host stage timings and outcome, what was
 * forced, what failed and why.
 *
 * @param counts        hosts by the stage they ended in
 * @param forcedLogOffs users logged off by force over all hosts
 * @param forced        things done that a person did not plan: forced log-offs per host, retried hosts, DR hosts
 *                      woken for surge, hosts still out when the rollout was cancelled
 */
public record RolloutReport(String rolloutId, String hostPool, String targetImageVersion, String state, String stateReason,
                            Instant startedAt, Instant endedAt, Duration took, Map<String, Integer> counts,
                            int forcedLogOffs, List<HostReport> hosts, List<String> forced, List<String> failures) {

    /** One line: how it ended, the hosts by outcome and the forced log-offs. */
    public String summary() {
        return state + " after " + took + " (" + stateReason + "); hosts " + counts + "; " + forcedLogOffs
                + " forced log-off(s)" + (failures.isEmpty() ? "" : "; " + failures.size() + " failed");
    }

    /** A few lines for a log or a terminal. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("rollout ").append(rolloutId).append(" on ").append(hostPool).append(": ").append(summary()).append('\n');
        for (HostReport h : hosts) {
            text.append("  ").append(h.host()).append(" [").append(h.hostClass()).append("] ").append(h.outcome())
                    .append(" attempts=").append(h.attempts())
                    .append(timing(" waited=", h.waited()))
                    .append(timing(" drain=", h.drain()))
                    .append(timing(" redeploy=", h.redeploy()))
                    .append(timing(" verify=", h.verify()))
                    .append(timing(" out=", h.outOfService()))
                    .append(h.forcedLogOffs() > 0 ? " forcedLogOffs=" + h.forcedLogOffs() : "")
                    .append(h.failedIn().map(s -> " failedIn=" + s).orElse(""))
                    .append(" — ").append(h.reason()).append('\n');
        }
        forced.forEach(f -> text.append("  forced: ").append(f).append('\n'));
        failures.forEach(f -> text.append("  failed: ").append(f).append('\n'));
        return text.toString();
    }

    private static String timing(String label, Optional<Duration> d) {
        return d.map(x -> label + x).orElse("");
    }
}
