package io.avdroll.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports of the rollouts that ended while this instance watched, newest last, at most {@code limit}. Read by the
 * API and CLI; kept in memory (the rollout records themselves live in Service Bus session state).
 */
public final class ReportHistory {

    private final int limit;
    private final Map<String, RolloutReport> byKey = new LinkedHashMap<>();

    public ReportHistory(int limit) {
        this.limit = limit;
    }

    /** True when the report is new (a rollout is reported once). */
    public synchronized boolean add(RolloutReport report) {
        String key = key(report.hostPool(), report.rolloutId());
        if (byKey.containsKey(key)) {
            return false;
        }
        byKey.put(key, report);
        while (byKey.size() > limit) {
            byKey.remove(byKey.keySet().iterator().next());
        }
        return true;
    }

    public synchronized boolean contains(String hostPool, String rolloutId) {
        return byKey.containsKey(key(hostPool, rolloutId));
    }

    public synchronized Optional<RolloutReport> find(String hostPool, String rolloutId) {
        return Optional.ofNullable(byKey.get(key(hostPool, rolloutId)));
    }

    public synchronized List<RolloutReport> all() {
        return Collections.unmodifiableList(new ArrayList<>(byKey.values()));
    }

    private static String key(String hostPool, String rolloutId) {
        return hostPool + "/" + rolloutId;
    }
}
