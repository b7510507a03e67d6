package io.avdroll.trigger;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code avdroll.pools.<pool>.<setting>} keys as the triggers read them: the pools named anywhere under the prefix
 * (for the rollout spec or a trigger), and each setting of a pool with {@code avdroll.pools.defaults.<setting>} as
 * fallback. A pool name containing dots is quoted, as for the rollout spec: {@code avdroll.pools."hp.prod".schedule.frequency}.
 */
public final class PoolKeys {

    public static final String PREFIX = "avdroll.pools.";
    public static final String DEFAULTS = "defaults";

    /** pool name (lower case) → its name as first written */
    private final Map<String, String> pools;
    /** pool name (lower case) or "defaults" → setting → value */
    private final Map<String, Map<String, Value>> settings;

    private PoolKeys(Map<String, String> pools, Map<String, Map<String, Value>> settings) {
        this.pools = pools;
        this.settings = settings;
    }

    public static PoolKeys from(Map<String, String> config) {
        Map<String, String> pools = new TreeMap<>();
        Map<String, Map<String, Value>> settings = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            int split = rest.startsWith("\"") ? rest.indexOf("\".", 1) + 1 : rest.indexOf('.');
            if (split <= 0) {
                continue; // PoolSpecs reports keys that name no pool or no setting
            }
            String pool = rest.substring(0, split);
            pool = pool.startsWith("\"") ? pool.substring(1, pool.length() - 1) : pool;
            String id = pool.toLowerCase(Locale.ROOT);
            if (!id.equals(DEFAULTS)) {
                pools.putIfAbsent(id, pool);
            }
            settings.computeIfAbsent(id, p -> new LinkedHashMap<>()).put(rest.substring(split + 1), new Value(key, entry.getValue()));
        }
        return new PoolKeys(pools, settings);
    }

    /** Every pool named in the configuration, as first written (the defaults are no pool). */
    public Set<String> pools() {
        return Set.copyOf(pools.values());
    }

    /** The pool's own value of {@code setting}, else the default's. */
    public Optional<Value> value(String pool, String setting) {
        Value own = settings.getOrDefault(pool.toLowerCase(Locale.ROOT), Map.of()).get(setting);
        return Optional.ofNullable(own != null ? own : settings.getOrDefault(DEFAULTS, Map.of()).get(setting));
    }

    /** The key a missing setting of {@code pool} would be written as, for error messages. */
    public static String keyOf(String pool, String setting) {
        return PREFIX + (pool.contains(".") ? "\"" + pool + "\"" : pool) + "." + setting;
    }

    /**
     * Refuses any key under {@code namespace} (e.g. {@code "schedule."}) that is not one of {@code known}, so a typo
     * stops the service instead of silently disabling a trigger.
     */
    public void rejectUnknown(String namespace, Set<String> known) {
        settings.values().forEach(values -> values.forEach((setting, value) -> {
            if (setting.startsWith(namespace) && !known.contains(setting)) {
                throw new InvalidTriggerConfigException(value.key(), "unknown setting; the " + namespace
                        + "* settings are " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }));
    }

    /** A configured value with its key, parsed on use so every error names the key. */
    public record Value(String key, String text) {

        public boolean bool() {
            String t = text.strip().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new InvalidTriggerConfigException(key, "must be true or false (was \"" + text + "\")");
            }
            return Boolean.parseBoolean(t);
        }

        public int integer(int min, int max) {
            int n;
            try {
                n = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new InvalidTriggerConfigException(key, "must be a whole number (was \"" + text + "\")");
            }
            if (n < min || n > max) {
                throw new InvalidTriggerConfigException(key, "must be between " + min + " and " + max + " (was " + n + ")");
            }
            return n;
        }
    }
}
