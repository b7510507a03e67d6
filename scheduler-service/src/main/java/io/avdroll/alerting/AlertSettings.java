package io.avdroll.alerting;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code avdroll.alerts.*}: where alerts go and how often the watchers look. A bad value stops the service with the
 * key named; the webhook URL is a secret (Teams and Slack put the token in it) and is never echoed.
 *
 * @param webhook            generic webhook (Teams / Slack incoming webhook); absent = log only
 * @param deadLetterInterval how often every dead-letter queue is peeked
 * @param evaluateInterval   how often the failure conditions of the known rollouts are evaluated
 * @param inFlightAllowance  how long a host may be out for redeploy + verify (plus the grace period while draining)
 */
public record AlertSettings(boolean enabled, Optional<URI> webhook, Duration webhookTimeout, Duration deadLetterInterval,
                            Duration evaluateInterval, Duration inFlightAllowance, int reportHistory) {

    public static final String PREFIX = "avdroll.alerts.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String WEBHOOK_URL = PREFIX + "webhook-url";
    public static final String WEBHOOK_TIMEOUT = PREFIX + "webhook-timeout";
    public static final String DEAD_LETTER_INTERVAL = PREFIX + "dead-letter-interval";
    public static final String EVALUATE_INTERVAL = PREFIX + "evaluate-interval";
    public static final String IN_FLIGHT_ALLOWANCE = PREFIX + "in-flight-allowance";
    public static final String REPORT_HISTORY = PREFIX + "report-history";

    public static AlertSettings from(Function<String, Optional<String>> config) {
        String enabled = config.apply(ENABLED).orElse("true").trim();
        if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(ENABLED + ": must be true or false (was '" + enabled + "')");
        }
        return new AlertSettings(Boolean.parseBoolean(enabled), config.apply(WEBHOOK_URL).map(AlertSettings::webhook),
                duration(config, WEBHOOK_TIMEOUT, Duration.ofSeconds(10)),
                duration(config, DEAD_LETTER_INTERVAL, Duration.ofSeconds(30)),
                duration(config, EVALUATE_INTERVAL, Duration.ofMinutes(1)),
                duration(config, IN_FLIGHT_ALLOWANCE, Duration.ofHours(2)),
                integer(config, REPORT_HISTORY, 100));
    }

    private static URI webhook(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // fall through: the value is not echoed, it holds the webhook's token
        }
        throw new IllegalArgumentException(WEBHOOK_URL + ": must be an absolute http(s) URL (value not shown: it is a secret)");
    }

    private static Duration duration(Function<String, Optional<String>> config, String key, Duration fallback) {
        Optional<String> value = config.apply(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value.get().trim());
            if (parsed.isZero() || parsed.isNegative()) {
                throw new IllegalArgumentException(key + ": must be positive (was " + parsed + ")");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": must be an ISO-8601 duration such as PT30S (was '" + value.get() + "')");
        }
    }

    private static int integer(Function<String, Optional<String>> config, String key, int fallback) {
        Optional<String> value = config.apply(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get().trim());
            if (parsed < 1) {
                throw new IllegalArgumentException(key + ": must be at least 1 (was " + parsed + ")");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be an integer (was '" + value.get() + "')");
        }
    }
}
