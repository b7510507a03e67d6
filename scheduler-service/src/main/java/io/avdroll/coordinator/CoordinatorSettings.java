package io.avdroll.coordinator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The coordinator's own settings ({@code avdroll.coordinator.*}), checked at start.
 *
 * @param subscriptionId  the subscription this service's Azure connection works in: requests for pools of another
 *                        subscription cannot be served and are dead-lettered
 * @param replanInterval  how often a pool with hosts in flight (or surge hosts awake) is re-read and re-planned
 *                        although no event came
 * @param retryDelay      how long to wait after a throttled or transient Azure failure that gave no Retry-After
 * @param historyLimit    history lines kept per pool in session state
 */
public record CoordinatorSettings(String subscriptionId, Duration replanInterval, Duration retryDelay, int historyLimit) {

    public static final String REPLAN_INTERVAL = "avdroll.coordinator.replan-interval";
    public static final String RETRY_DELAY = "avdroll.coordinator.retry-delay";
    public static final String HISTORY_LIMIT = "avdroll.coordinator.history-limit";

    public static CoordinatorSettings from(String subscriptionId, Map<String, String> config) {
        Duration replan = duration(config, REPLAN_INTERVAL, Duration.ofMinutes(5));
        Duration retry = duration(config, RETRY_DELAY, Duration.ofSeconds(30));
        int history;
        String text = config.getOrDefault(HISTORY_LIMIT, "100").strip();
        try {
            history = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidCoordinatorConfigException(HISTORY_LIMIT, "must be a whole number (was \"" + text + "\")");
        }
        if (history < 1 || history > 1000) {
            throw new InvalidCoordinatorConfigException(HISTORY_LIMIT, "must be between 1 and 1000 (was " + history
                    + "): the history lives in the pool's session state, which is size-limited");
        }
        return new CoordinatorSettings(subscriptionId, replan, retry, history);
    }

    private static Duration duration(Map<String, String> config, String key, Duration fallback) {
        String text = config.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidCoordinatorConfigException(key, "must be an ISO-8601 duration such as PT5M (was \"" + text + "\")");
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidCoordinatorConfigException(key, "must be positive (was " + text + ")");
        }
        return d;
    }
}
