package io.avdroll.azure.compute;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Session host VMs in Azure. Every method fails with {@link io.avdroll.azure.failure.AzureFailure}.
 */
public interface VirtualMachines {

    /** The VM with its power state, or empty when it does not exist. */
    Optional<VirtualMachineView> find(VmRef vm);

    /** The VM with its power state; NOT_FOUND failure when it does not exist. */
    VirtualMachineView get(VmRef vm);

    NetworkInterfaceView getNetworkInterface(String networkInterfaceId);

    /**
     * Creates (or converges) the NIC, the VM from the image version and the AVD agent extension that registers
     * it to the host pool; returns the VM once its creation finished.
     */
    VirtualMachineView createSessionHost(SessionHostVmSpec spec);

    /** Deletes the VM, then its OS disk and NICs. Nothing to delete is not an error. */
    void delete(VmRef vm);

    /** Deallocates with {@code hibernate=true} (the VM must have hibernation enabled). */
    void hibernate(VmRef vm);

    void deallocate(VmRef vm);

    void start(VmRef vm);

    /** Sets the given tags and removes the named ones, keeping all others; returns the resulting tags. */
    Map<String, String> updateTags(VmRef vm, Map<String, String> put, Set<String> remove);
}
