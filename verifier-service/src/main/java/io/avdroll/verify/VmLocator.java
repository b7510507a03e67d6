package io.avdroll.verify;

import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.ResourceNames;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.events.HostRedeployed;

import java.util.Optional;

/**
 * Finds the VM behind a redeployed host: the id the provisioner sent, else the registered session host's
 * {@code resourceId}, else (not registered yet) the host's first DNS label as VM name in the pool's resource group.
 */
final class VmLocator {

    private VmLocator() {
    }

    static VmLocation locate(HostRedeployed event, Optional<SessionHostView> sessionHost) {
        if (event.vmResourceId() != null) {
            return new VmLocation(fromResourceId(event.vmResourceId()), true);
        }
        Optional<String> registered = sessionHost.map(SessionHostView::resourceId).filter(id -> id != null && !id.isBlank());
        if (registered.isPresent()) {
            return new VmLocation(fromResourceId(registered.get()), true);
        }
        return new VmLocation(new VmRef(event.resourceGroup(), ResourceNames.vmName(event.host(), null)), false);
    }

    /** {@code /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/name}. */
    static VmRef fromResourceId(String id) {
        String[] parts = id.split("/");
        if (parts.length != 9 || !parts[1].equalsIgnoreCase("subscriptions") || !parts[3].equalsIgnoreCase("resourceGroups")
                || !parts[7].equalsIgnoreCase("virtualMachines")) {
            throw new IllegalArgumentException("resourceId: not a virtual machine resource id: '" + id + "'");
        }
        return new VmRef(parts[4], parts[8]);
    }
}
