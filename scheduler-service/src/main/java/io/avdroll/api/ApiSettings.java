package io.avdroll.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The on-demand API's settings ({@code avdroll.api.*}), checked when the service starts so a bad key stops it.
 *
 * @param localToken     a static bearer token accepted as the caller {@code local} (for the emulator; empty in Azure)
 * @param entra          Entra ID token validation, when configured
 * @param coordinatorWait how long a request waits for the coordinator to handle what the API sent it
 * @param preloadPools   {@code resourceGroup/hostPool} of pools whose state is loaded when the service starts, so that
 *                       {@code list} is complete after a restart
 */
public record ApiSettings(Optional<String> localToken, Optional<Entra> entra, Duration coordinatorWait,
                          List<PoolKey> preloadPools) {

    public static final String LOCAL_TOKEN = "avdroll.api.local-token";
    public static final String ENTRA_ISSUER = "avdroll.api.entra.issuer";
    public static final String ENTRA_AUDIENCE = "avdroll.api.entra.audience";
    public static final String ENTRA_JWKS_URL = "avdroll.api.entra.jwks-url";
    public static final String COORDINATOR_WAIT = "avdroll.api.coordinator-wait";
    public static final String PRELOAD_POOLS = "avdroll.api.preload-pools";

    public static final List<String> KEYS = List.of(LOCAL_TOKEN, ENTRA_ISSUER, ENTRA_AUDIENCE, ENTRA_JWKS_URL,
            COORDINATOR_WAIT, PRELOAD_POOLS);

    /**
     * Entra ID (v2.0) access tokens: signed by a key of the tenant's JWKS, from this issuer, for this audience.
     *
     * @param jwksUrl defaults to the issuer's {@code .../discovery/v2.0/keys}
     */
    public record Entra(String issuer, String audience, String jwksUrl) {
    }

    public static ApiSettings from(Map<String, String> config) {
        Optional<String> local = Optional.ofNullable(config.get(LOCAL_TOKEN)).map(String::strip);
        if (local.isPresent() && local.get().length() < 16) {
            throw new IllegalArgumentException(LOCAL_TOKEN + ": must be at least 16 characters (a guessable token is "
                    + "no protection)");
        }
        Optional<Entra> entra = Optional.empty();
        String issuer = config.get(ENTRA_ISSUER);
        String audience = config.get(ENTRA_AUDIENCE);
        if (issuer != null || audience != null) {
            if (issuer == null) {
                throw new IllegalArgumentException(ENTRA_ISSUER + ": is required when " + ENTRA_AUDIENCE + " is set");
            }
            if (audience == null) {
                throw new IllegalArgumentException(ENTRA_AUDIENCE + ": is required when " + ENTRA_ISSUER
                        + " is set (the API's application id URI or client id)");
            }
            if (!issuer.startsWith("https://")) {
                throw new IllegalArgumentException(ENTRA_ISSUER + ": must be an https URL such as "
                        + "https://login.microsoftonline.com/<tenant id>/v2.0 (was \"" + issuer + "\")");
            }
            String jwks = config.getOrDefault(ENTRA_JWKS_URL, defaultJwksUrl(issuer));
            entra = Optional.of(new Entra(issuer.strip(), audience.strip(), jwks.strip()));
        }
        Duration wait = Duration.ofSeconds(10);
        String waitText = config.get(COORDINATOR_WAIT);
        if (waitText != null) {
            try {
                wait = Duration.parse(waitText.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(COORDINATOR_WAIT + ": must be an ISO-8601 duration such as PT10S (was \""
                        + waitText + "\")");
            }
            if (wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException(COORDINATOR_WAIT + ": must be positive (was " + waitText + ")");
            }
        }
        List<PoolKey> preload = List.of();
        String pools = config.get(PRELOAD_POOLS);
        if (pools != null && !pools.isBlank()) {
            preload = Arrays.stream(pools.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                    .map(p -> PoolKey.parse(PRELOAD_POOLS, p)).toList();
        }
        return new ApiSettings(local, entra, wait, preload);
    }

    /** {@code https://login.microsoftonline.com/{tenant}/v2.0} → {@code .../{tenant}/discovery/v2.0/keys}. */
    static String defaultJwksUrl(String issuer) {
        String base = issuer.strip().replaceAll("/+$", "");
        if (base.endsWith("/v2.0")) {
            base = base.substring(0, base.length() - "/v2.0".length());
        }
        return base + "/discovery/v2.0/keys";
    }

    @Override
    public String toString() {
        // never print the token itself
        return "ApiSettings[localToken=" + (localToken.isPresent() ? "set" : "unset") + ", entra=" + entra
                + ", coordinatorWait=" + coordinatorWait + ", preloadPools=" + preloadPools + "]";
    }
}
