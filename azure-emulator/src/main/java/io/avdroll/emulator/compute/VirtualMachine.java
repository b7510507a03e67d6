package io.avdroll.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.ResourceIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A simulated virtual machine: the model as PUT plus what Azure adds (vmId, provisioning and power state). */
public final class VirtualMachine {
    public final String id;
    public final String name;
    public final String vmId;
    public String location;
    public ObjectNode tags;
    /** {@code properties} as sent, normalised (no provisioningState, no instanceView). */
    public ObjectNode properties;
    /** Other top-level fields echoed back (zones, identity, plan). */
    public ObjectNode extra = Json.object();
    public String provisioningState = "Creating";
    public PowerState power = PowerState.STARTING;
    public boolean hibernated;
    /** Name of the operation in flight ({@code start}, {@code deallocate}, ...) or null. */
    public String busyWith;
    public boolean deleting;
    /** Why the create failed ({@code AllocationFailed}, ...), shown in the instance view as Azure does; or null. */
    public String failureCode;
    public String failureMessage;
    public Instant timeCreated;
    public final Map<String, VmExtension> extensions = new LinkedHashMap<>();

    public VirtualMachine(String id, String vmId) {
        this.id = id;
        this.name = ResourceIds.name(id);
        this.vmId = vmId;
    }

    public String subscription() {
        return ResourceIds.subscription(id);
    }

    public String resourceGroup() {
        return ResourceIds.resourceGroup(id);
    }

    public String computerName() {
        String cn = Json.text(properties, "osProfile.computerName");
        return cn == null ? name : cn;
    }

    public boolean ephemeralOsDisk() {
        return "Local".equalsIgnoreCase(Json.text(properties, "storageProfile.osDisk.diffDiskSettings.option"));
    }

    public boolean hibernationEnabled() {
        JsonNode n = Json.at(properties, "additionalCapabilities.hibernationEnabled");
        return n != null && n.asBoolean(false);
    }

    /** The image the VM was built from (gallery image version id, or the version-less image id), or null. */
    public String imageReferenceId() {
        return Json.text(properties, "storageProfile.imageReference.id");
    }

    public String osDiskId() {
        return Json.text(properties, "storageProfile.osDisk.managedDisk.id");
    }

    public String osDiskDeleteOption() {
        return Json.text(properties, "storageProfile.osDisk.deleteOption");
    }

    public ArrayNode networkInterfaces() {
        JsonNode n = Json.at(properties, "networkProfile.networkInterfaces");
        return n != null && n.isArray() ? (ArrayNode) n : Json.array();
    }

    public ObjectNode render(boolean withInstanceView, Instant now) {
        ObjectNode out = Json.object();
        out.put("name", name);
        out.put("id", id);
        out.put("type", "Microsoft.Compute/virtualMachines");
        out.put("location", location);
        out.set("tags", tags.deepCopy());
        out.setAll(extra.deepCopy());
        ObjectNode props = properties.deepCopy();
        props.put("vmId", vmId);
        props.put("provisioningState", provisioningState);
        if (timeCreated != null) {
            props.put("timeCreated", timeCreated.toString());
        }
        if (withInstanceView) {
            props.set("instanceView", instanceView(now));
        }
        out.set("properties", props);
        if (!extensions.isEmpty()) {
            ArrayNode resources = out.putArray("resources");
            extensions.values().forEach(e -> resources.add(e.render()));
        }
        return out;
    }

    public ObjectNode instanceView(Instant now) {
        ObjectNode view = Json.object();
        view.put("computerName", computerName());
        view.put("osName", "Windows 11 Enterprise multi-session");
        view.put("osVersion", "10.0.22631.4317");
        view.put("hyperVGeneration", "V2");
        ObjectNode agent = view.putObject("vmAgent");
        agent.put("vmAgentVersion", "2.7.41491.1102");
        agent.putArray("statuses").add(status("ProvisioningState/succeeded", "Ready", now));
        ArrayNode disks = view.putArray("disks");
        String diskName = Json.text(properties, "storageProfile.osDisk.name");
        if (diskName != null) {
            ObjectNode disk = disks.addObject();
            disk.put("name", diskName);
            disk.putArray("statuses").add(status("ProvisioningState/succeeded", "Provisioning succeeded", now));
        }
        ArrayNode extensionViews = view.putArray("extensions");
        for (VmExtension e : extensions.values()) {
            ObjectNode ev = extensionViews.addObject();
            ev.put("name", e.name);
            ev.put("type", Json.text(e.properties, "publisher") + "." + Json.text(e.properties, "type"));
            ev.put("typeHandlerVersion", Json.text(e.properties, "typeHandlerVersion"));
            ev.putArray("statuses").add(status("ProvisioningState/" + e.provisioningState.toLowerCase(), "Provisioning " + e.provisioningState.toLowerCase(), now));
        }
        ArrayNode statuses = view.putArray("statuses");
        if (provisioningState.equals("Failed") && failureCode != null) {
            ObjectNode failed = status("ProvisioningState/failed/" + failureCode, "Provisioning failed", now);
            failed.put("level", "Error");
            failed.put("message", failureMessage);
            statuses.add(failed);
        } else {
            statuses.add(status("ProvisioningState/" + provisioningState.toLowerCase(), "Provisioning " + provisioningState.toLowerCase(), now));
        }
        if (!provisioningState.equals("Creating") && !provisioningState.equals("Failed")) {
            statuses.add(status("PowerState/" + power.code, power.display, null));
        }
        if (hibernated) {
            statuses.add(status("HibernationState/Hibernated", "VM hibernated", null));
        }
        return view;
    }

    private static ObjectNode status(String code, String display, Instant time) {
        ObjectNode s = Json.object();
        s.put("code", code);
        s.put("level", "Info");
        s.put("displayStatus", display);
        if (time != null) {
            s.put("time", time.toString());
        }
        return s;
    }
}
