package io.avdroll.emulator.admin;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of ARM calls by operation and of what the emulator served (429s, 5xx, ...). */
public final class Counters {
    private final ConcurrentHashMap<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> throttled = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> events = new ConcurrentHashMap<>();

    public void call(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    public void throttled(String operation) {
        throttled.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    public void event(String name) {
        events.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    public long calls(String operation) {
        AtomicLong n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    public long throttledTotal() {
        return throttled.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long eventCount(String name) {
        AtomicLong n = events.get(name);
        return n == null ? 0 : n.get();
    }

    public void reset() {
        calls.clear();
        throttled.clear();
        events.clear();
    }

    /** JSON-ready snapshot: {@code {callsByOperation, totalCalls, throttledByOperation, throttled, events}}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        out.put("callsByOperation", copy(calls));
        out.put("totalCalls", calls.values().stream().mapToLong(AtomicLong::get).sum());
        out.put("throttledByOperation", copy(throttled));
        out.put("throttled", throttledTotal());
        out.put("events", copy(events));
        return out;
    }

    private static Map<String, Long> copy(Map<String, AtomicLong> source) {
        Map<String, Long> out = new TreeMap<>();
        source.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
