package io.avdroll.e2e.bench;

import io.avdroll.emulator.admin.AuditLog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ARM calls and Service Bus sends of a run, read from the emulator's audit log (traffic auditing on), and
 * what they say about the services' own overhead:
 * <ul>
 *   <li>hand-off latency: from the moment the broker accepted a stage's event to the next stage's first ARM call
 *       about that host (drain → drain-service, drained → provisioner, redeployed → verifier), and from a
 *       host-verified/host-failed to the coordinator's next ARM call;</li>
 *   <li>Azure calls per host redeploy, by service.</li>
 * </ul>
 */
public final class ArmTraffic {

    public record Call(Instant time, String caller, String path, String host, int status) {
    }

    public record Send(Instant time, String topic, HandOffId id) {
    }

    static final Map<String, String> CONSUMER = Map.of(
            "drain-requested", "drain-service",
            "host-drained", "provisioner-service",
            "host-redeployed", "verifier-service",
            "host-verified", "scheduler-service",
            "host-failed", "scheduler-service");

    private final List<Call> calls = new ArrayList<>();
    private final List<Send> sends = new ArrayList<>();

    public ArmTraffic(List<AuditLog.Entry> audit) {
        for (AuditLog.Entry e : audit) {
            if (e.type().equals("ArmRequest")) {
                calls.add(new Call(e.time(), e.actor(), e.resource(), hostOf(e.resource()).orElse(null),
                        ((Number) e.details().get("status")).intValue()));
            } else if (e.type().equals("BusMessageSent") && CONSUMER.containsKey(e.resource())
                    && Boolean.FALSE.equals(e.details().get("duplicate")) && "".equals(e.details().get("scheduledFor"))) {
                HandOffId.parse(String.valueOf(e.details().get("messageId"))).filter(id -> !id.followUp())
                        .ifPresent(id -> sends.add(new Send(e.time(), e.resource(), id)));
            }
        }
        calls.sort((a, b) -> a.time().compareTo(b.time()));
    }

    /** The VM or session host an ARM path is about (lower case, domain dropped), if any. */
    static Optional<String> hostOf(String path) {
        String[] s = path.split("/");
        for (int i = 0; i + 1 < s.length; i++) {
            if (s[i].equalsIgnoreCase("virtualMachines") || s[i].equalsIgnoreCase("sessionHosts")) {
                String name = s[i + 1].toLowerCase(Locale.ROOT);
                int dot = name.indexOf('.');
                return Optional.of(dot > 0 ? name.substring(0, dot) : name);
            }
        }
        return Optional.empty();
    }

    public List<Call> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** Topic → hand-off latencies in milliseconds; hand-offs with no reaction within {@code within} are left out. */
    public Map<String, List<Double>> handOffMillis(Duration within) {
        return handOffMillis(within, 0);
    }

    /**
     * As {@link #handOffMillis(Duration)}, leaving out the first {@code warmUpFraction} of the run's hand-offs (by
     * time): a fresh JVM's first calls pay class loading, JIT and TLS connection set-up once.
     */
    public Map<String, List<Double>> handOffMillis(Duration within, double warmUpFraction) {
        Map<String, List<Instant>> byCallerAndHost = new HashMap<>();
        Map<String, List<Instant>> byCaller = new HashMap<>();
        for (Call c : calls) {
            byCaller.computeIfAbsent(c.caller(), k -> new ArrayList<>()).add(c.time());
            if (c.host() != null) {
                byCallerAndHost.computeIfAbsent(c.caller() + "|" + c.host(), k -> new ArrayList<>()).add(c.time());
            }
        }
        Map<String, List<Double>> out = new TreeMap<>();
        List<Send> ordered = new ArrayList<>(sends);
        ordered.sort((a, b) -> a.time().compareTo(b.time()));
        for (Send s : ordered.subList((int) Math.floor(ordered.size() * warmUpFraction), ordered.size())) {
            String consumer = CONSUMER.get(s.topic());
            List<Instant> candidates = consumer.equals("scheduler-service")
                    ? byCaller.getOrDefault(consumer, List.of())
                    : byCallerAndHost.getOrDefault(consumer + "|" + s.id().host(), List.of());
            firstAtOrAfter(candidates, s.time()).map(t -> Duration.between(s.time(), t))
                    .filter(d -> d.compareTo(within) <= 0)
                    .ifPresent(d -> out.computeIfAbsent(s.topic(), k -> new ArrayList<>()).add(d.toNanos() / 1e6));
        }
        return out;
    }

    /** Calls made by each service (429s included: a throttled call is still a call). */
    public Map<String, Long> callsByService() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach(c -> out.merge(c.caller(), 1L, Long::sum));
        return out;
    }

    public long throttled() {
        return calls.stream().filter(c -> c.status() == 429).count();
    }

    /** Per host: the calls drain-, provisioner- and verifier-service made that name it (VM or session host path). */
    public Map<String, Long> hostScopedCalls() {
        Map<String, Long> out = new TreeMap<>();
        calls.stream().filter(c -> c.host() != null && !c.caller().equals("scheduler-service") && !c.caller().equals("api"))
                .forEach(c -> out.merge(c.host(), 1L, Long::sum));
        return out;
    }

    private static Optional<Instant> firstAtOrAfter(List<Instant> sorted, Instant t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < sorted.size() ? Optional.of(sorted.get(lo)) : Optional.empty();
    }
}
