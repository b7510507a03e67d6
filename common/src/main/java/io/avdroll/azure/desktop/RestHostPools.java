package io.avdroll.azure.desktop;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link HostPools} as Desktop Virtualization REST calls over the shared ARM pipeline. */
public final class RestHostPools implements HostPools {

    private static final Logger LOG = LoggerFactory.getLogger(RestHostPools.class);

    private final AvdRestClient rest;

    public RestHostPools(AzureConnection connection) {
        this(new AvdRestClient(connection.pipeline(), connection.armBaseUrl(), connection.config().subscriptionId()));
    }

    RestHostPools(AvdRestClient rest) {
        this.rest = rest;
    }

    @Override
    public HostPoolView get(HostPoolRef pool) {
        JsonNode body = rest.send(HttpMethod.GET, DesktopVirtualizationApi.hostPool(rest.subscriptionId(), pool), null,
            null, "get host pool " + pool);
        return AvdJson.hostPool(required(body, "get host pool " + pool));
    }

    @Override
    public HostPoolView update(HostPoolRef pool, HostPoolPatch patch) {
        JsonNode body = rest.send(HttpMethod.PATCH, DesktopVirtualizationApi.hostPool(rest.subscriptionId(), pool), null,
            patchBody(patch), "update host pool " + pool);
        return AvdJson.hostPool(required(body, "update host pool " + pool));
    }

    @Override
    public Optional<RegistrationToken> currentRegistrationToken(HostPoolRef pool) {
        JsonNode body = rest.send(HttpMethod.POST, DesktopVirtualizationApi.retrieveRegistrationToken(rest.subscriptionId(), pool),
            null, null, "retrieve registration token of " + pool);
        return Optional.ofNullable(AvdJson.registrationToken(body));
    }

    @Override
    public RegistrationToken renewRegistrationToken(HostPoolRef pool, Instant expiresAt, Instant now) {
        RegistrationTokenExpiry.validate(expiresAt, now);
        String operation = "renew registration token of " + pool;
        rest.send(HttpMethod.PATCH, DesktopVirtualizationApi.hostPool(rest.subscriptionId(), pool), null,
            registrationPatch(expiresAt), operation);
        RegistrationToken token = currentRegistrationToken(pool).orElseThrow(() -> new AzureFailure(
            AzureFailureKind.TRANSIENT, operation, 200, "RegistrationTokenMissing",
            "the host pool returned no registration token after the update", null));
        LOG.info("registration token of host pool {} renewed, expires {}", pool, token.expiresAt());
        return token;
    }

    static Map<String, Object> registrationPatch(Instant expiresAt) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("expirationTime", expiresAt.toString());
        info.put("registrationTokenOperation", "Update");
        return Map.of("properties", Map.of("registrationInfo", info));
    }

    static Map<String, Object> patchBody(HostPoolPatch patch) {
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfSet(properties, "friendlyName", patch.friendlyName());
        putIfSet(properties, "description", patch.description());
        putIfSet(properties, "maxSessionLimit", patch.maxSessionLimit());
        putIfSet(properties, "loadBalancerType", patch.loadBalancerType());
        putIfSet(properties, "startVMOnConnect", patch.startVmOnConnect());
        Map<String, Object> body = new LinkedHashMap<>();
        if (patch.tags() != null) {
            body.put("tags", patch.tags());
        }
        body.put("properties", properties);
        return body;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static JsonNode required(JsonNode body, String operation) {
        if (body == null) {
            throw new AzureFailure(AzureFailureKind.TRANSIENT, operation, 200, "EmptyResponse",
                "the service answered without a body", null);
        }
        return body;
    }
}
