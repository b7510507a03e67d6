package io.avdroll.provision;

import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.desktop.SessionHostView;

import java.util.Optional;

/**
 * What Azure shows about one host at the moment of a decision.
 *
 * @param vm          the VM of the host's name, if it exists (old or new)
 * @param nic         the VM's primary NIC; read only while the blueprint is still to be recorded
 * @param sessionHost the host's registration in the pool, if still there; not read (empty) while the VM is this
 *                    attempt's new one, whose decisions never depend on it
 */
public record ProvisionObservation(Optional<VirtualMachineView> vm, Optional<NetworkInterfaceView> nic,
                                   Optional<SessionHostView> sessionHost) {

    public ProvisionObservation {
        vm = vm == null ? Optional.empty() : vm;
        nic = nic == null ? Optional.empty() : nic;
        sessionHost = sessionHost == null ? Optional.empty() : sessionHost;
    }

    /** After removing the host's registration: the rest is as observed. */
    public ProvisionObservation withoutSessionHost() {
        return new ProvisionObservation(vm, nic, Optional.empty());
    }

    /** After changing the VM (its tags): the VM as the change left it; the rest is as observed. */
    public ProvisionObservation withVm(VirtualMachineView changed) {
        return new ProvisionObservation(Optional.of(changed), nic, sessionHost);
    }
}
