package io.avdroll.provision;

import io.avdroll.azure.desktop.RegistrationTokenExpiry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * provisioner-service's settings ({@code avdroll.provision.*}), validated at start: a bad value stops the service
 * naming the key and the reason.
 *
 * @param maxCreateAttempts   creates Azure may refuse (AllocationFailed, SkuNotAvailable...) before the host fails
 * @param createRetryBackoff  wait before the second create; doubled for each further one
 * @param pollInterval        how soon to look again while Azure is still creating or deleting
 * @param tokenLifetime       lifetime of a new registration token (1 hour to 30 days)
 * @param tokenMinRemaining   a current token is reused only if it stays valid this long (the agent install must finish)
 * @param adminUsername       local administrator of the new VM (its password is random and never stored)
 * @param osDiskSizeGb        image OS disk size, used only when an ephemeral placement must be chosen from the size
 * @param securityType        e.g. {@code TrustedLaunch} when the image requires it; empty for standard security
 * @param agentModulesUrl     AVD DSC configuration package; empty for the adapter's default
 * @param aadJoin             whether the hosts are Microsoft Entra joined
 */
public record ProvisionSettings(int maxCreateAttempts, Duration createRetryBackoff, Duration pollInterval,
                                Duration tokenLifetime, Duration tokenMinRemaining, String adminUsername,
                                int osDiskSizeGb, Optional<String> securityType, Optional<String> agentModulesUrl,
                                boolean aadJoin) {

    public static final String PREFIX = "avdroll.provision.";
    public static final String MAX_CREATE_ATTEMPTS = PREFIX + "max-create-attempts";
    public static final String CREATE_RETRY_BACKOFF = PREFIX + "create-retry-backoff";
    public static final String POLL_INTERVAL = PREFIX + "poll-interval";
    public static final String TOKEN_LIFETIME = PREFIX + "registration-token-lifetime";
    public static final String TOKEN_MIN_REMAINING = PREFIX + "registration-token-min-remaining";
    public static final String ADMIN_USERNAME = PREFIX + "admin-username";
    public static final String OS_DISK_SIZE_GB = PREFIX + "os-disk-size-gb";
    public static final String SECURITY_TYPE = PREFIX + "security-type";
    public static final String AGENT_MODULES_URL = PREFIX + "agent-modules-url";
    public static final String AAD_JOIN = PREFIX + "aad-join";

    public ProvisionSettings {
        require(maxCreateAttempts >= 1, MAX_CREATE_ATTEMPTS, "must be at least 1, was " + maxCreateAttempts);
        require(positive(createRetryBackoff), CREATE_RETRY_BACKOFF, "must be a positive duration, was " + createRetryBackoff);
        require(positive(pollInterval), POLL_INTERVAL, "must be a positive duration, was " + pollInterval);
        require(tokenLifetime != null && tokenLifetime.compareTo(RegistrationTokenExpiry.MIN) >= 0
                && tokenLifetime.compareTo(RegistrationTokenExpiry.MAX) <= 0, TOKEN_LIFETIME,
                "must be between PT1H and P30D (what AVD accepts), was " + tokenLifetime);
        require(tokenMinRemaining != null && !tokenMinRemaining.isNegative()
                && tokenMinRemaining.compareTo(tokenLifetime) < 0, TOKEN_MIN_REMAINING,
                "must be zero or positive and shorter than " + TOKEN_LIFETIME + ", was " + tokenMinRemaining);
        require(adminUsername != null && !adminUsername.isBlank(), ADMIN_USERNAME, "must not be blank");
        require(osDiskSizeGb > 0, OS_DISK_SIZE_GB, "must be positive, was " + osDiskSizeGb);
        securityType = securityType == null ? Optional.empty() : securityType;
        agentModulesUrl = agentModulesUrl == null ? Optional.empty() : agentModulesUrl;
        agentModulesUrl.ifPresent(url -> require(url.startsWith("https://"), AGENT_MODULES_URL, "must be an https URL"));
    }

    public static ProvisionSettings defaults() {
        return from(key -> Optional.empty());
    }

    /** Reads every key through {@code lookup} (present, non-blank values), with the defaults above for the rest. */
    public static ProvisionSettings from(Function<String, Optional<String>> lookup) {
        return new ProvisionSettings(
                integer(lookup, MAX_CREATE_ATTEMPTS, 3),
                duration(lookup, CREATE_RETRY_BACKOFF, Duration.ofMinutes(1)),
                duration(lookup, POLL_INTERVAL, Duration.ofSeconds(30)),
                duration(lookup, TOKEN_LIFETIME, Duration.ofHours(24)),
                duration(lookup, TOKEN_MIN_REMAINING, Duration.ofHours(2)),
                lookup.apply(ADMIN_USERNAME).orElse("avdadmin"),
                integer(lookup, OS_DISK_SIZE_GB, 127),
                lookup.apply(SECURITY_TYPE),
                lookup.apply(AGENT_MODULES_URL),
                bool(lookup, AAD_JOIN, false));
    }

    /** The wait before the create after {@code refusedSoFar} refused ones: backoff, 2 x backoff, 4 x backoff ... */
    public Duration backoffAfter(int refusedSoFar) {
        int doublings = Math.min(Math.max(refusedSoFar - 1, 0), 10);
        return createRetryBackoff.multipliedBy(1L << doublings);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static int integer(Function<String, Optional<String>> lookup, String key, int fallback) {
        return lookup.apply(key).map(String::trim).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": must be an integer, was '" + v + "'");
            }
        }).orElse(fallback);
    }

    private static Duration duration(Function<String, Optional<String>> lookup, String key, Duration fallback) {
        return lookup.apply(key).map(String::trim).map(v -> {
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + ": must be an ISO-8601 duration such as PT1M, was '" + v + "'");
            }
        }).orElse(fallback);
    }

    private static boolean bool(Function<String, Optional<String>> lookup, String key, boolean fallback) {
        return lookup.apply(key).map(String::trim).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(key + ": must be true or false, was '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }).orElse(fallback);
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + reason);
        }
    }
}
