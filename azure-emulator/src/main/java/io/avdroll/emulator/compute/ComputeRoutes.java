package io.avdroll.emulator.compute;

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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Microsoft.Compute virtual machines, extensions and disks over HTTP. */
public final class ComputeRoutes {
    private static final String RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";
    private static final String VM = RG + "/virtualMachines/{vmName}";
    private static final String ACTOR = "api";

    private final EmulatorState state;
    private final VirtualMachineService vms;
    private final LongRunningOperations lro;

    public ComputeRoutes(EmulatorState state, VirtualMachineService vms, LongRunningOperations lro) {
        this.state = state;
        this.vms = vms;
        this.lro = lro;
    }

    public void register(ArmRouter router) {
        router.add("PUT", VM, "Microsoft.Compute/virtualMachines/write", this::putVm)
                .add("PATCH", VM, "Microsoft.Compute/virtualMachines/write", this::patchVm)
                .add("GET", VM, "Microsoft.Compute/virtualMachines/read", this::getVm)
                .add("DELETE", VM, "Microsoft.Compute/virtualMachines/delete", this::deleteVm)
                .add("GET", VM + "/instanceView", "Microsoft.Compute/virtualMachines/instanceView/read",
                        c -> ArmResponse.ok(vms.require(vmId(c)).instanceView(state.now())))
                .add("GET", RG + "/virtualMachines", "Microsoft.Compute/virtualMachines/read", this::listVms)
                .add("GET", "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines", "Microsoft.Compute/virtualMachines/read", this::listVms)
                .add("POST", VM + "/start", "Microsoft.Compute/virtualMachines/start/action", c -> power(c, "start"))
                .add("POST", VM + "/deallocate", "Microsoft.Compute/virtualMachines/deallocate/action", c -> power(c, "deallocate"))
                .add("POST", VM + "/powerOff", "Microsoft.Compute/virtualMachines/powerOff/action", c -> power(c, "powerOff"))
                .add("POST", VM + "/restart", "Microsoft.Compute/virtualMachines/restart/action", c -> power(c, "restart"))
                .add("PUT", VM + "/extensions/{extensionName}", "Microsoft.Compute/virtualMachines/extensions/write", this::putExtension)
                .add("GET", VM + "/extensions/{extensionName}", "Microsoft.Compute/virtualMachines/extensions/read", this::getExtension)
                .add("DELETE", VM + "/extensions/{extensionName}", "Microsoft.Compute/virtualMachines/extensions/delete", this::deleteExtension)
                .add("GET", VM + "/extensions", "Microsoft.Compute/virtualMachines/extensions/read", this::listExtensions)
                .add("GET", RG + "/disks/{diskName}", "Microsoft.Compute/disks/read", this::getDisk)
                .add("DELETE", RG + "/disks/{diskName}", "Microsoft.Compute/disks/delete", this::deleteDisk)
                .add("GET", RG + "/disks", "Microsoft.Compute/disks/read", this::listDisks);
    }

    static String vmId(ArmCall c) {
        return ResourceIds.id(c.param("subscriptionId"), c.param("resourceGroupName"), "Microsoft.Compute/virtualMachines/" + c.param("vmName"));
    }

    private ArmResponse putVm(ArmCall c) {
        ObjectNode body = c.bodyObject();
        VirtualMachine existing = vms.find(vmId(c));
        if (existing != null && !existing.provisioningState.equals("Failed")) {
            vms.update(existing, body, false, ACTOR);
            return ArmResponse.ok(existing.render(false, state.now()));
        }
        LongRunningOperations.Operation op = vms.create(vmId(c), body, ACTOR);
        VirtualMachine vm = vms.require(vmId(c));
        return lro.withPollingHeaders(ArmResponse.created(vm.render(false, state.now())), c, op, true);
    }

    private ArmResponse patchVm(ArmCall c) {
        VirtualMachine vm = vms.require(vmId(c));
        vms.update(vm, c.bodyObject(), true, ACTOR);
        return ArmResponse.ok(vm.render(false, state.now()));
    }

    private ArmResponse getVm(ArmCall c) {
        VirtualMachine vm = vms.require(vmId(c));
        String expand = c.query("$expand");
        return ArmResponse.ok(vm.render("instanceView".equalsIgnoreCase(expand), state.now()));
    }

    /**
     * VirtualMachines_List (resource group) and VirtualMachines_ListAll (subscription). {@code $expand=instanceView}
     * (ExpandTypeForListVMs, its only value) adds each VM's instance view, on every page: the nextLink keeps it.
     * {@code $filter} only selects scale-set VMs ({@code virtualMachineScaleSet/id eq ...}), which the emulator has none of.
     */
    private ArmResponse listVms(ArmCall c) {
        String expand = c.query("$expand");
        if (expand != null && !"instanceView".equalsIgnoreCase(expand)) {
            throw ArmException.badRequest("InvalidParameter", "The value '" + expand + "' of query parameter '$expand'"
                    + " is not valid; the allowed value is 'instanceView'.");
        }
        if (c.query("$filter") != null) {
            throw ArmException.badRequest("InvalidParameter", "The query parameter '$filter' selects virtual machine"
                    + " scale set VMs ('virtualMachineScaleSet/id' eq ...); the emulator has no scale sets.");
        }
        if (expand != null && state.options.vmListExpandNeedsFilter()) {
            throw ArmException.badRequest("InvalidParameter", "The query parameter '$expand' can only be specified"
                    + " together with a valid '$filter'.");
        }
        String prefix = c.param("resourceGroupName") == null
                ? "/subscriptions/" + c.param("subscriptionId") + "/"
                : ResourceIds.resourceGroupId(c.param("subscriptionId"), c.param("resourceGroupName")) + "/";
        List<VirtualMachine> sorted = vms.list(prefix).stream()
                .sorted(Comparator.comparing(vm -> vm.id.toLowerCase())).toList();
        Instant now = state.now();
        return Paging.armPage(c, sorted, state.options.armPageSize(), vm -> vm.render(expand != null, now));
    }

    private ArmResponse deleteVm(ArmCall c) {
        VirtualMachine vm = vms.find(vmId(c));
        if (vm == null) {
            return ArmResponse.status(204);
        }
        LongRunningOperations.Operation op = vms.delete(vm, c.queryFlag("forceDeletion"), ACTOR);
        return lro.withPollingHeaders(ArmResponse.status(202), c, op, true);
    }

    private ArmResponse power(ArmCall c, String action) {
        VirtualMachine vm = vms.require(vmId(c));
        LongRunningOperations.Operation op = vms.power(vm, action, c.queryFlag("hibernate"), ACTOR);
        return lro.withPollingHeaders(ArmResponse.status(202), c, op, true);
    }

    private ArmResponse putExtension(ArmCall c) {
        VirtualMachine vm = vms.require(vmId(c));
        String name = c.param("extensionName");
        boolean existed = vm.extensions.containsKey(name.toLowerCase());
        LongRunningOperations.Operation op = vms.putExtension(vm, name, c.bodyObject(), ACTOR);
        VmExtension ext = vm.extensions.get(name.toLowerCase());
        ArmResponse response = existed ? ArmResponse.ok(ext.render()) : ArmResponse.created(ext.render());
        return lro.withPollingHeaders(response, c, op, true);
    }

    private VmExtension requireExtension(ArmCall c) {
        VirtualMachine vm = vms.require(vmId(c));
        VmExtension ext = vm.extensions.get(c.param("extensionName").toLowerCase());
        if (ext == null) {
            throw ArmException.notFound("Microsoft.Compute/virtualMachines/" + vm.name + "/extensions", vm.id + "/extensions/" + c.param("extensionName"));
        }
        return ext;
    }

    private ArmResponse getExtension(ArmCall c) {
        return ArmResponse.ok(requireExtension(c).render());
    }

    private ArmResponse listExtensions(ArmCall c) {
        ObjectNode body = Json.object();
        var value = body.putArray("value");
        vms.require(vmId(c)).extensions.values().forEach(e -> value.add(e.render()));
        return ArmResponse.ok(body);
    }

    private ArmResponse deleteExtension(ArmCall c) {
        VirtualMachine vm = vms.require(vmId(c));
        VmExtension ext = vm.extensions.remove(c.param("extensionName").toLowerCase());
        if (ext == null) {
            return ArmResponse.status(204);
        }
        state.audit("VmExtensionDeleted", ACTOR, ext.id);
        return ArmResponse.status(200);
    }

    private String diskId(ArmCall c) {
        return ResourceIds.id(c.param("subscriptionId"), c.param("resourceGroupName"), "Microsoft.Compute/disks/" + c.param("diskName"));
    }

    private ArmResponse getDisk(ArmCall c) {
        ArmResource disk = state.resource(diskId(c));
        if (disk == null) {
            throw ArmException.notFound(VirtualMachineService.DISK, diskId(c));
        }
        return ArmResponse.ok(disk.render());
    }

    private ArmResponse deleteDisk(ArmCall c) {
        ArmResource disk = state.resource(diskId(c));
        if (disk == null) {
            return ArmResponse.status(204);
        }
        String owner = disk.extra.path("managedBy").asText(null);
        if (owner != null && vms.find(owner) != null) {
            throw ArmException.conflict("OperationNotAllowed", "Disk " + disk.name + " is attached to VM " + owner + ".");
        }
        state.remove(disk.id);
        state.audit("DiskDeleted", ACTOR, disk.id);
        return ArmResponse.status(200);
    }

    private ArmResponse listDisks(ArmCall c) {
        String prefix = ResourceIds.resourceGroupId(c.param("subscriptionId"), c.param("resourceGroupName")) + "/";
        List<ObjectNode> items = state.list(prefix, VirtualMachineService.DISK).stream().map(ArmResource::render).toList();
        return Paging.armPage(c, items, state.options.armPageSize());
    }
}
