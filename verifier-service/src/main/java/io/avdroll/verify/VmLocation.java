package io.avdroll.verify;

import io.avdroll.azure.compute.VmRef;

/**
 * Where the verifier looks for the host's VM and how sure it is that the VM must be there.
 *
 * @param certain true when the VM id came from the event or from the registered session host, so a missing VM
 *                means it is gone; false when it is only the host's name guessed in the pool's resource group
 */
public record VmLocation(VmRef ref, boolean certain) {
}
