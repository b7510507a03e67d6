package io.avdroll.e2e.bench;

import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.servicebus.DeadLetteredMessage;
import io.avdroll.emulator.state.ArmResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a finished run from what Azure (the emulator) saw, never from what the services believe:
 * per pool the window (hosts admitted and not yet verified or failed, from the update events on the bus) and the
 * capacity floor (session hosts Available and accepting sessions, replayed from the audit log) held at every
 * moment after the first admission; no host drained twice before its old VM was deleted; every host verified or
 * failed with a reason; no NIC or managed disk left without its VM; nothing dead-lettered.
 */
public final class RunVerdict {

    public record PoolFigures(String pool, int mostInFlight, int window, int lowestServing, int floor,
                              int verified, int failed, int hosts) {
    }

    private final List<String> violations = new ArrayList<>();
    private final Map<String, PoolFigures> pools = new TreeMap<>();
    private final List<String> deadLettered = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public static RunVerdict check(AzureEmulator emulator, RolloutWatcher watcher, List<String> poolNames,
                                   int window, int floor) {
        RunVerdict verdict = fromAudit(emulator.audit().all(), watcher, poolNames, window, floor);
        verdict.checkOrphans(emulator, poolNames);
        verdict.checkDeadLetters(emulator, poolNames);
        return verdict;
    }

    /** The audit-log checks alone (window, floor, double drains, every host settled with a reason). */
    static RunVerdict fromAudit(List<AuditLog.Entry> audit, RolloutWatcher watcher, List<String> poolNames, int window, int floor) {
        RunVerdict verdict = new RunVerdict();
        for (String pool : poolNames) {
            verdict.checkPool(pool, audit, watcher, window, floor);
        }
        return verdict;
    }

    public List<String> violations() {
        return violations;
    }

    public Map<String, PoolFigures> pools() {
        return pools;
    }

    public List<String> deadLettered() {
        return deadLettered;
    }

    /** Hosts that failed, with their stage and reason, e.g. {@code p000-std-03 provision: AllocationFailed ...}. */
    public List<String> failures() {
        return failures;
    }

    private void checkPool(String pool, List<AuditLog.Entry> audit, RolloutWatcher watcher, int window, int floor) {
        String poolKey = pool.toLowerCase(Locale.ROOT);
        // window: admissions and settlements in the order the broker accepted them
        Set<String> inFlight = new HashSet<>();
        Set<String> everAdmitted = new HashSet<>();
        Set<String> settled = new HashSet<>();
        int mostInFlight = 0;
        // floor: each session host's registration, status and drain mode
        Map<String, boolean[]> hostState = new HashMap<>(); // [registered, available, allowNewSession]
        int serving = 0;
        int lowestServing = Integer.MAX_VALUE;
        boolean started = false;
        Map<String, Integer> drainsBeforeDelete = new TreeMap<>();
        Set<String> deletedVms = new HashSet<>();
        List<String> seeded = new ArrayList<>();

        for (AuditLog.Entry e : audit) {
            String type = e.type();
            if (type.equals("BusMessageSent")) {
                if (!Boolean.FALSE.equals(e.details().get("duplicate")) || !"".equals(e.details().get("scheduledFor"))) {
                    continue;
                }
                var id = HandOffId.parse(String.valueOf(e.details().get("messageId"))).filter(i -> !i.followUp() && i.pool().equals(pool));
                if (id.isEmpty()) {
                    continue;
                }
                String host = id.get().host();
                if (e.resource().equals("drain-requested") && everAdmitted.add(host)) {
                    started = true;
                    inFlight.add(host);
                    mostInFlight = Math.max(mostInFlight, inFlight.size());
                    if (inFlight.size() > window) {
                        violations.add(pool + ": window exceeded at " + e.time() + ": " + inFlight.size() + " hosts in flight > " + window + " " + inFlight);
                    }
                } else if ((e.resource().equals("host-verified") || e.resource().equals("host-failed")) && settled.add(host)) {
                    inFlight.remove(host);
                }
                continue;
            }
            if (type.equals("ArmRequest")) {
                continue;
            }
            if (type.equals("VmDeleted") && vmName(e.resource()).startsWith(poolPrefix(pool))) {
                deletedVms.add(vmName(e.resource()));
                continue;
            }
            String host = sessionHostOf(e.resource(), poolKey);
            if (host == null) {
                continue;
            }
            boolean[] s = hostState.computeIfAbsent(host, h -> new boolean[3]);
            boolean before = s[0] && s[1] && s[2];
            switch (type) {
                case "SessionHostRegistered" -> {
                    if ("admin".equals(e.actor())) {
                        seeded.add(host);
                    }
                    boolean reRegistered = Boolean.TRUE.equals(e.details().get("reRegistered"));
                    s[2] = !reRegistered || s[2];
                    s[0] = true;
                    s[1] = "Available".equals(e.details().get("status"));
                }
                case "SessionHostStatusChanged" -> s[1] = "Available".equals(e.details().get("to"));
                case "AllowNewSessionChanged" -> {
                    s[2] = Boolean.TRUE.equals(e.details().get("to"));
                    if (!s[2] && !deletedVms.contains(host)) {
                        drainsBeforeDelete.merge(host, 1, Integer::sum);
                    }
                }
                case "SessionHostDeleted" -> s[0] = false;
                default -> { }
            }
            boolean after = s[0] && s[1] && s[2];
            serving += (after ? 1 : 0) - (before ? 1 : 0);
            if (started) {
                lowestServing = Math.min(lowestServing, serving);
                if (serving < floor && before && !after) {
                    violations.add(pool + ": capacity floor broken at " + e.time() + " (" + type + " " + host + "): "
                            + serving + " serving < floor " + floor);
                }
            }
        }
        drainsBeforeDelete.forEach((host, drains) -> {
            if (drains > 1) {
                violations.add(pool + ": " + host + " drained " + drains + " times before its old VM was deleted");
            }
        });
        Set<String> verified = watcher.verified(pool);
        Map<String, RolloutWatcher.Failure> failed = watcher.failed(pool);
        for (String host : seeded) {
            RolloutWatcher.Failure failure = failed.get(host);
            if (failure != null && verified.contains(host)) {
                violations.add(pool + ": " + host + " reported both verified and failed (" + failure.stage() + ": " + failure.reason() + ")");
            }
            if (failure != null) {
                failures.add(host + " " + failure.stage() + ": " + failure.reason());
                if (failure.reason() == null || failure.reason().isBlank()) {
                    violations.add(pool + ": " + host + " failed without a reason");
                }
            } else if (!verified.contains(host)) {
                violations.add(pool + ": " + host + " ended neither verified nor failed");
            }
        }
        pools.put(pool, new PoolFigures(pool, mostInFlight, window, lowestServing == Integer.MAX_VALUE ? serving : lowestServing,
                floor, (int) seeded.stream().filter(verified::contains).count(), failed.size(), seeded.size()));
    }

    /** Only resources of the checked pools (by name prefix): other pools may be mid-rollout with a NIC detached. */
    private void checkOrphans(AzureEmulator emulator, List<String> poolNames) {
        List<String> prefixes = poolNames.stream().map(RunVerdict::poolPrefix).toList();
        List<String> orphans = emulator.inspect(state -> {
            List<String> out = new ArrayList<>();
            for (ArmResource r : state.allResources()) {
                String type = r.type.toLowerCase(Locale.ROOT);
                if (prefixes.stream().noneMatch(p -> r.name.toLowerCase(Locale.ROOT).startsWith(p))) {
                    continue;
                }
                if (type.equals("microsoft.network/networkinterfaces") && !r.properties.has("virtualMachine")) {
                    out.add("NIC " + r.name);
                } else if (type.equals("microsoft.compute/disks") && r.extra.path("managedBy").asText("").isEmpty()) {
                    out.add("disk " + r.name);
                }
            }
            return out;
        });
        orphans.forEach(o -> violations.add("orphaned " + o + " (no VM)"));
    }

    /** Dead letters about the checked pools (MessageId or SessionId naming one); see {@link #allDeadLetters}. */
    private void checkDeadLetters(AzureEmulator emulator, List<String> poolNames) {
        for (String path : emulator.serviceBus().entityPaths()) {
            List<DeadLetteredMessage> dead;
            try {
                dead = emulator.serviceBus().deadLetteredMessages(path);
            } catch (IllegalArgumentException topic) {
                continue;
            }
            for (DeadLetteredMessage m : dead) {
                String about = (m.messageId() + " " + m.sessionId()).toLowerCase(Locale.ROOT);
                if (poolNames.stream().noneMatch(p -> about.contains(p.toLowerCase(Locale.ROOT)))) {
                    continue;
                }
                String line = path + ": " + m.messageId() + " (" + m.reason() + ")";
                deadLettered.add(line);
                // no dead-letter alerting exists to vouch for it, so anything dead-lettered counts against the run
                violations.add("dead-lettered without an alert: " + line);
            }
        }
    }

    /** Every dead-lettered message in the namespace, as {@code entity: messageId (reason: description)}. */
    public static List<String> allDeadLetters(AzureEmulator emulator) {
        List<String> out = new ArrayList<>();
        for (String path : emulator.serviceBus().entityPaths()) {
            try {
                emulator.serviceBus().deadLetteredMessages(path).forEach(m -> out.add(path + ": " + m.messageId() + " (" + m.reason() + ")"));
            } catch (IllegalArgumentException topic) {
                // topics have no dead-letter queue of their own
            }
        }
        return out;
    }

    static String poolPrefix(String pool) {
        return "p" + pool.substring(pool.lastIndexOf('-') + 1) + "-";
    }

    static String vmName(String id) {
        return id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** The session host an entry is about when it is a host of {@code poolKey} (not one of its user sessions). */
    static String sessionHostOf(String resource, String poolKey) {
        String r = resource.toLowerCase(Locale.ROOT);
        String marker = "/hostpools/" + poolKey + "/sessionhosts/";
        int at = r.indexOf(marker);
        if (at < 0 || r.contains("/usersessions/")) {
            return null;
        }
        String name = r.substring(at + marker.length());
        int slash = name.indexOf('/');
        name = slash >= 0 ? name.substring(0, slash) : name;
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public String summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("violations", violations.size());
        s.put("deadLettered", deadLettered.size());
        s.put("failedHosts", failures.size());
        return s.toString();
    }
}
