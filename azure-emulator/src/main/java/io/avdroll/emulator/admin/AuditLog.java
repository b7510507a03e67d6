package io.avdroll.emulator.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordered record of every state change, so tests and benchmarks can check invariants from outside the
 * services (who drained what, when; which sessions were forced off; capacity over time).
 * Secrets never enter it.
 */
public final class AuditLog {
    /**
     * @param seq      1, 2, 3... in the order the changes happened
     * @param time     simulation clock
     * @param type     e.g. {@code AllowNewSessionChanged}, {@code UserSessionLoggedOff}
     * @param actor    {@code api} (a call to the ARM endpoint), {@code simulation}, {@code admin} or {@code fault}
     * @param resource ARM id (or host pool / session host path) the change is about
     */
    public record Entry(long seq, Instant time, String type, String actor, String resource, Map<String, Object> details) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized Entry record(Instant time, String type, String actor, String resource, Object... keyValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            details.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        Entry entry = new Entry(entries.size() + 1L, time, type, actor, resource, Collections.unmodifiableMap(details));
        entries.add(entry);
        return entry;
    }

    /** Entries with seq greater than {@code afterSeq}, optionally of one type. */
    public synchronized List<Entry> since(long afterSeq, String type) {
        List<Entry> out = new ArrayList<>();
        for (int i = (int) Math.max(0, afterSeq); i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (type == null || type.equals(e.type())) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Entry> all() {
        return since(0, null);
    }
}
