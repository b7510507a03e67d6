package io.avdroll.coordinator;

import io.avdroll.events.SpecOverrides;
import io.avdroll.rollout.CanaryPolicy;
import io.avdroll.rollout.DrainPolicy;
import io.avdroll.rollout.IntOrPercent;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.OrderingStrategy;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.SpecViolation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The rollout spec each pool runs by, from configuration: {@code avdroll.pools.defaults.<setting>} for every pool,
 * {@code avdroll.pools.<pool name>.<setting>} for one pool (a pool name containing dots is quoted:
 * {@code avdroll.pools."hp.prod".max-unavailable}). A request's {@link SpecOverrides} go on top.
 * Every key is parsed and checked when the service starts; a bad one stops it, naming the key.
 * The pool name matches case-insensitively, as Azure resource names do.
 */
public final class PoolSpecs {

    public static final String PREFIX = "avdroll.pools.";
    public static final String DEFAULTS = "defaults";
    private static final String CHECK_TARGET = "configuration-check";

    /** The settings, in the order they are applied; each knows how to put its value on a builder. */
    private static final Map<String, BiConsumer<RolloutSpec.Builder, Value>> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("max-unavailable", (b, v) -> b.maxUnavailable(v.intOrPercent()));
        SETTINGS.put("min-available-hosts", (b, v) -> b.minAvailableHosts(v.integer()));
        SETTINGS.put("min-session-slots", (b, v) -> b.minSessionSlots(v.integer()));
        SETTINGS.put("canary-hosts", (b, v) -> b.canary(new CanaryPolicy(v.integer(), b.build().canary().widen())));
        SETTINGS.put("canary-widen", (b, v) -> b.canary(new CanaryPolicy(b.build().canary().size(), v.bool())));
        SETTINGS.put("failure-budget", (b, v) -> b.failureBudget(v.intOrPercent()));
        SETTINGS.put("drain.grace-period", (b, v) -> drain(b, d -> new DrainPolicy(v.duration(), d.reminderOffsets(),
                d.messageTitle(), d.messageText(), d.reminderText(), d.logOffDisconnectedEarly())));
        SETTINGS.put("drain.reminders", (b, v) -> drain(b, d -> new DrainPolicy(d.gracePeriod(), v.durations(),
                d.messageTitle(), d.messageText(), d.reminderText(), d.logOffDisconnectedEarly())));
        SETTINGS.put("drain.message-title", (b, v) -> drain(b, d -> new DrainPolicy(d.gracePeriod(), d.reminderOffsets(),
                v.text, d.messageText(), d.reminderText(), d.logOffDisconnectedEarly())));
        SETTINGS.put("drain.message-text", (b, v) -> drain(b, d -> new DrainPolicy(d.gracePeriod(), d.reminderOffsets(),
                d.messageTitle(), v.text, d.reminderText(), d.logOffDisconnectedEarly())));
        SETTINGS.put("drain.reminder-text", (b, v) -> drain(b, d -> new DrainPolicy(d.gracePeriod(), d.reminderOffsets(),
                d.messageTitle(), d.messageText(), v.text, d.logOffDisconnectedEarly())));
        SETTINGS.put("drain.log-off-disconnected-early", (b, v) -> drain(b, d -> new DrainPolicy(d.gracePeriod(),
                d.reminderOffsets(), d.messageTitle(), d.messageText(), d.reminderText(), v.bool())));
        SETTINGS.put("ordering", (b, v) -> b.ordering(v.ordering()));
        SETTINGS.put("skip-matching", (b, v) -> b.skipMatching(v.bool()));
        SETTINGS.put("dr-as-surge", (b, v) -> b.drAsSurge(v.bool()));
        SETTINGS.put("maintenance-window.start", (b, v) -> window(b, w -> new MaintenanceWindow(v.time(), w.end(), w.days(), w.timeZone())));
        SETTINGS.put("maintenance-window.end", (b, v) -> window(b, w -> new MaintenanceWindow(w.start(), v.time(), w.days(), w.timeZone())));
        SETTINGS.put("maintenance-window.days", (b, v) -> window(b, w -> new MaintenanceWindow(w.start(), w.end(), v.days(), w.timeZone())));
        SETTINGS.put("maintenance-window.time-zone", (b, v) -> window(b, w -> new MaintenanceWindow(w.start(), w.end(), w.days(), v.zone())));
    }

    /**
     * Pool keys that are not rollout settings: the triggers (packages {@code io.avdroll.schedule} and
     * {@code io.avdroll.imagewatch}) read and check them. A name ending in '.' covers every key under it.
     */
    public static final List<String> TRIGGER_SETTINGS = List.of("resource-group", "gallery-image", "schedule.", "image-watch.");

    /** Which setting a spec field comes from, so a violation of the configured spec names the key. */
    private static final Map<String, String> FIELD_TO_SETTING = Map.of(
            "maxUnavailable", "max-unavailable",
            "capacityFloor.minAvailableHosts", "min-available-hosts",
            "capacityFloor.minSessionSlots", "min-session-slots",
            "canary.size", "canary-hosts",
            "failureBudget", "failure-budget",
            "drain.gracePeriod", "drain.grace-period",
            "drain.messageTitle", "drain.message-title",
            "drain.messageText", "drain.message-text");

    /** pool name (lower case) or "defaults" → setting → value, in key order. */
    private final Map<String, Map<String, Value>> byPool;

    private PoolSpecs(Map<String, Map<String, Value>> byPool) {
        this.byPool = byPool;
    }

    /**
     * Reads every {@code avdroll.pools.*} key and checks that each pool's spec (defaults included) is valid.
     *
     * @throws InvalidCoordinatorConfigException naming the first bad key
     */
    public static PoolSpecs from(Map<String, String> config) {
        Map<String, Map<String, Value>> byPool = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            if (isTriggerSetting(rest)) {
                continue;
            }
            String setting = SETTINGS.keySet().stream().filter(s -> rest.equals(s) || rest.endsWith("." + s)).findFirst()
                    .orElseThrow(() -> new InvalidCoordinatorConfigException(key, "unknown setting; the settings of a pool are "
                            + String.join(", ", SETTINGS.keySet())));
            String pool = rest.equals(setting) ? "" : unquote(rest.substring(0, rest.length() - setting.length() - 1));
            if (pool.isBlank()) {
                throw new InvalidCoordinatorConfigException(key, "names no pool: use " + PREFIX + DEFAULTS + "." + setting
                        + " or " + PREFIX + "<pool name>." + setting);
            }
            byPool.computeIfAbsent(pool.toLowerCase(Locale.ROOT), p -> new LinkedHashMap<>())
                    .put(setting, new Value(key, entry.getValue()));
        }
        PoolSpecs specs = new PoolSpecs(byPool);
        for (String pool : byPool.keySet()) {
            specs.check(pool);
        }
        return specs;
    }

    /** The pool's configured spec for a rollout to {@code targetImageVersion}, before any request overrides. */
    public RolloutSpec configured(String hostPool, String targetImageVersion) {
        return builderFor(hostPool.toLowerCase(Locale.ROOT), targetImageVersion).build();
    }

    /**
     * The configured spec with the request's overrides on top. Not validated: the caller validates against the
     * observed pool size. {@code bakeTime} is not part of a rollout spec: it travels in {@link RolloutTarget} to the
     * verifier.
     */
    public RolloutSpec forRequest(String hostPool, String targetImageVersion, SpecOverrides overrides) {
        RolloutSpec.Builder b = builderFor(hostPool.toLowerCase(Locale.ROOT), targetImageVersion);
        RolloutSpec base = b.build();
        if (overrides.maxUnavailable() != null) {
            b.maxUnavailable(IntOrPercent.parse("maxUnavailable", overrides.maxUnavailable()));
        }
        if (overrides.canaryHosts() != null) {
            b.canary(new CanaryPolicy(overrides.canaryHosts(), base.canary().widen()));
        }
        if (overrides.maxFailedPercent() != null) {
            b.failureBudget(IntOrPercent.percent(overrides.maxFailedPercent()));
        }
        if (overrides.drainGracePeriod() != null) {
            DrainPolicy d = base.drain();
            b.drain(new DrainPolicy(overrides.drainGracePeriod(), d.reminderOffsets(), d.messageTitle(), d.messageText(),
                    d.reminderText(), d.logOffDisconnectedEarly()));
        }
        if (overrides.minAvailableHosts() != null) {
            b.minAvailableHosts(overrides.minAvailableHosts());
        }
        return b.build();
    }

    /**
     * The built-in spec when nothing is configured: 10 % of the pool at a time (at least one host), one canary host
     * first, the first failure pauses, 30 minutes' grace with reminders 15 and 5 minutes before, least disruptive
     * order, hosts already on the image skipped, no maintenance window, no DR surge.
     */
    public static RolloutSpec.Builder builtIn(String targetImageVersion) {
        return RolloutSpec.builder(targetImageVersion).maxUnavailable(IntOrPercent.percent(10))
                .canary(CanaryPolicy.of(1)).failureBudget(IntOrPercent.count(0)).drain(DrainPolicy.defaults())
                .ordering(OrderingStrategy.LEAST_DISRUPTIVE).skipMatching(true).drAsSurge(false);
    }

    private RolloutSpec.Builder builderFor(String pool, String targetImageVersion) {
        RolloutSpec.Builder b = builtIn(targetImageVersion);
        apply(b, byPool.getOrDefault(DEFAULTS, Map.of()));
        if (!pool.equals(DEFAULTS)) {
            apply(b, byPool.getOrDefault(pool, Map.of()));
        }
        return b;
    }

    private static void apply(RolloutSpec.Builder b, Map<String, Value> values) {
        // in the declared order of SETTINGS, so e.g. canary-hosts and canary-widen combine whatever the key order
        SETTINGS.forEach((setting, put) -> {
            Value v = values.get(setting);
            if (v != null) {
                put.accept(b, v);
            }
        });
    }

    private void check(String pool) {
        RolloutSpec spec = builderFor(pool, CHECK_TARGET).build();
        MaintenanceWindow w = spec.maintenanceWindow();
        if (w != null && (w.start() == null || w.end() == null || w.timeZone() == null)) {
            throw new InvalidCoordinatorConfigException(PREFIX + pool + ".maintenance-window",
                    "needs start, end and time-zone together (days is optional)");
        }
        List<SpecViolation> violations = spec.validate(Integer.MAX_VALUE);
        if (!violations.isEmpty()) {
            SpecViolation first = violations.get(0);
            String setting = FIELD_TO_SETTING.getOrDefault(first.field(),
                    first.field().startsWith("drain.reminderOffsets") ? "drain.reminders" : first.field());
            throw new InvalidCoordinatorConfigException(PREFIX + pool + "." + setting, first.reason());
        }
    }

    private static void drain(RolloutSpec.Builder b, java.util.function.UnaryOperator<DrainPolicy> change) {
        b.drain(change.apply(b.build().drain()));
    }

    private static void window(RolloutSpec.Builder b, java.util.function.UnaryOperator<MaintenanceWindow> change) {
        MaintenanceWindow w = b.build().maintenanceWindow();
        b.maintenanceWindow(change.apply(w == null ? new MaintenanceWindow(null, null, Set.of(), null) : w));
    }

    private static boolean isTriggerSetting(String poolAndSetting) {
        return TRIGGER_SETTINGS.stream().anyMatch(s -> s.endsWith(".")
                ? poolAndSetting.startsWith(s) || poolAndSetting.contains("." + s)
                : poolAndSetting.equals(s) || poolAndSetting.endsWith("." + s));
    }

    private static String unquote(String pool) {
        return pool.length() >= 2 && pool.startsWith("\"") && pool.endsWith("\"") ? pool.substring(1, pool.length() - 1) : pool;
    }

    /** A configured value with its key, parsed on use so every error names the key. */
    private record Value(String key, String text) {

        IntOrPercent intOrPercent() {
            try {
                return IntOrPercent.parse(key, text);
            } catch (IllegalArgumentException e) {
                throw new InvalidCoordinatorConfigException(key, "must be a count like \"2\" or a percentage like \"25%\" (was \""
                        + text + "\")");
            }
        }

        int integer() {
            try {
                int n = Integer.parseInt(text.strip());
                if (n < 0) {
                    throw new InvalidCoordinatorConfigException(key, "must not be negative (was " + n + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new InvalidCoordinatorConfigException(key, "must be a whole number (was \"" + text + "\")");
            }
        }

        boolean bool() {
            String t = text.strip().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new InvalidCoordinatorConfigException(key, "must be true or false (was \"" + text + "\")");
            }
            return Boolean.parseBoolean(t);
        }

        Duration duration() {
            return duration(text.strip());
        }

        List<Duration> durations() {
            if (text.isBlank()) {
                return List.of();
            }
            return Arrays.stream(text.split(",")).map(String::strip).map(this::duration).toList();
        }

        private Duration duration(String t) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new InvalidCoordinatorConfigException(key, "must be an ISO-8601 duration such as PT30M (was \"" + t + "\")");
            }
        }

        OrderingStrategy ordering() {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "least-disruptive" -> OrderingStrategy.LEAST_DISRUPTIVE;
                case "by-name" -> OrderingStrategy.BY_NAME;
                default -> throw new InvalidCoordinatorConfigException(key,
                        "must be least-disruptive or by-name (was \"" + text + "\")");
            };
        }

        LocalTime time() {
            try {
                return LocalTime.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidCoordinatorConfigException(key, "must be a local time such as 22:00 (was \"" + text + "\")");
            }
        }

        Set<DayOfWeek> days() {
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String d : text.split(",")) {
                String day = d.strip().toUpperCase(Locale.ROOT);
                if (day.isEmpty()) {
                    continue;
                }
                DayOfWeek match = Arrays.stream(DayOfWeek.values())
                        .filter(w -> w.name().equals(day) || w.name().startsWith(day) && day.length() >= 3).findFirst()
                        .orElseThrow(() -> new InvalidCoordinatorConfigException(key,
                                "must list days such as MON,TUE,SAT (was \"" + text + "\")"));
                days.add(match);
            }
            return days;
        }

        String zone() {
            try {
                return ZoneId.of(text.strip()).getId();
            } catch (DateTimeException e) {
                throw new InvalidCoordinatorConfigException(key, "must be an IANA time zone such as Europe/Berlin (was \""
                        + text + "\")");
            }
        }
    }
}
