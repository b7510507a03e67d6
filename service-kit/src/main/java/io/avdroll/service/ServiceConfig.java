package io.avdroll.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The service's configuration as plain key lookups, so the adapters' own validating parsers (which name
 * the key and the reason on bad input) stay the single place that knows their keys.
 */
@ApplicationScoped
public class ServiceConfig {

    private final Config config;

    public ServiceConfig() {
        this(ConfigProvider.getConfig());
    }

    ServiceConfig(Config config) {
        this.config = config;
    }

    /** A present, non-blank value, or empty. */
    public Optional<String> get(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    /** The set keys among {@code keys}, with their values; looked up one by one so environment variables count. */
    public Map<String, String> values(java.util.Collection<String> keys) {
        Map<String, String> values = new TreeMap<>();
        keys.forEach(key -> get(key).ifPresent(v -> values.put(key, v)));
        return values;
    }

    /**
     * Every set key starting with {@code prefix}, for keys whose names are not known in advance. Only keys of
     * property sources (files, system properties) are listed; prefer {@link #values} where the keys are known.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> values = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                get(name).ifPresent(v -> values.put(name, v));
            }
        }
        return values;
    }
}
