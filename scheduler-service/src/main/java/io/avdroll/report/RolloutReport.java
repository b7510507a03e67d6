package io.avdroll.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a finished rollout did, for the history the API and CLI show: per host timings and outcome, what was
 * forced, what failed and why.
 *
 * @param counts hosts by the stage they ended in
 * @param forced things done that a person did not plan: retried hosts, DR hosts woken for surge, hosts still out
 *               when the rollout was cancelled
 */
public record RolloutReport(String rolloutId, String hostPool, String targetImageVersion, String state, String stateReason,
                            Instant startedAt, Instant endedAt, Duration took, Map<String, Integer> counts,
                            List<HostReport> hosts, List<String> forced, List<String> failures) {

    /** A few lines for a log or a terminal. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("rollout ").append(rolloutId).append(" on ").append(hostPool).append(": ").append(state)
                .append(" after ").append(took).append(" (").append(stateReason).append(")\n")
                .append("  hosts: ").append(counts).append('\n');
        for (HostReport h : hosts) {
            text.append("  ").append(h.host()).append(" [").append(h.hostClass()).append("] ").append(h.outcome())
                    .append(" attempts=").append(h.attempts())
                    .append(h.waited().map(d -> " waited=" + d).orElse(""))
                    .append(h.inFlight().map(d -> " out=" + d).orElse(""))
                    .append(h.failedIn().map(s -> " failedIn=" + s).orElse(""))
                    .append(" — ").append(h.reason()).append('\n');
        }
        forced.forEach(f -> text.append("  forced: ").append(f).append('\n'));
        failures.forEach(f -> text.append("  failed: ").append(f).append('\n'));
        return text.toString();
    }
}
