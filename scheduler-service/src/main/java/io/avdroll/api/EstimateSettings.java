package io.avdroll.api;

import io.avdroll.simulation.Timings;
import io.avdroll.simulation.estimate.RolloutEstimator;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * How the plan's duration estimate simulates a rollout ({@code avdroll.plan.estimate.*}), read when the service starts
 * so a bad key stops it. Each stage's duration is drawn uniformly from a range written {@code PT8M..PT20M} (or one
 * duration for a fixed time); users sign out at exponentially distributed times with the given mean fraction of the
 * grace period, and whoever is left at the deadline is signed out then. The defaults are
 * {@link Timings#typical()}: figures in the range observed for AVD hosts.
 */
public final class EstimateSettings {

    static final String PREFIX = "avdroll.plan.estimate.";
    public static final String RUNS = PREFIX + "runs";
    public static final String PERCENTILE = PREFIX + "percentile";
    public static final String LOGOFF_MEAN = PREFIX + "logoff-mean-fraction-of-grace";
    public static final String EMPTY_DRAIN = PREFIX + "empty-drain";
    public static final String PROVISION = PREFIX + "provision";
    public static final String REGISTRATION = PREFIX + "registration";
    public static final String VERIFY = PREFIX + "verify";
    public static final String SURGE_RESUME = PREFIX + "surge-resume";
    public static final String DELIVERY = PREFIX + "delivery";

    public static final List<String> KEYS = List.of(RUNS, PERCENTILE, LOGOFF_MEAN, EMPTY_DRAIN, PROVISION, REGISTRATION,
            VERIFY, SURGE_RESUME, DELIVERY);

    static final int DEFAULT_RUNS = 30;
    static final int DEFAULT_PERCENTILE = 90;

    private EstimateSettings() {
    }

    public static RolloutEstimator from(Map<String, String> config) {
        Timings typical = Timings.typical();
        Timings timings = new Timings(fraction(config), range(config, EMPTY_DRAIN, typical.emptyDrain()),
                range(config, PROVISION, typical.provision()), range(config, REGISTRATION, typical.registration()),
                range(config, VERIFY, typical.verify()), range(config, SURGE_RESUME, typical.surgeResume()),
                range(config, DELIVERY, typical.delivery()));
        return new RolloutEstimator(timings, integer(config, RUNS, DEFAULT_RUNS, 1, 1000),
                integer(config, PERCENTILE, DEFAULT_PERCENTILE, 50, 100));
    }

    private static double fraction(Map<String, String> config) {
        String text = config.get(LOGOFF_MEAN);
        if (text == null) {
            return Timings.typical().meanLogoffFractionOfGrace();
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value > 0 && value <= 10) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(LOGOFF_MEAN + ": must be a number above 0 and at most 10, such as 0.6 (the mean "
                + "time users take to sign out, as a fraction of the grace period), was \"" + text + "\"");
    }

    private static int integer(Map<String, String> config, String key, int fallback, int min, int max) {
        String text = config.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": must be a whole number from " + min + " to " + max + ", was \"" + text + "\"");
    }

    static Timings.Range range(Map<String, String> config, String key, Timings.Range fallback) {
        String text = config.get(key);
        if (text == null) {
            return fallback;
        }
        String usage = key + ": must be an ISO-8601 duration range such as PT8M..PT20M, or one duration such as PT10M";
        String[] parts = text.strip().split("\\.\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(usage + " (was \"" + text + "\")");
        }
        try {
            Duration min = Duration.parse(parts[0].strip());
            Duration max = parts.length == 2 ? Duration.parse(parts[1].strip()) : min;
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException(key + ": the range must not be negative and its end must not be before "
                        + "its start (was \"" + text + "\")");
            }
            return new Timings.Range(min, max);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(usage + " (was \"" + text + "\")");
        }
    }
}
