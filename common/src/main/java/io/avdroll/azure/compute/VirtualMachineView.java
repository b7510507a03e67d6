package io.avdroll.azure.compute;

import java.util.List;
import java.util.Map;

/**
 * What the stages need to know about a session host VM.
 *
 * @param imageReferenceId gallery image version (or image) resource id the VM was built from; empty for marketplace images
 * @param ephemeralPlacement empty unless {@code osDiskKind} is EPHEMERAL
 */
public record VirtualMachineView(String id, VmRef ref, String location, String size, Map<String, String> tags,
                                 PowerState powerState, OsDiskKind osDiskKind, String ephemeralPlacement,
                                 String osDiskId, String imageReferenceId, List<String> networkInterfaceIds,
                                 boolean hibernationEnabled, String provisioningState, String computerName) {

    public VirtualMachineView {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        networkInterfaceIds = networkInterfaceIds == null ? List.of() : List.copyOf(networkInterfaceIds);
    }

    /** This view with the tags an update left on the VM. */
    public VirtualMachineView withTags(Map<String, String> newTags) {
        return new VirtualMachineView(id, ref, location, size, newTags, powerState, osDiskKind, ephemeralPlacement,
            osDiskId, imageReferenceId, networkInterfaceIds, hibernationEnabled, provisioningState, computerName);
    }

    public String primaryNetworkInterfaceId() {
        return networkInterfaceIds.isEmpty() ? null : networkInterfaceIds.get(0);
    }
}
