package io.avdroll.api;

import io.avdroll.coordinator.HistoryEntry;
import io.avdroll.report.RolloutReport;
import io.avdroll.report.RolloutReports;
import io.avdroll.rollout.RolloutRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A pool's history as {@code GET .../history} answers it: the coordinator's lines, and where a rollout ended a line
 * {@code report: ...} carrying its report. The pool's current rollout, once ended, is reported from its record (so
 * the report is there at once); earlier rollouts of the pool from the reports this instance kept. Pure.
 */
final class HistoryWithReports {

    private HistoryWithReports() {
    }

    static List<RolloutView.HistoryLine> of(List<HistoryEntry> entries, RolloutRecord current, List<RolloutReport> kept,
                                            String hostPool) {
        Set<String> rolloutsOfThePool = entries.stream().map(HistoryEntry::rolloutId).collect(Collectors.toSet());
        Map<String, RolloutReport> reports = new LinkedHashMap<>();
        for (RolloutReport report : kept) {
            if (report.hostPool().equals(hostPool) && rolloutsOfThePool.contains(report.rolloutId())) {
                reports.put(report.rolloutId(), report);
            }
        }
        if (current != null && current.state().terminal()) {
            reports.put(current.rolloutId(), RolloutReports.of(current));
        }
        List<RolloutView.HistoryLine> lines = new ArrayList<>(entries.stream().map(RolloutView.HistoryLine::of).toList());
        for (RolloutReport report : reports.values()) {
            lines.add(new RolloutView.HistoryLine(report.endedAt(), report.rolloutId(), "report: " + report.summary(),
                    ReportView.of(report)));
        }
        // stable: a report follows the coordinator's own lines of the same moment
        lines.sort(Comparator.comparing(RolloutView.HistoryLine::at));
        return lines;
    }
}
