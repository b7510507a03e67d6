package io.avdroll.azure.compute;

import java.util.List;
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

    /**
     * Every VM of a resource group with its power state, read in one paged list call where the service expands the
     * instance view on lists; otherwise the VMs the list left without an instance view are read one by one.
     */
    List<VirtualMachineView> listWithPowerState(String resourceGroup);

    NetworkInterfaceView getNetworkInterface(String networkInterfaceId);

    /**
     * Creates (or converges) the NIC, the VM from the image version and the AVD agent extension that registers
     * it to the host pool; returns the VM once its creation finished.
     */
    VirtualMachineView createSessionHost(SessionHostVmSpec spec);

    /**
     * Creates (or converges) the NIC and starts the VM's creation from the image version without waiting for it:
     * the VM exists, {@code Creating}, when this returns; its provisioning state tells the rest.
     */
    void beginCreateVm(SessionHostVmSpec spec);

    /**
     * Starts installing (or converging) the AVD agent extension that registers the VM to the host pool, without
     * waiting: the VM's {@link VirtualMachineView#agentProvisioningState()} tells when it is done.
     */
    void beginAgentInstall(SessionHostVmSpec spec);

    /**
     * Starts deleting a VM whose OS disk and NICs go with it ({@link VirtualMachineView#removesDiskAndNicsWithIt()});
     * returns once Azure accepted. A VM that would leave something behind is refused: {@link #delete(VirtualMachineView)}.
     */
    void beginDelete(VirtualMachineView vm);

    /** Deletes the VM, then its OS disk and NICs. Nothing to delete is not an error. */
    void delete(VmRef vm);

    /**
     * As {@link #delete(VmRef)} for a VM the caller has just read in the same handling: its OS disk and NICs are
     * taken from that view, so the VM is not read again. A VM already gone is not an error.
     */
    void delete(VirtualMachineView vm);

    /** Deallocates with {@code hibernate=true} (the VM must have hibernation enabled). */
    void hibernate(VmRef vm);

    void deallocate(VmRef vm);

    void start(VmRef vm);

    /** Sets the given tags and removes the named ones, keeping all others; returns the resulting tags. */
    Map<String, String> updateTags(VmRef vm, Map<String, String> put, Set<String> remove);

    /**
     * As {@link #updateTags(VmRef, Map, Set)} on a VM the caller has just read in the same handling: its tags are
     * the ones kept, so the VM is not read again (a VM PATCH replaces all tags; pass the tags an earlier update
     * returned when updating twice).
     */
    Map<String, String> updateTags(VmRef vm, Map<String, String> current, Map<String, String> put, Set<String> remove);
}
