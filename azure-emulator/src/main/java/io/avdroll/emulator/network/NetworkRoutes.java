package io.avdroll.emulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmCall;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.ArmResponse;
import io.avdroll.emulator.arm.ArmRouter;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.Paging;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.state.ArmResource;
import io.avdroll.emulator.state.EmulatorState;
import java.util.List;
import java.util.UUID;

/**
 * Microsoft.Network virtual networks, subnets and network interfaces: as much as a VM create needs.
 * Writes complete at once (answered with a final provisioningState, so clients do not poll).
 */
public final class NetworkRoutes {
    public static final String VNET = "Microsoft.Network/virtualNetworks";
    public static final String SUBNET = "Microsoft.Network/virtualNetworks/subnets";
    public static final String NIC = "Microsoft.Network/networkInterfaces";
    private static final String RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network";

    private final EmulatorState state;
    private int nextAddress = 4;

    public NetworkRoutes(EmulatorState state) {
        this.state = state;
    }

    public void register(ArmRouter router) {
        router.add("PUT", RG + "/virtualNetworks/{vnet}", "Microsoft.Network/virtualNetworks/write", this::putVnet)
                .add("GET", RG + "/virtualNetworks/{vnet}", "Microsoft.Network/virtualNetworks/read", c -> ArmResponse.ok(renderVnet(require(vnetId(c), VNET))))
                .add("DELETE", RG + "/virtualNetworks/{vnet}", "Microsoft.Network/virtualNetworks/delete", this::deleteVnet)
                .add("GET", RG + "/virtualNetworks", "Microsoft.Network/virtualNetworks/read",
                        c -> Paging.armPage(c, state.list(rgPrefix(c), VNET).stream().map(this::renderVnet).toList(), state.options.armPageSize()))
                .add("PUT", RG + "/virtualNetworks/{vnet}/subnets/{subnet}", "Microsoft.Network/virtualNetworks/subnets/write", this::putSubnet)
                .add("GET", RG + "/virtualNetworks/{vnet}/subnets/{subnet}", "Microsoft.Network/virtualNetworks/subnets/read",
                        c -> ArmResponse.ok(require(vnetId(c) + "/subnets/" + c.param("subnet"), SUBNET).render()))
                .add("GET", RG + "/virtualNetworks/{vnet}/subnets", "Microsoft.Network/virtualNetworks/subnets/read",
                        c -> Paging.armPage(c, subnets(require(vnetId(c), VNET)), state.options.armPageSize()))
                .add("PUT", RG + "/networkInterfaces/{nic}", "Microsoft.Network/networkInterfaces/write", this::putNic)
                .add("PATCH", RG + "/networkInterfaces/{nic}", "Microsoft.Network/networkInterfaces/write", this::patchNicTags)
                .add("GET", RG + "/networkInterfaces/{nic}", "Microsoft.Network/networkInterfaces/read", c -> ArmResponse.ok(require(nicId(c), NIC).render()))
                .add("DELETE", RG + "/networkInterfaces/{nic}", "Microsoft.Network/networkInterfaces/delete", this::deleteNic)
                .add("GET", RG + "/networkInterfaces", "Microsoft.Network/networkInterfaces/read",
                        c -> Paging.armPage(c, state.list(rgPrefix(c), NIC).stream().map(ArmResource::render).toList(), state.options.armPageSize()));
    }

    private static String rgPrefix(ArmCall c) {
        return ResourceIds.resourceGroupId(c.param("subscriptionId"), c.param("resourceGroupName")) + "/";
    }

    private static String vnetId(ArmCall c) {
        return ResourceIds.id(c.param("subscriptionId"), c.param("resourceGroupName"), VNET + "/" + c.param("vnet"));
    }

    private static String nicId(ArmCall c) {
        return ResourceIds.id(c.param("subscriptionId"), c.param("resourceGroupName"), NIC + "/" + c.param("nic"));
    }

    private ArmResource require(String id, String type) {
        ArmResource r = state.resource(id);
        if (r == null || !r.type.equalsIgnoreCase(type)) {
            throw ArmException.notFound(type, id);
        }
        return r;
    }

    private ArmResponse putVnet(ArmCall c) {
        ObjectNode body = c.bodyObject();
        String id = vnetId(c);
        boolean existed = state.resource(id) != null;
        ObjectNode props = Json.copyObject(body.get("properties"));
        JsonNode subnets = props.remove("subnets");
        props.put("provisioningState", "Succeeded");
        if (!props.has("resourceGuid")) {
            props.put("resourceGuid", UUID.randomUUID().toString());
        }
        ArmResource vnet = new ArmResource(id, VNET, Json.text(body, "location"), Json.copyObject(body.get("tags")), props);
        vnet.extra.put("etag", "W/\"" + UUID.randomUUID() + "\"");
        state.put(vnet);
        if (subnets != null && subnets.isArray()) {
            for (JsonNode s : subnets) {
                putSubnet(id, Json.text(s, "name"), Json.copyObject(s.get("properties")));
            }
        }
        ObjectNode rendered = renderVnet(vnet);
        return existed ? ArmResponse.ok(rendered) : ArmResponse.created(rendered);
    }

    private ArmResponse deleteVnet(ArmCall c) {
        String id = vnetId(c);
        if (state.resource(id) == null) {
            return ArmResponse.status(204);
        }
        state.list(id + "/subnets/", SUBNET).forEach(s -> state.remove(s.id));
        state.remove(id);
        return ArmResponse.status(200);
    }

    private ArmResponse putSubnet(ArmCall c) {
        require(vnetId(c), VNET);
        ObjectNode body = c.bodyOrEmpty();
        boolean existed = state.resource(vnetId(c) + "/subnets/" + c.param("subnet")) != null;
        ArmResource subnet = putSubnet(vnetId(c), c.param("subnet"), Json.copyObject(body.get("properties")));
        return existed ? ArmResponse.ok(subnet.render()) : ArmResponse.created(subnet.render());
    }

    public ArmResource putSubnet(String vnetId, String name, ObjectNode props) {
        if (name == null) {
            throw ArmException.badRequest("InvalidRequestFormat", "Subnet name is required (field 'name').");
        }
        props.put("provisioningState", "Succeeded");
        ArmResource subnet = new ArmResource(vnetId + "/subnets/" + name, SUBNET, null, Json.object(), props);
        state.put(subnet);
        return subnet;
    }

    private List<ObjectNode> subnets(ArmResource vnet) {
        return state.list(vnet.id + "/subnets/", SUBNET).stream().map(this::renderSubnet).toList();
    }

    private ObjectNode renderSubnet(ArmResource s) {
        ObjectNode out = s.render();
        out.remove("tags");
        return out;
    }

    private ObjectNode renderVnet(ArmResource vnet) {
        ObjectNode out = vnet.render();
        ArrayNode arr = ((ObjectNode) out.get("properties")).putArray("subnets");
        subnets(vnet).forEach(arr::add);
        return out;
    }

    private ArmResponse putNic(ArmCall c) {
        ObjectNode body = c.bodyObject();
        String id = nicId(c);
        ArmResource existing = state.resource(id);
        ObjectNode props = Json.copyObject(body.get("properties"));
        JsonNode configs = props.get("ipConfigurations");
        if (configs == null || !configs.isArray() || configs.isEmpty()) {
            throw ArmException.badRequest("InvalidRequestFormat", "Network interface " + id + " must have at least one IP configuration (properties.ipConfigurations).");
        }
        boolean first = true;
        for (JsonNode cfg : configs) {
            ObjectNode config = (ObjectNode) cfg;
            String cfgName = Json.text(config, "name");
            if (cfgName == null) {
                throw ArmException.badRequest("InvalidRequestFormat", "Every IP configuration needs a 'name'.");
            }
            ObjectNode cp = Json.with(config, "properties");
            String subnetId = Json.text(cp, "subnet.id");
            if (subnetId == null || state.resource(subnetId) == null) {
                throw ArmException.badRequest("InvalidResourceReference", "Resource " + subnetId + " referenced by resource " + id
                        + " was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.");
            }
            config.put("id", id + "/ipConfigurations/" + cfgName);
            config.put("type", NIC + "/ipConfigurations");
            if (!cp.has("privateIPAddress")) {
                cp.put("privateIPAddress", "10.0." + (nextAddress / 250) + "." + (nextAddress % 250 + 4));
                nextAddress++;
            }
            if (!cp.has("privateIPAllocationMethod")) {
                cp.put("privateIPAllocationMethod", "Dynamic");
            }
            if (!cp.has("primary")) {
                cp.put("primary", first);
            }
            cp.put("privateIPAddressVersion", "IPv4");
            cp.put("provisioningState", "Succeeded");
            first = false;
        }
        props.put("provisioningState", "Succeeded");
        props.put("resourceGuid", existing != null ? existing.properties.path("resourceGuid").asText() : UUID.randomUUID().toString());
        if (existing != null && existing.properties.has("virtualMachine")) {
            props.set("virtualMachine", existing.properties.get("virtualMachine"));
        }
        if (!props.has("macAddress")) {
            props.put("macAddress", String.format("00-0D-3A-%02X-%02X-%02X", state.random.nextInt(256), state.random.nextInt(256), state.random.nextInt(256)));
        }
        ArmResource nic = new ArmResource(id, NIC, Json.text(body, "location"), Json.copyObject(body.get("tags")), props);
        nic.extra.put("etag", "W/\"" + UUID.randomUUID() + "\"");
        state.put(nic);
        return existing != null ? ArmResponse.ok(nic.render()) : ArmResponse.created(nic.render());
    }

    private ArmResponse patchNicTags(ArmCall c) {
        ArmResource nic = require(nicId(c), NIC);
        if (c.bodyObject().has("tags")) {
            nic.tags = Json.copyObject(c.bodyObject().get("tags"));
        }
        return ArmResponse.ok(nic.render());
    }

    private ArmResponse deleteNic(ArmCall c) {
        ArmResource nic = state.resource(nicId(c));
        if (nic == null) {
            return ArmResponse.status(204);
        }
        String vmId = Json.text(nic.properties, "virtualMachine.id");
        if (vmId != null) {
            throw ArmException.badRequest("NicInUse", "Network Interface " + nic.id + " is used by existing resource " + vmId
                    + ". In order to delete the network interface, it must be dissociated from the resource.");
        }
        state.remove(nic.id);
        state.audit("NicDeleted", "api", nic.id);
        return ArmResponse.status(200);
    }
}
