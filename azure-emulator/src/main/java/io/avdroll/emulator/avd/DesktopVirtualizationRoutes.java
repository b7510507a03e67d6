package io.avdroll.emulator.avd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmCall;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.ArmResponse;
import io.avdroll.emulator.arm.ArmRouter;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.Paging;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.state.EmulatorState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Microsoft.DesktopVirtualization host pools, session hosts and user sessions over HTTP (shapes of api-version 2025-10-10). */
public final class DesktopVirtualizationRoutes {
    private static final String POOLS = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DesktopVirtualization/hostPools";
    private static final String POOL = POOLS + "/{hostPoolName}";
    private static final String HOST = POOL + "/sessionHosts/{sessionHostName}";
    private static final String SESSION = HOST + "/userSessions/{userSessionId}";
    private static final String OP = "Microsoft.DesktopVirtualization/hostpools";
    private static final String ACTOR = "api";
    private static final Set<String> HOST_PATCHABLE = Set.of("allowNewSession", "assignedUser", "friendlyName");

    private final EmulatorState state;
    private final HostPools pools;
    private final DesktopSimulation simulation;

    public DesktopVirtualizationRoutes(EmulatorState state, HostPools pools, DesktopSimulation simulation) {
        this.state = state;
        this.pools = pools;
        this.simulation = simulation;
    }

    public void register(ArmRouter router) {
        router.add("GET", POOL, OP + "/read", c -> ArmResponse.ok(pool(c).render(state.now())))
                .add("PUT", POOL, OP + "/write", this::putPool)
                .add("PATCH", POOL, OP + "/write", c -> ArmResponse.ok(pools.patch(pool(c), c.bodyObject(), ACTOR).render(state.now())))
                .add("DELETE", POOL, OP + "/delete", this::deletePool)
                .add("GET", POOLS, OP + "/read", this::listPools)
                .add("GET", "/subscriptions/{subscriptionId}/providers/Microsoft.DesktopVirtualization/hostPools", OP + "/read", this::listPools)
                .add("POST", POOL + "/retrieveRegistrationToken", OP + "/retrieveRegistrationToken/action",
                        c -> ArmResponse.ok(pool(c).registrationInfo(state.now())))
                .add("GET", POOL + "/sessionHosts", OP + "/sessionhosts/read", this::listHosts)
                .add("GET", HOST, OP + "/sessionhosts/read", c -> {
                    HostPool p = pool(c);
                    return ArmResponse.ok(pools.requireHost(p, c.param("sessionHostName")).render(p, state.now()));
                })
                .add("PATCH", HOST, OP + "/sessionhosts/write", this::patchHost)
                .add("DELETE", HOST, OP + "/sessionhosts/delete", this::deleteHost)
                .add("GET", POOL + "/userSessions", OP + "/sessionhosts/usersessions/read", this::listPoolSessions)
                .add("GET", HOST + "/userSessions", OP + "/sessionhosts/usersessions/read", this::listHostSessions)
                .add("GET", SESSION, OP + "/sessionhosts/usersessions/read", c -> {
                    HostPool p = pool(c);
                    SessionHost h = pools.requireHost(p, c.param("sessionHostName"));
                    return ArmResponse.ok(pools.requireSession(p, h, c.param("userSessionId")).render(p, h));
                })
                .add("DELETE", SESSION, OP + "/sessionhosts/usersessions/delete", this::deleteSession)
                .add("POST", SESSION + "/sendMessage", OP + "/sessionhosts/usersessions/sendMessage/action", this::sendMessage)
                .add("POST", SESSION + "/disconnect", OP + "/sessionhosts/usersessions/disconnect/action", this::disconnect);
    }

    private HostPool pool(ArmCall c) {
        return pools.require(HostPools.poolId(c.param("subscriptionId"), c.param("resourceGroupName"), c.param("hostPoolName")));
    }

    private ArmResponse putPool(ArmCall c) {
        String id = HostPools.poolId(c.param("subscriptionId"), c.param("resourceGroupName"), c.param("hostPoolName"));
        boolean existed = pools.find(id) != null;
        HostPool pool = pools.put(id, c.bodyObject(), ACTOR);
        return existed ? ArmResponse.ok(pool.render(state.now())) : ArmResponse.created(pool.render(state.now()));
    }

    private ArmResponse deletePool(ArmCall c) {
        String id = HostPools.poolId(c.param("subscriptionId"), c.param("resourceGroupName"), c.param("hostPoolName"));
        HostPool pool = pools.find(id);
        if (pool == null) {
            return ArmResponse.status(204);
        }
        if (!pool.hosts.isEmpty() && !c.queryFlag("force")) {
            throw ArmException.badRequest("BadRequest", "Host pool '" + pool.name + "' still has session hosts; delete them first or use force=true.");
        }
        for (SessionHost h : List.copyOf(pool.hosts.values())) {
            simulation.endAllSessions(pool, h, "host pool deleted");
        }
        pools.all().remove(pool);
        state.audit("HostPoolDeleted", ACTOR, pool.id);
        return ArmResponse.status(200);
    }

    private ArmResponse listPools(ArmCall c) {
        String prefix = c.param("resourceGroupName") == null
                ? "/subscriptions/" + c.param("subscriptionId") + "/"
                : ResourceIds.resourceGroupId(c.param("subscriptionId"), c.param("resourceGroupName")) + "/";
        List<ObjectNode> items = pools.all().stream().filter(p -> ResourceIds.key(p.id).startsWith(ResourceIds.key(prefix)))
                .map(p -> p.render(state.now())).toList();
        return Paging.avdPage(c, items, state.options.avdPageSize());
    }

    private ArmResponse listHosts(ArmCall c) {
        HostPool pool = pool(c);
        Instant now = state.now();
        return Paging.avdPage(c, List.copyOf(pool.hosts.values()), state.options.avdPageSize(), h -> h.render(pool, now));
    }

    private ArmResponse patchHost(ArmCall c) {
        HostPool pool = pool(c);
        SessionHost host = pools.requireHost(pool, c.param("sessionHostName"));
        ObjectNode props = Json.copyObject(c.bodyObject().get("properties"));
        for (String field : (Iterable<String>) props::fieldNames) {
            if (!HOST_PATCHABLE.contains(field)) {
                throw ArmException.badRequest("InvalidParameter", "Property 'properties." + field + "' cannot be updated on a session host.");
            }
        }
        JsonNode allow = props.get("allowNewSession");
        if (allow != null && !allow.isBoolean()) {
            throw ArmException.badRequest("InvalidParameter", "Property 'properties.allowNewSession' must be a boolean.");
        }
        if (allow != null && allow.asBoolean() != host.allowNewSession) {
            boolean before = host.allowNewSession;
            host.allowNewSession = allow.asBoolean();
            state.audit("AllowNewSessionChanged", ACTOR, host.id(pool), "from", before, "to", host.allowNewSession,
                    "sessions", host.sessions.size());
            if (host.allowNewSession) {
                simulation.arrivalsFor(pool);
            }
        }
        if (props.has("assignedUser")) {
            host.assignedUser = props.get("assignedUser").isNull() ? null : props.get("assignedUser").asText();
        }
        if (props.has("friendlyName")) {
            host.friendlyName = props.get("friendlyName").isNull() ? null : props.get("friendlyName").asText();
        }
        host.lastModifiedAt = state.now();
        return ArmResponse.ok(host.render(pool, state.now()));
    }

    private ArmResponse deleteHost(ArmCall c) {
        HostPool pool = pool(c);
        SessionHost host = pool.host(c.param("sessionHostName"));
        if (host == null) {
            return ArmResponse.status(204);
        }
        boolean force = c.queryFlag("force");
        if (!host.sessions.isEmpty() && !force) {
            throw ArmException.badRequest("BadRequest", "SessionHost '" + host.name + "' has " + host.sessions.size()
                    + " user session(s). Log them off first or delete with force=true.");
        }
        for (UserSession s : List.copyOf(host.sessions.values())) {
            simulation.logOff(pool, host, s, true, ACTOR, "session host deleted");
        }
        pool.hosts.remove(host.name.toLowerCase());
        state.audit("SessionHostDeleted", ACTOR, host.id(pool), "force", force, "vm", host.resourceId);
        return ArmResponse.status(200);
    }

    private ArmResponse listHostSessions(ArmCall c) {
        HostPool pool = pool(c);
        SessionHost host = pools.requireHost(pool, c.param("sessionHostName"));
        List<ObjectNode> items = host.sessions.values().stream().map(s -> s.render(pool, host)).toList();
        return Paging.avdPage(c, items, state.options.avdPageSize());
    }

    private ArmResponse listPoolSessions(ArmCall c) {
        HostPool pool = pool(c);
        List<ObjectNode> items = new ArrayList<>();
        for (SessionHost host : pool.hosts.values()) {
            host.sessions.values().forEach(s -> items.add(s.render(pool, host)));
        }
        return Paging.avdPage(c, items, state.options.avdPageSize());
    }

    private ArmResponse deleteSession(ArmCall c) {
        HostPool pool = pool(c);
        SessionHost host = pools.requireHost(pool, c.param("sessionHostName"));
        UserSession session = host.sessions.get(c.param("userSessionId"));
        if (session == null) {
            return ArmResponse.status(204);
        }
        simulation.logOff(pool, host, session, true, ACTOR, c.queryFlag("force") ? "log off (force)" : "log off");
        return ArmResponse.status(200);
    }

    private ArmResponse sendMessage(ArmCall c) {
        HostPool pool = pool(c);
        SessionHost host = pools.requireHost(pool, c.param("sessionHostName"));
        UserSession session = pools.requireSession(pool, host, c.param("userSessionId"));
        ObjectNode body = c.bodyOrEmpty();
        JsonNode title = body.get("messageTitle");
        JsonNode text = body.get("messageBody");
        if ((title != null && !title.isTextual() && !title.isNull()) || (text != null && !text.isTextual() && !text.isNull())) {
            throw ArmException.badRequest("InvalidParameter", "'messageTitle' and 'messageBody' must be strings.");
        }
        state.counters.event("messagesSent");
        state.audit("MessageSent", ACTOR, host.id(pool) + "/userSessions/" + session.id, "user", session.userPrincipalName,
                "title", title == null ? "" : title.asText(""), "body", text == null ? "" : text.asText(""));
        return ArmResponse.status(200);
    }

    private ArmResponse disconnect(ArmCall c) {
        HostPool pool = pool(c);
        SessionHost host = pools.requireHost(pool, c.param("sessionHostName"));
        UserSession session = pools.requireSession(pool, host, c.param("userSessionId"));
        if (!session.sessionState.equals("Disconnected")) {
            session.sessionState = "Disconnected";
            state.audit("UserSessionDisconnected", ACTOR, host.id(pool) + "/userSessions/" + session.id, "user", session.userPrincipalName);
        }
        return ArmResponse.status(200);
    }
}
