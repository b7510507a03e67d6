package io.avdroll.azure.desktop;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SessionHosts} as Desktop Virtualization REST calls over the shared ARM pipeline. */
public final class RestSessionHosts implements SessionHosts {

    private final AvdRestClient rest;

    public RestSessionHosts(AzureConnection connection) {
        this(new AvdRestClient(connection.pipeline(), connection.armBaseUrl(), connection.config().subscriptionId()));
    }

    RestSessionHosts(AvdRestClient rest) {
        this.rest = rest;
    }

    /**
     * Pages are read one after another while hosts come and go (a redeploy removes a session host and registers it
     * again), and AVD pages by position: a host can then show on two pages. It is listed once, as the later page
     * saw it.
     */
    @Override
    public List<SessionHostView> list(HostPoolRef pool) {
        Map<String, SessionHostView> hosts = new LinkedHashMap<>();
        rest.forEachItem(DesktopVirtualizationApi.sessionHosts(rest.subscriptionId(), pool), null,
            "list session hosts of " + pool, item -> {
                SessionHostView host = AvdJson.sessionHost(pool.name(), item);
                hosts.remove(host.name());
                hosts.put(host.name(), host);
            });
        return List.copyOf(hosts.values());
    }

    @Override
    public SessionHostView get(HostPoolRef pool, String sessionHost) {
        String host = ResourceNames.sessionHostName(sessionHost);
        String operation = "get session host " + pool + "/" + host;
        JsonNode body = rest.send(HttpMethod.GET, DesktopVirtualizationApi.sessionHost(rest.subscriptionId(), pool, host),
            null, null, operation);
        return AvdJson.sessionHost(pool.name(), RestHostPools.required(body, operation));
    }

    @Override
    public Optional<SessionHostView> find(HostPoolRef pool, String sessionHost) {
        try {
            return Optional.of(get(pool, sessionHost));
        } catch (AzureFailure failure) {
            if (failure.kind() == AzureFailureKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    @Override
    public SessionHostView setAllowNewSession(HostPoolRef pool, String sessionHost, boolean allow) {
        String host = ResourceNames.sessionHostName(sessionHost);
        String operation = (allow ? "allow" : "stop") + " new sessions on " + pool + "/" + host;
        JsonNode body = rest.send(HttpMethod.PATCH, DesktopVirtualizationApi.sessionHost(rest.subscriptionId(), pool, host),
            null, allowNewSessionBody(allow), operation);
        return AvdJson.sessionHost(pool.name(), RestHostPools.required(body, operation));
    }

    static Map<String, Object> allowNewSessionBody(boolean allow) {
        return Map.of("properties", Map.of("allowNewSession", allow));
    }

    @Override
    public void delete(HostPoolRef pool, String sessionHost, boolean force) {
        String host = ResourceNames.sessionHostName(sessionHost);
        try {
            rest.send(HttpMethod.DELETE, DesktopVirtualizationApi.sessionHost(rest.subscriptionId(), pool, host),
                Map.of("force", String.valueOf(force)), null, "delete session host " + pool + "/" + host);
        } catch (AzureFailure failure) {
            if (failure.kind() != AzureFailureKind.NOT_FOUND) {
                throw failure;
            }
        }
    }
}
