package io.avdroll.events;

import io.avdroll.pool.HostClass;

import java.util.Map;
import java.util.TreeMap;

/**
 * What provisioner-service needs to recreate a session host VM once the old one is deleted. It records this in its
 * own {@code host-drained} follow-up BEFORE deleting anything, so the old VM's properties survive the deletion in
 * the one place a crash cannot lose: the message that carries the redeploy on (a redelivery carries it again).
 *
 * @param vmResourceGroup    the VM's resource group (may differ from the host pool's)
 * @param hostClass          STANDARD (ephemeral OS disk) or DR (managed Premium SSD with hibernation)
 * @param ephemeralPlacement STANDARD only: {@code CacheDisk}, {@code ResourceDisk} or {@code NvmeDisk} as the old VM
 *                           of the same size had it; absent: chosen from the size's capabilities
 * @param subnetId           the subnet of the old VM's primary NIC, where the NIC of the same name is recreated
 * @param tags               the old VM's tags to carry over (power-before, admin-drained, scaling exclusion, the
 *                           owner's own tags); the rollout's markers are set over them on creation
 * @param failedCreates      creates of this redeploy that Azure refused so far ({@code AllocationFailed}, ...)
 * @param lastErrorCode      Azure's code of the last refused create
 * @param lastErrorMessage   Azure's message of the last refused create
 */
public record VmBlueprint(
        String vmResourceGroup,
        String vmName,
        String location,
        String size,
        HostClass hostClass,
        @OptionalField String ephemeralPlacement,
        String nicName,
        String subnetId,
        @OptionalField String computerName,
        @OptionalField Map<String, String> tags,
        int failedCreates,
        @OptionalField String lastErrorCode,
        @OptionalField String lastErrorMessage) {

    public VmBlueprint {
        Fields.resourceGroup(vmResourceGroup);
        Fields.text(vmName, "vmName");
        Fields.text(location, "location");
        Fields.text(size, "size");
        Fields.present(hostClass, "hostClass");
        Fields.optionalText(ephemeralPlacement, "ephemeralPlacement");
        if (hostClass == HostClass.DR && ephemeralPlacement != null) {
            throw new InvalidEventException("ephemeralPlacement", "must be absent for a DR host (it keeps a managed disk)");
        }
        Fields.text(nicName, "nicName");
        Fields.text(subnetId, "subnetId");
        if (!subnetId.contains("/subnets/")) {
            throw new InvalidEventException("subnetId", "must be a subnet resource id (.../virtualNetworks/../subnets/..)");
        }
        Fields.optionalText(computerName, "computerName");
        Fields.atLeast(failedCreates, 0, "failedCreates");
        Fields.optionalText(lastErrorCode, "lastErrorCode");
        Fields.optionalText(lastErrorMessage, "lastErrorMessage");
        if (tags != null) {
            tags.forEach((name, value) -> {
                if (name == null || name.isBlank() || value == null) {
                    throw new InvalidEventException("tags", "names must be non-blank and values present (tag '" + name + "')");
                }
            });
            tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        }
    }

    /** The tags to carry over, never null. */
    public Map<String, String> tagsOrEmpty() {
        return tags == null ? Map.of() : tags;
    }

    /** This blueprint after one more refused create. */
    public VmBlueprint withRefusedCreate(String errorCode, String errorMessage) {
        return new VmBlueprint(vmResourceGroup, vmName, location, size, hostClass, ephemeralPlacement, nicName, subnetId,
                computerName, tags, failedCreates + 1, blankToNull(errorCode), blankToNull(errorMessage));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
