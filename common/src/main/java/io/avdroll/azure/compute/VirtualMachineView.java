package io.avdroll.azure.compute;

import java.util.List;
import java.util.Map;

/**
 * What the stages need to know about a session host VM.
 *
 * @param imageReferenceId gallery image version (or image) resource id the VM was built from; empty for marketplace images
 * @param ephemeralPlacement empty unless {@code osDiskKind} is EPHEMERAL
 * @param provisioningFailure why the VM's provisioning failed, as its instance view says; null unless it did
 * @param agentProvisioningState provisioning state of the AVD agent extension; null when the VM has none (or the
 *                               read did not include its extensions)
 * @param removesDiskAndNicsWithIt deleting the VM deletes its OS disk (ephemeral, or deleteOption Delete) and every
 *                                 NIC (deleteOption Delete) with it, so nothing is left to clean up afterwards
 */
public record VirtualMachineView(String id, VmRef ref, String location, String size, Map<String, String> tags,
                                 PowerState powerState, OsDiskKind osDiskKind, String ephemeralPlacement,
                                 String osDiskId, String imageReferenceId, List<String> networkInterfaceIds,
                                 boolean hibernationEnabled, String provisioningState, String computerName,
                                 ProvisioningFailure provisioningFailure, String agentProvisioningState,
                                 boolean removesDiskAndNicsWithIt) {

    /** An Azure error code and message, e.g. {@code AllocationFailed}. */
    public record ProvisioningFailure(String code, String message) {
    }

    public VirtualMachineView {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        networkInterfaceIds = networkInterfaceIds == null ? List.of() : List.copyOf(networkInterfaceIds);
    }

    public VirtualMachineView(String id, VmRef ref, String location, String size, Map<String, String> tags,
                              PowerState powerState, OsDiskKind osDiskKind, String ephemeralPlacement,
                              String osDiskId, String imageReferenceId, List<String> networkInterfaceIds,
                              boolean hibernationEnabled, String provisioningState, String computerName) {
        this(id, ref, location, size, tags, powerState, osDiskKind, ephemeralPlacement, osDiskId, imageReferenceId,
            networkInterfaceIds, hibernationEnabled, provisioningState, computerName, null, null, false);
    }

    /** This view with the tags an update left on the VM. */
    public VirtualMachineView withTags(Map<String, String> newTags) {
        return new VirtualMachineView(id, ref, location, size, newTags, powerState, osDiskKind, ephemeralPlacement,
            osDiskId, imageReferenceId, networkInterfaceIds, hibernationEnabled, provisioningState, computerName,
            provisioningFailure, agentProvisioningState, removesDiskAndNicsWithIt);
    }

    public String primaryNetworkInterfaceId() {
        return networkInterfaceIds.isEmpty() ? null : networkInterfaceIds.get(0);
    }
}
