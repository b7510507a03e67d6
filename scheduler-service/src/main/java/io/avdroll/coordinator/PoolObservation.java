package io.avdroll.coordinator;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.pool.HostPoolSnapshot;
import java.util.Map;
import java.util.Optional;

/**
 * A pool as read from Azure: the planner's snapshot, plus what executing the plan needs (each host's VM).
 *
 * @param vms the VM of each session host by session host name; absent when the VM was not found
 */
public record PoolObservation(HostPoolSnapshot snapshot, Map<String, VirtualMachineView> vms) {

    public PoolObservation {
        vms = Map.copyOf(vms);
    }

    public Optional<VmRef> vmOf(String host) {
        return Optional.ofNullable(vms.get(host)).map(VirtualMachineView::ref);
    }
}
