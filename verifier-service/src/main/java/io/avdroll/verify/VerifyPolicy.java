package io.avdroll.verify;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How verifier-service judges a redeployed host.
 *
 * @param registrationTimeout how long after the redeploy the host has to register, turn Available on the target image
 *                            and pass its health checks; generous, because the AVD agent updates itself on first start
 * @param defaultBakeTime     how long the host must then stay healthy, unless the event carries its own bake time
 * @param pollInterval        how often the verifier looks again while it waits or bakes
 * @param scalingExclusionTag the VM tag the pool's scaling plan uses as {@code exclusionTag}; removed on success
 * @param retryDelay          wait before looking again after a throttled or transient Azure failure without Retry-After
 */
public record VerifyPolicy(Duration registrationTimeout, Duration defaultBakeTime, Duration pollInterval,
                           String scalingExclusionTag, Duration retryDelay) {

    // Azure refuses these characters in tag names
    private static final Pattern TAG_NAME = Pattern.compile("[^<>%&\\\\?/]{1,512}");

    public VerifyPolicy {
        requirePositive(registrationTimeout, VerifyConfig.REGISTRATION_TIMEOUT);
        Objects.requireNonNull(defaultBakeTime, VerifyConfig.BAKE_TIME);
        if (defaultBakeTime.isNegative()) {
            throw new InvalidVerifyConfigException(VerifyConfig.BAKE_TIME, "must not be negative (was " + defaultBakeTime + ")");
        }
        requirePositive(pollInterval, VerifyConfig.POLL_INTERVAL);
        if (scalingExclusionTag == null || scalingExclusionTag.isBlank() || !TAG_NAME.matcher(scalingExclusionTag).matches()) {
            throw new InvalidVerifyConfigException(VerifyConfig.SCALING_EXCLUSION_TAG,
                    "must be a VM tag name of 1-512 characters without < > % & \\ ? / (was '" + scalingExclusionTag + "')");
        }
        if (scalingExclusionTag.toLowerCase(Locale.ROOT).startsWith("avdroll-")) {
            throw new InvalidVerifyConfigException(VerifyConfig.SCALING_EXCLUSION_TAG,
                    "'" + scalingExclusionTag + "' would collide with the rollout's own avdroll-* markers");
        }
        requirePositive(retryDelay, VerifyConfig.RETRY_DELAY);
    }

    private static void requirePositive(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isZero() || value.isNegative()) {
            throw new InvalidVerifyConfigException(key, "must be positive (was " + value + ")");
        }
    }
}
