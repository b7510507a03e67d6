package io.avdroll.azure.desktop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The Microsoft.DesktopVirtualization REST surface the adapters use: one api-version, one place for paths. */
public final class DesktopVirtualizationApi {

    /** Newest stable api-version; the request and response shapes below follow its OpenAPI examples. */
    public static final String API_VERSION = "2025-10-10";

    private DesktopVirtualizationApi() {
    }

    public static String hostPool(String subscriptionId, HostPoolRef pool) {
        return "/subscriptions/" + segment(subscriptionId) + "/resourceGroups/" + segment(pool.resourceGroup())
            + "/providers/Microsoft.DesktopVirtualization/hostPools/" + segment(pool.name());
    }

    public static String retrieveRegistrationToken(String subscriptionId, HostPoolRef pool) {
        return hostPool(subscriptionId, pool) + "/retrieveRegistrationToken";
    }

    public static String sessionHosts(String subscriptionId, HostPoolRef pool) {
        return hostPool(subscriptionId, pool) + "/sessionHosts";
    }

    public static String sessionHost(String subscriptionId, HostPoolRef pool, String sessionHost) {
        return sessionHosts(subscriptionId, pool) + "/" + segment(sessionHost);
    }

    public static String userSessionsOfPool(String subscriptionId, HostPoolRef pool) {
        return hostPool(subscriptionId, pool) + "/userSessions";
    }

    public static String userSessions(String subscriptionId, HostPoolRef pool, String sessionHost) {
        return sessionHost(subscriptionId, pool, sessionHost) + "/userSessions";
    }

    public static String userSession(String subscriptionId, HostPoolRef pool, String sessionHost, String sessionId) {
        return userSessions(subscriptionId, pool, sessionHost) + "/" + segment(sessionId);
    }

    static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("path segment: must not be blank");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
