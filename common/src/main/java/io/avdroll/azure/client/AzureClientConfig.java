package io.avdroll.azure.client;

import com.azure.core.http.policy.HttpLogDetailLevel;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything the Azure adapters need to reach ARM: subscription, endpoint, credential, trust and timeouts.
 * Build it with {@link #fromProperties(Function)} (keys below) or {@link #builder(String)}; both validate.
 */
public record AzureClientConfig(
    String subscriptionId,
    String tenantId,
    URI armEndpoint,
    CredentialMode credentialMode,
    String staticToken,
    Path trustStorePath,
    String trustStorePassword,
    String trustStoreType,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxRetries,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration operationTimeout,
    Duration defaultPollInterval,
    HttpLogDetailLevel httpLogLevel) {

    public static final String PREFIX = "avdroll.azure.";
    public static final String SUBSCRIPTION_ID = PREFIX + "subscription-id";
    public static final String TENANT_ID = PREFIX + "tenant-id";
    public static final String ARM_ENDPOINT = PREFIX + "arm-endpoint";
    public static final String CREDENTIAL = PREFIX + "credential";
    public static final String STATIC_TOKEN = PREFIX + "static-token";
    public static final String TRUST_STORE_PATH = PREFIX + "trust-store.path";
    public static final String TRUST_STORE_PASSWORD = PREFIX + "trust-store.password";
    public static final String TRUST_STORE_TYPE = PREFIX + "trust-store.type";
    public static final String CONNECT_TIMEOUT = PREFIX + "http.connect-timeout";
    public static final String RESPONSE_TIMEOUT = PREFIX + "http.response-timeout";
    public static final String HTTP_LOG_LEVEL = PREFIX + "http.log-level";
    public static final String MAX_RETRIES = PREFIX + "retry.max-retries";
    public static final String RETRY_BASE_DELAY = PREFIX + "retry.base-delay";
    public static final String RETRY_MAX_DELAY = PREFIX + "retry.max-delay";
    public static final String OPERATION_TIMEOUT = PREFIX + "operation-timeout";
    public static final String POLL_INTERVAL = PREFIX + "lro.default-poll-interval";

    public static final URI PUBLIC_ARM = URI.create("https://management.azure.com/");
    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    public AzureClientConfig {
        require(SUBSCRIPTION_ID, subscriptionId);
        if (!GUID.matcher(subscriptionId).matches()) {
            throw new InvalidAzureConfigException(SUBSCRIPTION_ID, "must be a GUID, got '" + subscriptionId + "'");
        }
        if (tenantId != null && !tenantId.isBlank() && !GUID.matcher(tenantId).matches()) {
            throw new InvalidAzureConfigException(TENANT_ID, "must be a GUID, got '" + tenantId + "'");
        }
        if (armEndpoint == null) {
            throw new InvalidAzureConfigException(ARM_ENDPOINT, "is required");
        }
        if (!"https".equalsIgnoreCase(armEndpoint.getScheme()) || armEndpoint.getHost() == null) {
            // the SDK's bearer-token policy refuses plain http, so fail here with a reason instead
            throw new InvalidAzureConfigException(ARM_ENDPOINT, "must be an absolute https URL, got '" + armEndpoint + "'");
        }
        if (credentialMode == null) {
            throw new InvalidAzureConfigException(CREDENTIAL, "is required (default or static-token)");
        }
        if (credentialMode == CredentialMode.STATIC_TOKEN && (staticToken == null || staticToken.isBlank())) {
            throw new InvalidAzureConfigException(STATIC_TOKEN, "is required when " + CREDENTIAL + " is static-token");
        }
        if (credentialMode == CredentialMode.STATIC_TOKEN && PUBLIC_ARM.getHost().equalsIgnoreCase(armEndpoint.getHost())) {
            throw new InvalidAzureConfigException(CREDENTIAL,
                "static-token is meant for the local emulator, not for " + PUBLIC_ARM.getHost());
        }
        if (trustStorePath != null) {
            if (!Files.isReadable(trustStorePath)) {
                throw new InvalidAzureConfigException(TRUST_STORE_PATH, "file not readable: " + trustStorePath);
            }
            if (trustStorePassword == null) {
                throw new InvalidAzureConfigException(TRUST_STORE_PASSWORD, "is required when " + TRUST_STORE_PATH + " is set");
            }
        }
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType;
        positive(CONNECT_TIMEOUT, connectTimeout);
        positive(RESPONSE_TIMEOUT, responseTimeout);
        positive(RETRY_BASE_DELAY, retryBaseDelay);
        positive(RETRY_MAX_DELAY, retryMaxDelay);
        positive(OPERATION_TIMEOUT, operationTimeout);
        if (defaultPollInterval != null) {
            positive(POLL_INTERVAL, defaultPollInterval);
        }
        if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new InvalidAzureConfigException(RETRY_MAX_DELAY, "must not be shorter than " + RETRY_BASE_DELAY);
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new InvalidAzureConfigException(MAX_RETRIES, "must be between 0 and 20, got " + maxRetries);
        }
        if (httpLogLevel == null) {
            httpLogLevel = HttpLogDetailLevel.BASIC;
        }
        if (httpLogLevel == HttpLogDetailLevel.BODY || httpLogLevel == HttpLogDetailLevel.BODY_AND_HEADERS) {
            // request bodies carry registration tokens and VM admin passwords
            throw new InvalidAzureConfigException(HTTP_LOG_LEVEL,
                "bodies are never logged (they carry registration tokens); use NONE, BASIC or HEADERS");
        }
    }

    public boolean customTrust() {
        return trustStorePath != null;
    }

    /** Reads and validates the keys above; {@code lookup} returns empty for a missing key. */
    public static AzureClientConfig fromProperties(Function<String, Optional<String>> lookup) {
        Builder b = builder(lookup.apply(SUBSCRIPTION_ID).orElse(null));
        lookup.apply(TENANT_ID).ifPresent(b::tenantId);
        lookup.apply(ARM_ENDPOINT).ifPresent(v -> b.armEndpoint(uri(ARM_ENDPOINT, v)));
        lookup.apply(CREDENTIAL).ifPresent(v -> b.credentialMode(credentialMode(v)));
        lookup.apply(STATIC_TOKEN).ifPresent(b::staticToken);
        lookup.apply(TRUST_STORE_PATH).ifPresent(v -> b.trustStore(Path.of(v), lookup.apply(TRUST_STORE_PASSWORD).orElse(null)));
        lookup.apply(TRUST_STORE_TYPE).ifPresent(b::trustStoreType);
        lookup.apply(CONNECT_TIMEOUT).ifPresent(v -> b.connectTimeout(duration(CONNECT_TIMEOUT, v)));
        lookup.apply(RESPONSE_TIMEOUT).ifPresent(v -> b.responseTimeout(duration(RESPONSE_TIMEOUT, v)));
        lookup.apply(MAX_RETRIES).ifPresent(v -> b.maxRetries(integer(MAX_RETRIES, v)));
        lookup.apply(RETRY_BASE_DELAY).ifPresent(v -> b.retryBaseDelay(duration(RETRY_BASE_DELAY, v)));
        lookup.apply(RETRY_MAX_DELAY).ifPresent(v -> b.retryMaxDelay(duration(RETRY_MAX_DELAY, v)));
        lookup.apply(OPERATION_TIMEOUT).ifPresent(v -> b.operationTimeout(duration(OPERATION_TIMEOUT, v)));
        lookup.apply(POLL_INTERVAL).ifPresent(v -> b.defaultPollInterval(duration(POLL_INTERVAL, v)));
        lookup.apply(HTTP_LOG_LEVEL).ifPresent(v -> b.httpLogLevel(logLevel(v)));
        return b.build();
    }

    public static AzureClientConfig fromMap(Map<String, String> values) {
        return fromProperties(key -> Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank()));
    }

    public static Builder builder(String subscriptionId) {
        return new Builder(subscriptionId);
    }

    /** Hides the static token and the trust-store password. */
    @Override
    public String toString() {
        return "AzureClientConfig[subscriptionId=" + subscriptionId + ", armEndpoint=" + armEndpoint
            + ", credential=" + credentialMode + ", trustStore=" + trustStorePath + ", maxRetries=" + maxRetries
            + ", operationTimeout=" + operationTimeout + ", httpLogLevel=" + httpLogLevel + "]";
    }

    private static void require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidAzureConfigException(key, "is required");
        }
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidAzureConfigException(key, "must be a positive duration, got " + d);
        }
    }

    private static URI uri(String key, String v) {
        try {
            URI u = URI.create(v.trim());
            return u.getPath() == null || u.getPath().isEmpty() ? URI.create(u + "/") : u;
        } catch (IllegalArgumentException e) {
            throw new InvalidAzureConfigException(key, "not a URL: '" + v + "'");
        }
    }

    private static Duration duration(String key, String v) {
        String t = v.trim();
        try {
            if (t.matches("\\d+ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.matches("\\d+s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.matches("\\d+m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidAzureConfigException(key, "not a duration (use e.g. 500ms, 30s, 5m or PT30S): '" + v + "'");
        }
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidAzureConfigException(key, "not an integer: '" + v + "'");
        }
    }

    private static CredentialMode credentialMode(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "default" -> CredentialMode.DEFAULT;
            case "static-token" -> CredentialMode.STATIC_TOKEN;
            default -> throw new InvalidAzureConfigException(CREDENTIAL, "must be default or static-token, got '" + v + "'");
        };
    }

    private static HttpLogDetailLevel logLevel(String v) {
        try {
            return HttpLogDetailLevel.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidAzureConfigException(HTTP_LOG_LEVEL, "must be NONE, BASIC or HEADERS, got '" + v + "'");
        }
    }

    /** Defaults: public ARM, DefaultAzureCredential, 10 s connect, 60 s response, 5 retries, 30 min operations. */
    public static final class Builder {
        private final String subscriptionId;
        private String tenantId;
        private URI armEndpoint = PUBLIC_ARM;
        private CredentialMode credentialMode = CredentialMode.DEFAULT;
        private String staticToken;
        private Path trustStorePath;
        private String trustStorePassword;
        private String trustStoreType;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private int maxRetries = 5;
        private Duration retryBaseDelay = Duration.ofMillis(800);
        private Duration retryMaxDelay = Duration.ofSeconds(60);
        private Duration operationTimeout = Duration.ofMinutes(30);
        private Duration defaultPollInterval;
        private HttpLogDetailLevel httpLogLevel = HttpLogDetailLevel.BASIC;

        private Builder(String subscriptionId) {
            this.subscriptionId = subscriptionId;
        }

        public Builder tenantId(String v) { this.tenantId = v; return this; }
        public Builder armEndpoint(URI v) { this.armEndpoint = v; return this; }
        public Builder credentialMode(CredentialMode v) { this.credentialMode = v; return this; }
        public Builder staticToken(String v) { this.staticToken = v; return this; }
        /** Selects the emulator setup: static token credential against a local endpoint. */
        public Builder emulator(URI endpoint, String token) {
            return armEndpoint(endpoint).credentialMode(CredentialMode.STATIC_TOKEN).staticToken(token);
        }
        public Builder trustStore(Path path, String password) {
            this.trustStorePath = path;
            this.trustStorePassword = password;
            return this;
        }
        public Builder trustStoreType(String v) { this.trustStoreType = v; return this; }
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        public Builder responseTimeout(Duration v) { this.responseTimeout = v; return this; }
        public Builder maxRetries(int v) { this.maxRetries = v; return this; }
        public Builder retryBaseDelay(Duration v) { this.retryBaseDelay = v; return this; }
        public Builder retryMaxDelay(Duration v) { this.retryMaxDelay = v; return this; }
        public Builder operationTimeout(Duration v) { this.operationTimeout = v; return this; }
        public Builder defaultPollInterval(Duration v) { this.defaultPollInterval = v; return this; }
        public Builder httpLogLevel(HttpLogDetailLevel v) { this.httpLogLevel = v; return this; }

        public AzureClientConfig build() {
            return new AzureClientConfig(subscriptionId, tenantId, armEndpoint, credentialMode, staticToken,
                trustStorePath, trustStorePassword, trustStoreType, connectTimeout, responseTimeout, maxRetries,
                retryBaseDelay, retryMaxDelay, operationTimeout, defaultPollInterval, httpLogLevel);
        }
    }
}
