package io.avdroll.azure.compute;

import java.util.Map;
import java.util.Objects;

/**
 * A session host VM to create from a gallery image version, replacing one of the same name, NIC name and subnet.
 *
 * @param ephemeralPlacement STANDARD only; null lets the adapter choose from the size's capabilities
 * @param osDiskSizeGb the image's OS disk size, used to choose the ephemeral placement
 * @param adminPassword null: the adapter generates a random one that is never stored (hosts are managed through
 *                      the domain / Entra join, not the local administrator)
 * @param securityType null for standard security, or e.g. {@code TrustedLaunch} when the image definition requires it
 * @param agent the AVD agent to install; null only to start the VM's creation, whose agent is installed later
 */
public record SessionHostVmSpec(VmRef vm, String location, String size, HostClass hostClass, String imageVersionId,
                                int osDiskSizeGb, EphemeralPlacement ephemeralPlacement, String nicName,
                                String subnetId, String computerName, String adminUsername, String adminPassword,
                                Map<String, String> tags, String licenseType, String securityType, AvdAgent agent) {

    public SessionHostVmSpec {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(hostClass, "hostClass");
        require("location", location);
        require("size", size);
        require("imageVersionId", imageVersionId);
        require("nicName", nicName);
        require("subnetId", subnetId);
        require("adminUsername", adminUsername);
        if (!imageVersionId.contains("/providers/Microsoft.Compute/galleries/")) {
            throw new IllegalArgumentException("imageVersionId: must be a gallery image version resource id, got '"
                + imageVersionId + "'");
        }
        if (!subnetId.contains("/subnets/")) {
            throw new IllegalArgumentException("subnetId: must be a subnet resource id, got '" + subnetId + "'");
        }
        if (hostClass == HostClass.DR && ephemeralPlacement != null) {
            throw new IllegalArgumentException("ephemeralPlacement: DR hosts use a managed disk (hibernation needs one)");
        }
        if (hostClass == HostClass.STANDARD && ephemeralPlacement == null && osDiskSizeGb <= 0) {
            throw new IllegalArgumentException("osDiskSizeGb: needed to choose the ephemeral placement, got " + osDiskSizeGb);
        }
        computerName = computerName == null || computerName.isBlank() ? vm.name() : computerName;
        if (computerName.length() > 15) {
            throw new IllegalArgumentException("computerName: Windows allows at most 15 characters, got '" + computerName + "'");
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        licenseType = licenseType == null || licenseType.isBlank() ? "Windows_Client" : licenseType;
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
    }

    /** Same spec with the placement decided. */
    public SessionHostVmSpec withEphemeralPlacement(EphemeralPlacement placement) {
        return new SessionHostVmSpec(vm, location, size, hostClass, imageVersionId, osDiskSizeGb, placement, nicName,
            subnetId, computerName, adminUsername, adminPassword, tags, licenseType, securityType, agent);
    }

    @Override
    public String toString() {
        return "SessionHostVmSpec[vm=" + vm + ", class=" + hostClass + ", size=" + size + ", image=" + imageVersionId
            + ", placement=" + ephemeralPlacement + ", nic=" + nicName + ", subnet=" + subnetId + ", agent=" + agent
            + ", adminPassword hidden]";
    }
}
