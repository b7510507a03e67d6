package io.avdroll.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.LongRunningOperations;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.gallery.GalleryCatalog;
import io.avdroll.emulator.state.ArmResource;
import io.avdroll.emulator.state.EmulatorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Virtual machine lifecycle as Azure runs it: create (with OS disk and NIC attachment), update, delete
 * (honouring deleteOption), and the power operations, each as a long-running operation. Callers hold the state lock.
 */
public final class VirtualMachineService {
    public static final String DISK = "Microsoft.Compute/disks";
    public static final String NIC = "Microsoft.Network/networkInterfaces";
    private static final String PROVIDER = "Microsoft.Compute";

    private final EmulatorState state;
    private final LongRunningOperations lro;
    private final Map<String, VirtualMachine> vms = new LinkedHashMap<>();
    private VmLifecycleListener listener = new VmLifecycleListener() { };

    public VirtualMachineService(EmulatorState state, LongRunningOperations lro) {
        this.state = state;
        this.lro = lro;
    }

    public void listener(VmLifecycleListener listener) {
        this.listener = listener;
    }

    public VirtualMachine find(String id) {
        return vms.get(ResourceIds.key(id));
    }

    public VirtualMachine require(String id) {
        VirtualMachine vm = find(id);
        if (vm == null) {
            throw ArmException.notFound("Microsoft.Compute/virtualMachines", id);
        }
        return vm;
    }

    public List<VirtualMachine> list(String prefix) {
        String p = ResourceIds.key(prefix);
        return vms.values().stream().filter(vm -> ResourceIds.key(vm.id).startsWith(p)).toList();
    }

    /** PUT of a new VM (or of one whose create failed): validates, stores it Creating, runs the create operation. */
    public LongRunningOperations.Operation create(String id, ObjectNode body, String actor) {
        String location = Json.text(body, "location");
        if (location == null || location.isBlank()) {
            throw ArmException.badRequest("LocationRequired", "The location property is required for this definition.");
        }
        ObjectNode props = Json.copyObject(body.get("properties"));
        String vmSize = Json.text(props, "hardwareProfile.vmSize");
        if (vmSize == null) {
            throw ArmException.badRequest("InvalidParameter", "Required parameter 'hardwareProfile.vmSize' is missing (null).");
        }
        List<ArmResource> nics = requireNics(id, props);
        String imageVersionId = resolveImage(props);
        normaliseOsProfile(props);
        normaliseOsDisk(id, props);

        VirtualMachine vm = new VirtualMachine(id, UUID.randomUUID().toString());
        vm.location = location;
        vm.tags = Json.copyObject(body.get("tags"));
        vm.properties = props;
        copyTopLevel(body, vm);
        vm.timeCreated = state.now();
        vms.put(ResourceIds.key(id), vm);
        for (ArmResource nic : nics) {
            Json.with(nic.properties, "virtualMachine").put("id", id);
        }
        state.audit("VmCreateStarted", actor, id, "vmSize", vmSize, "image", imageVersionId == null ? "" : imageVersionId,
                "ephemeralOsDisk", vm.ephemeralOsDisk(), "hibernationEnabled", vm.hibernationEnabled());
        return lro.start(vm.subscription(), PROVIDER, location, "Microsoft.Compute/virtualMachines/write", state.options.timings().vmCreate,
                () -> finishCreate(vm, vmSize, imageVersionId, actor),
                error -> failCreate(vm, error));
    }

    private Optional<ArmException> finishCreate(VirtualMachine vm, String vmSize, String imageVersionId, String actor) {
        if (find(vm.id) != vm) {
            return Optional.of(new ArmException(409, "OperationPreempted", "The VM was deleted while it was being created."));
        }
        Optional<ArmException> fault = state.faults.vmCreateFailure(vm.name, vmSize);
        if (fault.isPresent()) {
            failCreate(vm, fault.get());
            return fault;
        }
        vm.provisioningState = "Succeeded";
        vm.power = PowerState.RUNNING;
        if (!vm.ephemeralOsDisk()) {
            createOsDisk(vm, imageVersionId);
        }
        state.audit("VmCreated", actor, vm.id, "image", imageVersionId == null ? "" : imageVersionId,
                "ephemeralOsDisk", vm.ephemeralOsDisk(), "hibernationEnabled", vm.hibernationEnabled());
        listener.powerChanged(vm, actor);
        return Optional.empty();
    }

    private void failCreate(VirtualMachine vm, ArmException error) {
        vm.provisioningState = "Failed";
        vm.failureCode = error.code();
        vm.failureMessage = error.getMessage();
        vm.power = PowerState.STOPPED;
        state.counters.event("vmCreateFailed:" + error.code());
        state.audit("VmCreateFailed", "fault", vm.id, "code", error.code());
    }

    /** PUT or PATCH on an existing VM: tags and mutable properties; storage and identity stay as created. */
    public VirtualMachine update(VirtualMachine vm, ObjectNode body, boolean patch, String actor) {
        if (vm.deleting) {
            throw ArmException.conflict("OperationNotAllowed", "Operation 'Update' is not allowed on VM '" + vm.name
                    + "' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).");
        }
        ObjectNode oldTags = vm.tags.deepCopy();
        if (body.has("tags")) {
            vm.tags = Json.copyObject(body.get("tags"));
        }
        ObjectNode props = Json.copyObject(body.get("properties"));
        props.remove("storageProfile");
        props.remove("osProfile");
        props.remove("provisioningState");
        props.remove("instanceView");
        props.remove("vmId");
        if (patch) {
            Json.merge(vm.properties, props);
        } else {
            props.fieldNames().forEachRemaining(f -> vm.properties.set(f, props.get(f)));
        }
        if (!oldTags.equals(vm.tags)) {
            state.audit("TagsChanged", actor, vm.id, "tags", Json.MAPPER.convertValue(vm.tags, Map.class));
        }
        return vm;
    }

    public LongRunningOperations.Operation delete(VirtualMachine vm, boolean force, String actor) {
        String provisioningBefore = vm.provisioningState;
        vm.deleting = true;
        vm.provisioningState = "Deleting";
        return lro.start(vm.subscription(), PROVIDER, vm.location, "Microsoft.Compute/virtualMachines/delete", state.options.timings().vmDelete,
                () -> {
                    removeNow(vm, force, actor);
                    return Optional.empty();
                },
                error -> {
                    vm.deleting = false;
                    vm.provisioningState = provisioningBefore;
                });
    }

    /** Removes the VM at once, with its OS disk and NICs where deleteOption says Delete. */
    public void removeNow(VirtualMachine vm, boolean force, String actor) {
        if (vms.remove(ResourceIds.key(vm.id)) == null) {
            return;
        }
        List<String> deleted = new ArrayList<>();
        String diskId = vm.osDiskId();
        if (diskId != null && state.resource(diskId) != null) {
            if ("Delete".equalsIgnoreCase(vm.osDiskDeleteOption())) {
                state.remove(diskId);
                deleted.add(diskId);
            } else {
                ArmResource disk = state.resource(diskId);
                disk.extra.remove("managedBy");
                disk.properties.put("diskState", "Unattached");
            }
        }
        for (JsonNode ref : vm.networkInterfaces()) {
            String nicId = Json.text(ref, "id");
            ArmResource nic = nicId == null ? null : state.resource(nicId);
            if (nic == null) {
                continue;
            }
            if ("Delete".equalsIgnoreCase(Json.text(ref, "properties.deleteOption"))) {
                state.remove(nicId);
                deleted.add(nicId);
            } else {
                nic.properties.remove("virtualMachine");
            }
        }
        state.audit("VmDeleted", actor, vm.id, "forceDeletion", force, "alsoDeleted", deleted);
        listener.vmDeleted(vm, actor);
    }

    /** start, deallocate (optionally hibernate), powerOff, restart. */
    public LongRunningOperations.Operation power(VirtualMachine vm, String action, boolean hibernate, String actor) {
        if (vm.deleting) {
            throw ArmException.conflict("OperationNotAllowed", "Operation '" + action + "' is not allowed on VM '" + vm.name
                    + "' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).");
        }
        if (!vm.provisioningState.equals("Succeeded")) {
            throw ArmException.conflict("OperationNotAllowed", "Operation '" + action + "' is not allowed on VM '" + vm.name
                    + "' since the VM is in provisioning state '" + vm.provisioningState + "'.");
        }
        if (vm.busyWith != null) {
            throw ArmException.conflict("RetryableErrorDueToAnotherOperation", "Operation '" + action + "' is not allowed on VM '" + vm.name
                    + "' since the VM is running operation '" + vm.busyWith + "'. Please retry later.");
        }
        if (action.equals("deallocate") && vm.ephemeralOsDisk()) {
            throw ArmException.conflict("OperationNotAllowed", "Operation 'deallocate' is not supported for VMs with ephemeral OS disks. VM: '" + vm.name + "'.");
        }
        if (hibernate && !vm.hibernationEnabled()) {
            throw ArmException.conflict("OperationNotAllowed", "Hibernation is not enabled on VM '" + vm.name
                    + "'. Enable it with additionalCapabilities.hibernationEnabled before hibernating.");
        }
        PowerState before = vm.power;
        boolean hibernatedBefore = vm.hibernated;
        PowerState transitional;
        PowerState target;
        Duration duration;
        var t = state.options.timings();
        switch (action) {
            case "start" -> {
                transitional = PowerState.STARTING;
                target = PowerState.RUNNING;
                duration = t.vmStart;
            }
            case "deallocate" -> {
                transitional = PowerState.DEALLOCATING;
                target = PowerState.DEALLOCATED;
                duration = hibernate ? t.vmHibernate : t.vmDeallocate;
            }
            case "powerOff" -> {
                transitional = PowerState.STOPPING;
                target = PowerState.STOPPED;
                duration = t.vmPowerOff;
            }
            case "restart" -> {
                transitional = PowerState.STARTING;
                target = PowerState.RUNNING;
                duration = t.vmStart;
            }
            default -> throw new IllegalArgumentException("unknown power action " + action);
        }
        boolean noChange = before == target && hibernatedBefore == (hibernate && target == PowerState.DEALLOCATED) && !action.equals("restart");
        if (!noChange) {
            vm.busyWith = action;
            vm.power = transitional;
            if (target != PowerState.RUNNING || action.equals("restart")) {
                listener.powerChanged(vm, actor);
            }
        }
        return lro.start(vm.subscription(), PROVIDER, vm.location, "Microsoft.Compute/virtualMachines/" + action + "/action",
                noChange ? Duration.ZERO : duration,
                () -> {
                    if (noChange || find(vm.id) != vm) {
                        return Optional.empty();
                    }
                    vm.busyWith = null;
                    vm.power = target;
                    vm.hibernated = hibernate && target == PowerState.DEALLOCATED;
                    ArmResource disk = vm.osDiskId() == null ? null : state.resource(vm.osDiskId());
                    if (disk != null) {
                        disk.properties.put("diskState", target == PowerState.DEALLOCATED ? "Reserved" : "Attached");
                    }
                    state.audit("VmPowerChanged", actor, vm.id, "action", action, "from", label(before, hibernatedBefore),
                            "to", label(vm.power, vm.hibernated));
                    listener.powerChanged(vm, actor);
                    return Optional.empty();
                },
                error -> {
                    vm.busyWith = null;
                    vm.power = before;
                    vm.hibernated = hibernatedBefore;
                    listener.powerChanged(vm, actor);
                });
    }

    public static String label(PowerState power, boolean hibernated) {
        return hibernated ? "hibernated" : power.code;
    }

    public LongRunningOperations.Operation putExtension(VirtualMachine vm, String name, ObjectNode body, String actor) {
        if (vm.deleting || !vm.provisioningState.equals("Succeeded")) {
            throw ArmException.conflict("OperationNotAllowed", "Operation 'PutExtension' is not allowed on VM '" + vm.name
                    + "' in provisioning state '" + vm.provisioningState + "'" + (vm.deleting ? " while it is being deleted." : "."));
        }
        ObjectNode props = Json.copyObject(body.get("properties"));
        if (Json.text(props, "publisher") == null || Json.text(props, "type") == null) {
            throw ArmException.badRequest("InvalidParameter", "Extension '" + name + "': properties 'publisher' and 'type' are required.");
        }
        VmExtension ext = new VmExtension(vm.id + "/extensions/" + name, name);
        ext.location = Json.text(body, "location") != null ? Json.text(body, "location") : vm.location;
        ext.tags = Json.copyObject(body.get("tags"));
        JsonNode secret = props.remove("protectedSettings");
        ext.protectedSettings = secret != null && secret.isObject() ? (ObjectNode) secret : Json.object();
        props.remove("provisioningState");
        ext.properties = props;
        vm.extensions.put(name.toLowerCase(), ext);
        state.audit("VmExtensionPut", actor, ext.id, "publisher", Json.text(props, "publisher"), "type", Json.text(props, "type"));
        return lro.start(vm.subscription(), PROVIDER, vm.location, "Microsoft.Compute/virtualMachines/extensions/write", state.options.timings().extension,
                () -> {
                    if (find(vm.id) != vm) {
                        return Optional.of(new ArmException(409, "OperationPreempted", "The VM was deleted while the extension was provisioning."));
                    }
                    Optional<ArmException> error = listener.extensionProvisioned(vm, ext);
                    ext.provisioningState = error.isPresent() ? "Failed" : "Succeeded";
                    return error;
                },
                error -> ext.provisioningState = "Failed");
    }

    private List<ArmResource> requireNics(String vmId, ObjectNode props) {
        JsonNode refs = Json.at(props, "networkProfile.networkInterfaces");
        if (refs == null || !refs.isArray() || refs.isEmpty()) {
            throw ArmException.badRequest("InvalidParameter", "Required parameter 'networkProfile.networkInterfaces' is missing or empty.");
        }
        List<ArmResource> out = new ArrayList<>();
        for (JsonNode ref : refs) {
            String nicId = Json.text(ref, "id");
            ArmResource nic = nicId == null ? null : state.resource(nicId);
            if (nic == null || !nic.type.equalsIgnoreCase(NIC)) {
                throw ArmException.badRequest("InvalidResourceReference", "Resource " + nicId + " referenced by resource " + vmId
                        + " was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.");
            }
            String owner = Json.text(nic.properties, "virtualMachine.id");
            if (owner != null && !owner.equalsIgnoreCase(vmId) && find(owner) != null) {
                throw ArmException.badRequest("NicInUse", "Network Interface " + nicId + " is used by existing resource " + owner
                        + ". In order to use it, it must first be dissociated from that resource.");
            }
            out.add(nic);
        }
        return out;
    }

    /** Checks a gallery image reference and records the exact version; returns the version id or null. */
    private String resolveImage(ObjectNode props) {
        String imageId = Json.text(props, "storageProfile.imageReference.id");
        if (imageId == null || !GalleryCatalog.isGalleryImageId(imageId)) {
            return imageId;
        }
        ArmResource version = GalleryCatalog.resolve(state, imageId).orElseThrow(() -> new ArmException(404, "GalleryImageNotFound",
                "The gallery image " + imageId + " is not available or has no version that can be used. Verify the image reference."));
        Json.with(props, "storageProfile.imageReference").put("exactVersion", version.name);
        return version.id;
    }

    private static void normaliseOsProfile(ObjectNode props) {
        JsonNode os = props.get("osProfile");
        if (os instanceof ObjectNode osProfile) {
            osProfile.remove("adminPassword");
            osProfile.remove("customData");
            if (!osProfile.has("secrets")) {
                osProfile.putArray("secrets");
            }
        }
    }

    private void normaliseOsDisk(String vmId, ObjectNode props) {
        ObjectNode osDisk = Json.with(props, "storageProfile.osDisk");
        if (!osDisk.has("name")) {
            osDisk.put("name", ResourceIds.name(vmId) + "_OsDisk_1_" + UUID.randomUUID().toString().replace("-", ""));
        }
        if (!osDisk.has("osType")) {
            osDisk.put("osType", "Windows");
        }
        if (!osDisk.has("createOption")) {
            osDisk.put("createOption", "FromImage");
        }
        if (!osDisk.has("diskSizeGB")) {
            osDisk.put("diskSizeGB", 127);
        }
        ObjectNode diff = osDisk.get("diffDiskSettings") instanceof ObjectNode d ? d : null;
        if (diff != null && "Local".equalsIgnoreCase(Json.text(diff, "option"))) {
            if (!diff.has("placement")) {
                diff.put("placement", "CacheDisk");
            }
            if (!osDisk.has("deleteOption")) {
                osDisk.put("deleteOption", "Delete");
            }
            JsonNode hib = Json.at(props, "additionalCapabilities.hibernationEnabled");
            if (hib != null && hib.asBoolean(false)) {
                throw ArmException.badRequest("InvalidParameter",
                        "Hibernation is not supported for VMs with ephemeral OS disks (additionalCapabilities.hibernationEnabled).");
            }
        } else {
            if (!osDisk.has("deleteOption")) {
                osDisk.put("deleteOption", "Detach");
            }
            String diskId = ResourceIds.id(ResourceIds.subscription(vmId), ResourceIds.resourceGroup(vmId),
                    "Microsoft.Compute/disks/" + Json.text(osDisk, "name"));
            Json.with(osDisk, "managedDisk").put("id", diskId);
            if (!Json.with(osDisk, "managedDisk").has("storageAccountType")) {
                Json.with(osDisk, "managedDisk").put("storageAccountType", "Premium_LRS");
            }
        }
        if (!props.has("storageProfile") || !props.get("storageProfile").has("dataDisks")) {
            Json.with(props, "storageProfile").putArray("dataDisks");
        }
    }

    private void createOsDisk(VirtualMachine vm, String imageVersionId) {
        ObjectNode osDisk = Json.with(vm.properties, "storageProfile.osDisk");
        ObjectNode props = Json.object();
        props.put("osType", Json.text(osDisk, "osType"));
        props.put("hyperVGeneration", "V2");
        props.put("diskSizeGB", osDisk.path("diskSizeGB").asInt(127));
        props.put("diskState", "Attached");
        props.put("provisioningState", "Succeeded");
        props.put("timeCreated", state.now().toString());
        props.put("supportsHibernation", vm.hibernationEnabled());
        ObjectNode creation = props.putObject("creationData");
        creation.put("createOption", "FromImage");
        if (imageVersionId != null) {
            creation.putObject("galleryImageReference").put("id", imageVersionId);
        }
        ArmResource disk = new ArmResource(vm.osDiskId(), DISK, vm.location, Json.object(), props);
        disk.extra.put("managedBy", vm.id);
        disk.extra.putObject("sku").put("name", Json.text(osDisk, "managedDisk.storageAccountType"));
        state.put(disk);
    }

    private static void copyTopLevel(ObjectNode body, VirtualMachine vm) {
        for (String field : new String[] {"zones", "identity", "plan"}) {
            if (body.has(field)) {
                vm.extra.set(field, body.get(field).deepCopy());
            }
        }
    }

    /** Adds a VM straight into a state (seeding), already provisioned. */
    public VirtualMachine seed(String id, ObjectNode body, PowerState power, boolean hibernated) {
        ObjectNode props = Json.copyObject(body.get("properties"));
        List<ArmResource> nics = requireNics(id, props);
        String imageVersionId = resolveImage(props);
        normaliseOsProfile(props);
        normaliseOsDisk(id, props);
        VirtualMachine vm = new VirtualMachine(id, UUID.randomUUID().toString());
        vm.location = Json.text(body, "location");
        vm.tags = Json.copyObject(body.get("tags"));
        vm.properties = props;
        vm.provisioningState = "Succeeded";
        vm.power = power;
        vm.hibernated = hibernated;
        vm.timeCreated = state.now();
        vms.put(ResourceIds.key(id), vm);
        nics.forEach(nic -> Json.with(nic.properties, "virtualMachine").put("id", id));
        if (!vm.ephemeralOsDisk()) {
            createOsDisk(vm, imageVersionId);
            if (power == PowerState.DEALLOCATED) {
                state.resource(vm.osDiskId()).properties.put("diskState", "Reserved");
            }
        }
        state.audit("VmSeeded", "admin", id, "power", label(power, hibernated), "image", imageVersionId == null ? "" : imageVersionId);
        return vm;
    }
}
