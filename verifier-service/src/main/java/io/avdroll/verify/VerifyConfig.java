package io.avdroll.verify;

import io.avdroll.markers.HostTags;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/** Reads {@link VerifyPolicy} from the {@code avdroll.verify.*} keys, with their defaults. */
public final class VerifyConfig {

    public static final String REGISTRATION_TIMEOUT = "avdroll.verify.registration-timeout";
    public static final String BAKE_TIME = "avdroll.verify.bake-time";
    public static final String POLL_INTERVAL = "avdroll.verify.poll-interval";
    public static final String SCALING_EXCLUSION_TAG = "avdroll.verify.scaling-exclusion-tag";
    public static final String RETRY_DELAY = "avdroll.verify.retry-delay";

    static final Duration DEFAULT_REGISTRATION_TIMEOUT = Duration.ofMinutes(45);
    static final Duration DEFAULT_BAKE_TIME = Duration.ofMinutes(10);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(15);

    private VerifyConfig() {
    }

    /** @param lookup a present, non-blank value of a key, or empty */
    public static VerifyPolicy read(Function<String, Optional<String>> lookup) {
        return new VerifyPolicy(
                duration(lookup, REGISTRATION_TIMEOUT, DEFAULT_REGISTRATION_TIMEOUT),
                duration(lookup, BAKE_TIME, DEFAULT_BAKE_TIME),
                duration(lookup, POLL_INTERVAL, DEFAULT_POLL_INTERVAL),
                lookup.apply(SCALING_EXCLUSION_TAG).map(String::trim).orElse(HostTags.DEFAULT_SCALING_EXCLUSION),
                duration(lookup, RETRY_DELAY, DEFAULT_RETRY_DELAY));
    }

    private static Duration duration(Function<String, Optional<String>> lookup, String key, Duration fallback) {
        Optional<String> value = lookup.apply(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(value.get().trim());
        } catch (DateTimeParseException e) {
            throw new InvalidVerifyConfigException(key, "must be an ISO-8601 duration such as PT45M (was '" + value.get() + "')");
        }
    }
}
