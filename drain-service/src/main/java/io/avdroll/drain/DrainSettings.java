package io.avdroll.drain;

import io.avdroll.markers.HostTags;
import io.avdroll.rollout.DrainPolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * drain-service's configuration, {@code avdroll.drain.*}, validated at start; a bad value names its key and the reason.
 *
 * @param defaults            the drain policy used where a drain-requested event carries none (its grace period is
 *                            never used: the event's {@code gracePeriod} always wins)
 * @param pollInterval        longest wait between two checks of a host while sessions are left
 * @param scalingExclusionTag the tag name the pool's scaling plan uses as {@code exclusionTag}
 * @param retryDelay          wait before retrying after a throttled or transient Azure failure without Retry-After
 */
public record DrainSettings(DrainPolicy defaults, Duration pollInterval, String scalingExclusionTag, Duration retryDelay) {

    public static final String PREFIX = "avdroll.drain.";
    public static final String POLL_INTERVAL = PREFIX + "poll-interval";
    public static final String SCALING_EXCLUSION_TAG = PREFIX + "scaling-exclusion-tag";
    public static final String RETRY_DELAY = PREFIX + "retry-delay";
    public static final String REMINDER_OFFSETS = PREFIX + "reminder-offsets";
    public static final String MESSAGE_TITLE = PREFIX + "message-title";
    public static final String MESSAGE_TEXT = PREFIX + "message-text";
    public static final String REMINDER_TEXT = PREFIX + "reminder-text";
    public static final String LOG_OFF_DISCONNECTED_EARLY = PREFIX + "log-off-disconnected-early";

    // Azure refuses these characters in tag names
    private static final Pattern BAD_TAG_CHARACTERS = Pattern.compile("[<>%&\\\\?/]");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public static DrainSettings from(Function<String, Optional<String>> config) {
        DrainPolicy builtIn = DrainPolicy.defaults();
        DrainPolicy defaults = new DrainPolicy(builtIn.gracePeriod(),
                config.apply(REMINDER_OFFSETS).map(v -> offsets(REMINDER_OFFSETS, v)).orElse(builtIn.reminderOffsets()),
                config.apply(MESSAGE_TITLE).orElse(builtIn.messageTitle()),
                config.apply(MESSAGE_TEXT).orElse(builtIn.messageText()),
                config.apply(REMINDER_TEXT).orElse(builtIn.reminderText()),
                config.apply(LOG_OFF_DISCONNECTED_EARLY).map(v -> bool(LOG_OFF_DISCONNECTED_EARLY, v))
                        .orElse(builtIn.logOffDisconnectedEarly()));
        Duration poll = config.apply(POLL_INTERVAL).map(v -> positive(POLL_INTERVAL, v)).orElse(Duration.ofMinutes(1));
        Duration retry = config.apply(RETRY_DELAY).map(v -> positive(RETRY_DELAY, v)).orElse(Duration.ofSeconds(15));
        String tag = config.apply(SCALING_EXCLUSION_TAG).map(String::trim).orElse(HostTags.DEFAULT_SCALING_EXCLUSION);
        if (tag.length() > 512 || BAD_TAG_CHARACTERS.matcher(tag).find()) {
            throw new IllegalArgumentException(SCALING_EXCLUSION_TAG + ": '" + tag
                    + "' is not a valid Azure tag name (at most 512 characters, none of < > % & \\ ? /)");
        }
        if (tag.toLowerCase(Locale.ROOT).startsWith("avdroll-")) {
            throw new IllegalArgumentException(SCALING_EXCLUSION_TAG + ": '" + tag
                    + "' would collide with the rollout's own avdroll-* markers");
        }
        return new DrainSettings(defaults, poll, tag, retry);
    }

    private static List<Duration> offsets(String key, String value) {
        if (value.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Duration> offsets = new ArrayList<>();
        for (String part : value.split(",")) {
            offsets.add(positive(key, part));
        }
        return offsets;
    }

    /** ISO-8601 ({@code PT15M}) or the short form ({@code 15m}, {@code 30s}, {@code 500ms}). */
    static Duration positive(String key, String raw) {
        String value = raw.trim();
        Duration parsed;
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long n = Long.parseLong(shortForm.group(1));
            parsed = switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                parsed = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + ": '" + value
                        + "' is not a duration (use ISO-8601 such as PT15M, or 15m / 30s / 500ms)");
            }
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive (was " + value + ")");
        }
        return parsed;
    }

    private static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": must be true or false (was '" + value + "')");
        };
    }
}
