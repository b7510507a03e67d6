package io.avdroll.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.HandledMessages;
import io.avdroll.coordinator.HistoryEntry;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import java.time.Instant;
import java.util.List;

/**
 * A pool's rollout as the API, the CLI and the status page show it. Stages and states are the domain's names
 * (PENDING, DRAINING, ..., VERIFIED, FAILED, SKIPPED; RUNNING, PAUSED, CANCELLED, COMPLETED).
 *
 * @param recentEvents what the coordinator of this instance handled for the pool lately, oldest first (not kept
 *                     across restarts; the history is)
 */
public record RolloutView(String subscriptionId, String resourceGroup, String hostPool, String rolloutId,
                          String state, String stateReason, Instant stateChangedAt, Instant createdAt,
                          String targetImageVersionId, String requestedBy, Counters counters, List<HostView> hosts,
                          List<String> surgeHosts, List<HistoryLine> history, List<EventLine> recentEvents) {

    /**
     * @param done verified + skipped (+ failed: finished, even if not well)
     */
    public record Counters(int total, int pending, int inFlight, int verified, int failed, int skipped, int done,
                           int percentDone, int admissions, int failures) {
    }

    public record HostView(String host, String hostClass, String stage, int attempt, String lastReason,
                           Instant stageSince, String failedIn) {
    }

    /** @param report the rollout's report, on the line that tells it ended (history endpoint only) */
    public record HistoryLine(Instant at, String rolloutId, String text,
                              @JsonInclude(JsonInclude.Include.NON_NULL) ReportView report) {
        static HistoryLine of(HistoryEntry entry) {
            return new HistoryLine(entry.at(), entry.rolloutId(), entry.text(), null);
        }
    }

    public record EventLine(Instant at, String messageId, String outcome) {
        static EventLine of(HandledMessages.Handled handled) {
            return new EventLine(handled.at(), handled.messageId(), handled.outcome());
        }
    }

    static RolloutView of(CoordinatorState state, PoolKey pool, String subscriptionId, List<HandledMessages.Handled> events,
                          int historyLines) {
        RolloutRecord r = state.record();
        List<HistoryLine> history = state.history().stream().map(HistoryLine::of).toList();
        if (history.size() > historyLines) {
            history = history.subList(history.size() - historyLines, history.size());
        }
        List<EventLine> recent = events.stream().map(EventLine::of).toList();
        if (r == null) {
            return new RolloutView(subscriptionId, pool.resourceGroup(), pool.hostPool(), null, null, null, null, null,
                    null, null, null, List.of(), List.of(), history, recent);
        }
        List<HostView> hosts = r.hosts().values().stream().map(RolloutView::host).toList();
        return new RolloutView(subscriptionId, pool.resourceGroup(), pool.hostPool(), r.rolloutId(), r.state().name(),
                r.stateReason(), r.stateChangedAt(), r.createdAt(), state.target() == null ? r.targetImageVersion()
                : state.target().targetImageVersionId(), state.target() == null ? null : state.target().requestedBy(),
                counters(r), hosts, List.copyOf(r.surgeHosts().keySet()), history, recent);
    }

    static Counters counters(RolloutRecord r) {
        int total = r.hosts().size();
        int verified = r.count(HostStage.VERIFIED);
        int failed = r.count(HostStage.FAILED);
        int skipped = r.count(HostStage.SKIPPED);
        int done = verified + failed + skipped;
        return new Counters(total, r.count(HostStage.PENDING), r.inFlightCount(), verified, failed, skipped, done,
                total == 0 ? 100 : done * 100 / total, r.admissions(), r.failureCount());
    }

    private static HostView host(HostProgress p) {
        return new HostView(p.host(), p.hostClass().name(), p.stage().name(), p.attempt(), p.lastReason(), p.stageSince(),
                p.failedIn() == null ? null : p.failedIn().name());
    }
}
