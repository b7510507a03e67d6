package io.avdroll.bus.servicebus;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the Service Bus adapter connects and consumes. Built from flat configuration keys (a service maps
 * its own configuration onto these):
 *
 * <table>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@value #CONNECTION_STRING}</td><td>namespace connection string (SAS key or signature); secret</td><td>-</td></tr>
 * <tr><td>{@value #NAMESPACE}</td><td>fully qualified namespace, e.g. {@code myns.servicebus.windows.net};
 *     authenticates with DefaultAzureCredential (managed identity in Azure)</td><td>-</td></tr>
 * <tr><td>{@value #MAX_CONCURRENT_CALLS}</td><td>messages handled at once per non-session endpoint (handlers mostly wait on Azure, so a
 *     wave of hosts is taken in parallel; see {@link HandlerThreads} for the threads this needs)</td><td>16</td></tr>
 * <tr><td>{@value #MAX_CONCURRENT_SESSIONS}</td><td>sessions (host pools) handled at once per session endpoint</td><td>16</td></tr>
 * <tr><td>{@value #MAX_LOCK_RENEWAL}</td><td>how long message and session locks are renewed while a handler runs</td><td>PT5M</td></tr>
 * <tr><td>{@value #SESSION_IDLE_TIMEOUT}</td><td>how long a session is held with no message before it is released
 *     (short, so an idle pool does not keep a busy one waiting for a worker; re-accepting costs one state read)</td><td>PT5S</td></tr>
 * <tr><td>{@value #TRY_TIMEOUT}</td><td>timeout of one broker operation attempt</td><td>PT1M</td></tr>
 * </table>
 * Exactly one of the connection string and the namespace must be set. Durations are ISO-8601.
 */
public final class ServiceBusSettings {

    public static final String CONNECTION_STRING = "avdroll.servicebus.connection-string";
    public static final String NAMESPACE = "avdroll.servicebus.namespace";
    public static final String MAX_CONCURRENT_CALLS = "avdroll.servicebus.max-concurrent-calls";
    public static final String MAX_CONCURRENT_SESSIONS = "avdroll.servicebus.max-concurrent-sessions";
    public static final String MAX_LOCK_RENEWAL = "avdroll.servicebus.max-lock-renewal";
    public static final String SESSION_IDLE_TIMEOUT = "avdroll.servicebus.session-idle-timeout";
    public static final String TRY_TIMEOUT = "avdroll.servicebus.try-timeout";

    /** Every key read here, so a caller can look each one up by name (environment variables included). */
    public static final List<String> KEYS = List.of(CONNECTION_STRING, NAMESPACE, MAX_CONCURRENT_CALLS,
            MAX_CONCURRENT_SESSIONS, MAX_LOCK_RENEWAL, SESSION_IDLE_TIMEOUT, TRY_TIMEOUT);

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+(:[0-9]{1,5})?");

    private final String connectionString;
    private final String fullyQualifiedNamespace;
    private final int maxConcurrentCalls;
    private final int maxConcurrentSessions;
    private final Duration maxLockRenewal;
    private final Duration sessionIdleTimeout;
    private final Duration tryTimeout;

    private ServiceBusSettings(String connectionString, String fullyQualifiedNamespace, int maxConcurrentCalls,
                               int maxConcurrentSessions, Duration maxLockRenewal, Duration sessionIdleTimeout,
                               Duration tryTimeout) {
        this.connectionString = connectionString;
        this.fullyQualifiedNamespace = fullyQualifiedNamespace;
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.maxConcurrentSessions = maxConcurrentSessions;
        this.maxLockRenewal = maxLockRenewal;
        this.sessionIdleTimeout = sessionIdleTimeout;
        this.tryTimeout = tryTimeout;
    }

    public static ServiceBusSettings from(Map<String, String> config) {
        String connectionString = blankToNull(config.get(CONNECTION_STRING));
        String namespace = blankToNull(config.get(NAMESPACE));
        if (connectionString == null && namespace == null) {
            throw new InvalidBusSettingsException(CONNECTION_STRING,
                    "is required unless " + NAMESPACE + " is set (then DefaultAzureCredential is used)");
        }
        if (connectionString != null && namespace != null) {
            throw new InvalidBusSettingsException(NAMESPACE, "set either " + CONNECTION_STRING + " or " + NAMESPACE + ", not both");
        }
        String fqns = connectionString != null ? namespaceOf(connectionString) : validNamespace(namespace);
        return new ServiceBusSettings(connectionString, fqns,
                intIn(config, MAX_CONCURRENT_CALLS, 16, 1, 100),
                intIn(config, MAX_CONCURRENT_SESSIONS, 16, 1, 100),
                durationAtLeast(config, MAX_LOCK_RENEWAL, Duration.ofMinutes(5), Duration.ZERO),
                durationAtLeast(config, SESSION_IDLE_TIMEOUT, Duration.ofSeconds(5), Duration.ofSeconds(1)),
                durationAtLeast(config, TRY_TIMEOUT, Duration.ofMinutes(1), Duration.ofSeconds(1)));
    }

    /** The secret connection string, only for handing to the SDK. */
    Optional<String> connectionString() {
        return Optional.ofNullable(connectionString);
    }

    public boolean usesConnectionString() {
        return connectionString != null;
    }

    public String fullyQualifiedNamespace() {
        return fullyQualifiedNamespace;
    }

    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    public int maxConcurrentSessions() {
        return maxConcurrentSessions;
    }

    public Duration maxLockRenewal() {
        return maxLockRenewal;
    }

    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    public Duration tryTimeout() {
        return tryTimeout;
    }

    @Override
    public String toString() {
        return "ServiceBusSettings[namespace=" + fullyQualifiedNamespace
                + ", auth=" + (usesConnectionString() ? "connection-string(redacted)" : "DefaultAzureCredential")
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", maxConcurrentSessions=" + maxConcurrentSessions
                + ", maxLockRenewal=" + maxLockRenewal + ", sessionIdleTimeout=" + sessionIdleTimeout
                + ", tryTimeout=" + tryTimeout + "]";
    }

    /** Checks the shape of the connection string; messages name its parts, never their values. */
    private static String namespaceOf(String connectionString) {
        Map<String, String> parts = new HashMap<>();
        for (String part : connectionString.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidBusSettingsException(CONNECTION_STRING, "must be a list of Key=Value pairs separated by ';'");
            }
            parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        String endpoint = parts.get("endpoint");
        if (endpoint == null || !endpoint.startsWith("sb://")) {
            throw new InvalidBusSettingsException(CONNECTION_STRING, "must contain Endpoint=sb://<namespace host>/");
        }
        String host = endpoint.substring("sb://".length()).replaceAll("/+$", "");
        if (!HOST_NAME.matcher(host).matches() && !host.startsWith("localhost")) {
            throw new InvalidBusSettingsException(CONNECTION_STRING, "the Endpoint is not a host name");
        }
        boolean key = parts.containsKey("sharedaccesskeyname") && !parts.get("sharedaccesskeyname").isEmpty()
                && parts.containsKey("sharedaccesskey") && !parts.get("sharedaccesskey").isEmpty();
        boolean signature = parts.containsKey("sharedaccesssignature") && !parts.get("sharedaccesssignature").isEmpty();
        if (!key && !signature) {
            throw new InvalidBusSettingsException(CONNECTION_STRING,
                    "must contain SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature");
        }
        if (parts.containsKey("entitypath")) {
            throw new InvalidBusSettingsException(CONNECTION_STRING,
                    "must be a namespace-level connection string without EntityPath (the services reach several entities)");
        }
        String emulator = parts.get("usedevelopmentemulator");
        if (emulator != null && !emulator.equalsIgnoreCase("true") && !emulator.equalsIgnoreCase("false")) {
            throw new InvalidBusSettingsException(CONNECTION_STRING, "UseDevelopmentEmulator must be true or false");
        }
        return host;
    }

    private static String validNamespace(String namespace) {
        if (namespace.contains("://") || !HOST_NAME.matcher(namespace).matches()) {
            throw new InvalidBusSettingsException(NAMESPACE,
                    "must be a fully qualified namespace host name like myns.servicebus.windows.net, without scheme or path");
        }
        return namespace;
    }

    private static int intIn(Map<String, String> config, String key, int fallback, int min, int max) {
        String value = blankToNull(config.get(key));
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new InvalidBusSettingsException(key, "must be between " + min + " and " + max + " (was " + parsed + ")");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidBusSettingsException(key, "must be an integer (was '" + value + "')");
        }
    }

    private static Duration durationAtLeast(Map<String, String> config, String key, Duration fallback, Duration min) {
        String value = blankToNull(config.get(key));
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value.trim());
            if (parsed.compareTo(min) < 0) {
                throw new InvalidBusSettingsException(key, "must be at least " + min + " (was " + parsed + ")");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new InvalidBusSettingsException(key, "must be an ISO-8601 duration such as PT30S (was '" + value + "')");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
