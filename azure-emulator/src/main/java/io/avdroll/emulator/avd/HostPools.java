package io.avdroll.emulator.avd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.state.EmulatorState;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Host pools, their registration tokens and session hosts. Callers hold the state lock. */
public final class HostPools {
    static final String TYPE = "Microsoft.DesktopVirtualization/hostPools";
    private static final Set<String> PATCHABLE = Set.of("friendlyName", "description", "customRdpProperty", "maxSessionLimit",
            "personalDesktopAssignmentType", "loadBalancerType", "ring", "validationEnvironment", "vmTemplate", "ssoadfsAuthority",
            "ssoClientId", "ssoClientSecretKeyVaultPath", "ssoSecretType", "preferredAppGroupType", "startVMOnConnect",
            "agentUpdate", "publicNetworkAccess", "hostPoolType");
    private static final SecureRandom TOKEN_RANDOM = new SecureRandom();

    private final EmulatorState state;
    private final Map<String, HostPool> pools = new LinkedHashMap<>();
    /** Every token ever issued, so an agent presenting an older (unexpired) token still registers. */
    private final Map<String, String> tokenToPool = new LinkedHashMap<>();
    private final Map<String, Instant> tokenExpiry = new LinkedHashMap<>();

    public HostPools(EmulatorState state) {
        this.state = state;
    }

    public static String poolId(String subscription, String resourceGroup, String name) {
        return ResourceIds.id(subscription, resourceGroup, TYPE + "/" + name);
    }

    public HostPool find(String id) {
        return pools.get(ResourceIds.key(id));
    }

    public HostPool require(String id) {
        HostPool pool = find(id);
        if (pool == null) {
            throw new ArmException(404, "ResourceNotFound", "The Resource '" + TYPE + "/" + ResourceIds.name(id)
                    + "' under resource group '" + ResourceIds.resourceGroup(id) + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
        }
        return pool;
    }

    public Collection<HostPool> all() {
        return pools.values();
    }

    /** PUT: create or replace the pool's writable properties. */
    public HostPool put(String id, ObjectNode body, String actor) {
        String location = Json.text(body, "location");
        if (location == null) {
            throw ArmException.badRequest("LocationRequired", "The location property is required for this definition.");
        }
        ObjectNode props = Json.copyObject(body.get("properties"));
        for (String required : new String[] {"hostPoolType", "loadBalancerType", "preferredAppGroupType"}) {
            if (!props.hasNonNull(required)) {
                throw ArmException.badRequest("InvalidParameter", "Required property 'properties." + required + "' is missing.");
            }
        }
        HostPool pool = find(id);
        boolean created = pool == null;
        if (created) {
            pool = new HostPool(id, state.now());
            pools.put(ResourceIds.key(id), pool);
            state.addSubscription(ResourceIds.subscription(id));
        }
        pool.location = location;
        pool.tags = Json.copyObject(body.get("tags"));
        JsonNode registration = props.remove("registrationInfo");
        ObjectNode kept = Json.object();
        props.fields().forEachRemaining(e -> {
            if (PATCHABLE.contains(e.getKey())) {
                kept.set(e.getKey(), e.getValue());
            }
        });
        pool.properties = kept;
        pool.lastModifiedAt = state.now();
        applyRegistration(pool, registration, actor);
        state.audit(created ? "HostPoolCreated" : "HostPoolReplaced", actor, pool.id);
        return pool;
    }

    /** PATCH: merge writable properties and tags; registrationInfo issues or deletes the token. */
    public HostPool patch(HostPool pool, ObjectNode body, String actor) {
        ObjectNode props = Json.copyObject(body.get("properties"));
        JsonNode registration = props.remove("registrationInfo");
        for (String field : (Iterable<String>) props::fieldNames) {
            if (!PATCHABLE.contains(field) || field.equals("hostPoolType")) {
                throw ArmException.badRequest("InvalidParameter", "Property 'properties." + field + "' cannot be updated on a host pool.");
            }
        }
        JsonNode max = props.get("maxSessionLimit");
        if (max != null && (!max.canConvertToInt() || max.asInt() < 0)) {
            throw ArmException.badRequest("InvalidParameter", "Property 'properties.maxSessionLimit' must be a non-negative integer.");
        }
        applyRegistration(pool, registration, actor);
        Json.merge(pool.properties, props);
        if (body.has("tags")) {
            pool.tags = Json.copyObject(body.get("tags"));
        }
        pool.lastModifiedAt = state.now();
        if (!props.isEmpty()) {
            state.audit("HostPoolUpdated", actor, pool.id, "changed", Json.MAPPER.convertValue(props, Map.class));
        }
        return pool;
    }

    private void applyRegistration(HostPool pool, JsonNode registration, String actor) {
        if (registration == null || registration.isNull()) {
            return;
        }
        String operation = Json.text(registration, "registrationTokenOperation");
        if (operation == null || operation.equals("None")) {
            return;
        }
        if (operation.equals("Delete")) {
            pool.registrationToken = null;
            pool.registrationExpiry = null;
            state.audit("RegistrationTokenDeleted", actor, pool.id);
            return;
        }
        if (!operation.equals("Update")) {
            throw ArmException.badRequest("InvalidParameter", "registrationInfo.registrationTokenOperation must be one of Delete, None, Update; was '" + operation + "'.");
        }
        String expiry = Json.text(registration, "expirationTime");
        Instant expiresAt;
        try {
            expiresAt = expiry == null ? null : Instant.parse(expiry);
        } catch (DateTimeParseException e) {
            expiresAt = null;
        }
        Instant now = state.now();
        if (expiresAt == null || expiresAt.isBefore(now.plus(Duration.ofHours(1))) || expiresAt.isAfter(now.plus(Duration.ofDays(30)))) {
            throw ArmException.badRequest("BadRequest", "ActivityId: " + UUID.randomUUID()
                    + " Error: ExpirationTime value must be between one hour and 30 days from now");
        }
        issueToken(pool, expiresAt, actor);
    }

    /** Issues a fresh token (opaque, JWT-shaped); the token itself never enters the audit log. */
    public String issueToken(HostPool pool, Instant expiresAt, String actor) {
        byte[] nonce = new byte[32];
        TOKEN_RANDOM.nextBytes(nonce);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes())
                + "." + b64.encodeToString(("{\"HostPoolName\":\"" + pool.name + "\",\"exp\":" + expiresAt.getEpochSecond() + "}").getBytes())
                + "." + b64.encodeToString(nonce);
        pool.registrationToken = token;
        pool.registrationExpiry = expiresAt;
        tokenToPool.put(token, ResourceIds.key(pool.id));
        tokenExpiry.put(token, expiresAt);
        state.issuedRegistrationTokens.add(token);
        state.audit("RegistrationTokenIssued", actor, pool.id, "expirationTime", expiresAt.toString());
        return token;
    }

    /** The pool a token registers to, if the token was issued here, is unexpired and was not revoked. */
    public Optional<HostPool> poolForToken(String token) {
        String key = tokenToPool.get(token);
        if (key == null || !tokenExpiry.get(token).isAfter(state.now())) {
            return Optional.empty();
        }
        HostPool pool = pools.get(key);
        if (pool == null || pool.registrationToken == null) {
            return Optional.empty();
        }
        return Optional.of(pool);
    }

    public SessionHost requireHost(HostPool pool, String name) {
        SessionHost host = pool.host(name);
        if (host == null) {
            throw new ArmException(404, "NotFound", "SessionHost '" + name + "' does not exist in host pool '" + pool.name + "'.");
        }
        return host;
    }

    public UserSession requireSession(HostPool pool, SessionHost host, String id) {
        UserSession session = host.sessions.get(id);
        if (session == null) {
            throw new ArmException(404, "NotFound", "UserSession '" + id + "' does not exist on session host '" + host.name
                    + "' in host pool '" + pool.name + "'.");
        }
        return session;
    }

    /** The session host backed by VM {@code vmId}, with its pool, if any. */
    public Optional<Map.Entry<HostPool, SessionHost>> hostForVm(String vmId) {
        for (HostPool pool : pools.values()) {
            for (SessionHost host : pool.hosts.values()) {
                if (host.resourceId != null && host.resourceId.equalsIgnoreCase(vmId)) {
                    return Optional.of(Map.entry(pool, host));
                }
            }
        }
        return Optional.empty();
    }

    public void setStatus(HostPool pool, SessionHost host, String status, String actor) {
        if (host.status.equals(status)) {
            return;
        }
        String before = host.status;
        if (!status.equals("Available")) {
            host.lastHeartBeat = state.now();
        }
        host.status = status;
        host.statusTimestamp = state.now();
        state.audit("SessionHostStatusChanged", actor, host.id(pool), "from", before, "to", status);
    }
}
