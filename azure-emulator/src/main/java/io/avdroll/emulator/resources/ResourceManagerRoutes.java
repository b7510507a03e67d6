package io.avdroll.emulator.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmCall;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.ArmResponse;
import io.avdroll.emulator.arm.ArmRouter;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.LongRunningOperations;
import io.avdroll.emulator.arm.Paging;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.state.ArmResource;
import io.avdroll.emulator.state.EmulatorState;
import java.util.List;

/** Subscriptions, resource groups and the asynchronous-operation status URLs. */
public final class ResourceManagerRoutes {
    public static final String RESOURCE_GROUP = "Microsoft.Resources/resourceGroups";

    private final EmulatorState state;
    private final LongRunningOperations lro;

    public ResourceManagerRoutes(EmulatorState state, LongRunningOperations lro) {
        this.state = state;
        this.lro = lro;
    }

    public void register(ArmRouter router) {
        String rg = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}";
        router.add("GET", "/subscriptions", "Microsoft.Resources/subscriptions/read", this::listSubscriptions)
                .add("GET", "/subscriptions/{subscriptionId}", "Microsoft.Resources/subscriptions/read",
                        c -> ArmResponse.ok(subscription(c.param("subscriptionId"))))
                .add("PUT", rg, "Microsoft.Resources/subscriptions/resourceGroups/write", this::putGroup)
                .add("GET", rg, "Microsoft.Resources/subscriptions/resourceGroups/read", this::getGroup)
                .add("HEAD", rg, "Microsoft.Resources/subscriptions/resourceGroups/read",
                        c -> ArmResponse.status(state.resource(groupId(c)) == null ? 404 : 204))
                .add("GET", "/subscriptions/{subscriptionId}/resourcegroups", "Microsoft.Resources/subscriptions/resourceGroups/read",
                        c -> Paging.armPage(c, state.list("/subscriptions/" + c.param("subscriptionId") + "/resourceGroups/", RESOURCE_GROUP)
                                .stream().map(this::renderGroup).toList(), state.options.armPageSize()))
                .add("GET", "/subscriptions/{subscriptionId}/providers/{provider}/locations/{location}/operations/{operationId}",
                        "operations/read", lro::status)
                .add("GET", "/subscriptions/{subscriptionId}/providers/{provider}/locations/{location}/operationResults/{operationId}",
                        "operationResults/read", lro::result);
    }

    private static String groupId(ArmCall c) {
        return ResourceIds.resourceGroupId(c.param("subscriptionId"), c.param("resourceGroupName"));
    }

    private ObjectNode subscription(String id) {
        ObjectNode s = Json.object();
        s.put("id", "/subscriptions/" + id);
        s.put("subscriptionId", id);
        s.put("tenantId", "00000000-0000-0000-0000-000000000000");
        s.put("displayName", "Emulated subscription " + id);
        s.put("state", "Enabled");
        s.putObject("subscriptionPolicies").put("locationPlacementId", "Public_2014-09-01").put("quotaId", "Internal_2014-09-01")
                .put("spendingLimit", "Off");
        s.put("authorizationSource", "RoleBased");
        return s;
    }

    private ArmResponse listSubscriptions(ArmCall c) {
        List<ObjectNode> items = state.subscriptions().stream().map(this::subscription).toList();
        return Paging.armPage(c, items, state.options.armPageSize());
    }

    private ArmResponse putGroup(ArmCall c) {
        ObjectNode body = c.bodyObject();
        if (Json.text(body, "location") == null) {
            throw ArmException.badRequest("LocationRequired", "The location property is required for this definition.");
        }
        boolean existed = state.resource(groupId(c)) != null;
        ObjectNode props = Json.object().put("provisioningState", "Succeeded");
        ArmResource group = new ArmResource(groupId(c), RESOURCE_GROUP, Json.text(body, "location"), Json.copyObject(body.get("tags")), props);
        state.put(group);
        return existed ? ArmResponse.ok(renderGroup(group)) : ArmResponse.created(renderGroup(group));
    }

    private ArmResponse getGroup(ArmCall c) {
        ArmResource group = state.resource(groupId(c));
        if (group == null) {
            throw new ArmException(404, "ResourceGroupNotFound", "Resource group '" + c.param("resourceGroupName") + "' could not be found.");
        }
        return ArmResponse.ok(renderGroup(group));
    }

    private ObjectNode renderGroup(ArmResource group) {
        return group.render();
    }
}
