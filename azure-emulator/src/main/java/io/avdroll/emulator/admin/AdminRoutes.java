package io.avdroll.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.ArmResponse;
import io.avdroll.emulator.arm.ArmServer.AdminRequest;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.avd.DesktopSimulation;
import io.avdroll.emulator.avd.HostPool;
import io.avdroll.emulator.avd.HostPools;
import io.avdroll.emulator.avd.SessionHost;
import io.avdroll.emulator.compute.VirtualMachine;
import io.avdroll.emulator.compute.VirtualMachineService;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.fault.SubscriptionThrottle;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.seed.Seeder;
import io.avdroll.emulator.state.EmulatorState;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The emulator's own JSON API under {@code /_emulator/}: seeding, faults, throttling, counters, the audit log,
 * pool snapshots and actions behind the system's back. No bearer token needed.
 */
public final class AdminRoutes {
    private final EmulatorState state;
    private final HostPools pools;
    private final DesktopSimulation simulation;
    private final VirtualMachineService vms;
    private final Seeder seeder;
    private final Supplier<ObjectNode> info;

    public AdminRoutes(EmulatorState state, HostPools pools, DesktopSimulation simulation, VirtualMachineService vms, Seeder seeder,
                       Supplier<ObjectNode> info) {
        this.state = state;
        this.pools = pools;
        this.simulation = simulation;
        this.vms = vms;
        this.seeder = seeder;
        this.info = info;
    }

    public ArmResponse handle(AdminRequest r) {
        String[] p = r.path().split("/");
        String route = r.method() + " " + p[0];
        return switch (route) {
            case "GET health" -> ArmResponse.ok(Json.object().put("status", "UP"));
            case "GET info" -> ArmResponse.ok(info.get());
            case "GET counters" -> ArmResponse.ok(Json.MAPPER.valueToTree(state.counters.snapshot()));
            case "POST counters" -> {
                state.counters.reset();
                yield ArmResponse.status(204);
            }
            case "GET audit" -> audit(r);
            case "GET faults" -> ArmResponse.ok(Json.MAPPER.valueToTree(Map.of("value", state.faults.list())));
            case "POST faults" -> addFaults(r.body());
            case "DELETE faults" -> deleteFaults(p);
            case "GET throttling" -> ArmResponse.ok(state.throttle.limits() == null ? Json.object() : Json.MAPPER.valueToTree(state.throttle.limits()));
            case "PUT throttling" -> putThrottling(r.body());
            case "POST seed" -> {
                Seed seed = Seed.parse(r.body());
                synchronized (state) {
                    seeder.apply(seed);
                }
                yield ArmResponse.status(204);
            }
            case "GET hostpools" -> {
                synchronized (state) {
                    yield ArmResponse.ok(snapshot());
                }
            }
            case "POST hostpools" -> logOn(p, r.body());
            case "POST vms" -> deleteVm(p, r.body());
            default -> throw new ArmException(404, "NotFound", "No emulator admin endpoint " + r.method() + " /_emulator/" + r.path());
        };
    }

    private ArmResponse audit(AdminRequest r) {
        long since = r.query().containsKey("since") ? Long.parseLong(r.query().get("since")) : 0;
        ObjectNode body = Json.object();
        body.set("value", Json.MAPPER.valueToTree(state.audit.since(since, r.query().get("type"))));
        return ArmResponse.ok(body);
    }

    private ArmResponse addFaults(String body) {
        JsonNode node = Json.parse(body);
        ArrayNode added = Json.array();
        for (JsonNode rule : node.isArray() ? node : Json.array().add(node)) {
            FaultRule f;
            try {
                f = Json.MAPPER.treeToValue(rule, FaultRule.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("fault rule: " + e.getOriginalMessage());
            }
            added.add(Json.MAPPER.valueToTree(state.faults.add(f)));
        }
        return ArmResponse.created(Json.object().set("value", added));
    }

    private ArmResponse deleteFaults(String[] p) {
        if (p.length > 1) {
            if (!state.faults.remove(p[1])) {
                throw new ArmException(404, "NotFound", "No fault rule " + p[1]);
            }
        } else {
            state.faults.clear();
        }
        return ArmResponse.status(204);
    }

    private ArmResponse putThrottling(String body) {
        JsonNode node = body == null || body.isBlank() ? Json.object() : Json.parse(body);
        if (node.isEmpty()) {
            state.throttle.configure(null);
        } else {
            try {
                state.throttle.configure(Json.MAPPER.treeToValue(node, SubscriptionThrottle.Limits.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("throttling limits: " + e.getOriginalMessage());
            }
        }
        return ArmResponse.status(204);
    }

    /** POST /_emulator/hostpools/{sub}/{rg}/{pool}/logon {"count": n}: n users log on now. */
    private ArmResponse logOn(String[] p, String body) {
        if (p.length != 5 || !p[4].equals("logon")) {
            throw new ArmException(404, "NotFound", "Use POST /_emulator/hostpools/{subscription}/{resourceGroup}/{hostPool}/logon");
        }
        int count = body == null || body.isBlank() ? 1 : Json.parse(body).path("count").asInt(1);
        int done = 0;
        synchronized (state) {
            HostPool pool = pools.require(HostPools.poolId(p[1], p[2], p[3]));
            for (int i = 0; i < count && simulation.logOnOne(pool); i++) {
                done++;
            }
        }
        return ArmResponse.ok(Json.object().put("loggedOn", done).put("requested", count));
    }

    /** POST /_emulator/vms/delete {"id": vmId}: the VM vanishes at once, behind the services' back. */
    private ArmResponse deleteVm(String[] p, String body) {
        if (p.length != 2 || !p[1].equals("delete")) {
            throw new ArmException(404, "NotFound", "Use POST /_emulator/vms/delete with {\"id\": \"<vm resource id>\"}");
        }
        String id = Json.text(Json.parse(body), "id");
        if (id == null) {
            throw new IllegalArgumentException("field 'id' (the VM resource id) is required");
        }
        synchronized (state) {
            vms.removeNow(vms.require(id), true, "admin");
        }
        return ArmResponse.status(204);
    }

    /** Every pool with its hosts: status, drain flag, sessions, VM power and image; plus available capacity. */
    public ObjectNode snapshot() {
        ObjectNode out = Json.object();
        ArrayNode value = out.putArray("value");
        for (HostPool pool : pools.all()) {
            ObjectNode pn = value.addObject();
            pn.put("id", pool.id);
            pn.put("name", pool.name);
            pn.put("maxSessionLimit", pool.maxSessionLimit());
            int available = 0;
            int acceptingSlots = 0;
            ArrayNode hosts = pn.putArray("hosts");
            for (SessionHost h : pool.hosts.values()) {
                VirtualMachine vm = h.resourceId == null ? null : vms.find(h.resourceId);
                ObjectNode hn = hosts.addObject();
                hn.put("name", h.name);
                hn.put("status", h.status);
                hn.put("allowNewSession", h.allowNewSession);
                hn.put("sessions", h.sessions.size());
                hn.put("vmId", h.resourceId);
                hn.put("vmExists", vm != null);
                hn.put("power", vm == null ? null : VirtualMachineService.label(vm.power, vm.hibernated));
                hn.put("imageId", h.imageId);
                hn.put("vmImageId", vm == null ? null : vm.imageReferenceId());
                hn.set("vmTags", vm == null ? Json.object() : vm.tags.deepCopy());
                if (h.status.equals("Available")) {
                    available++;
                    if (h.allowNewSession) {
                        acceptingSlots += Math.max(0, pool.maxSessionLimit() - h.sessions.size());
                    }
                }
            }
            pn.put("availableHosts", available);
            pn.put("sessions", pool.sessionCount());
            pn.put("freeSessionSlots", acceptingSlots);
        }
        return out;
    }
}
