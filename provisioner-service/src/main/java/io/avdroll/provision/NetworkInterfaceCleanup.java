package io.avdroll.provision;

import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.failure.AzureFailures;

/**
 * Deletes a NIC left without a VM: a create Azure refuses at once (not in its long-running operation) leaves the NIC
 * the adapter made first, which no VM delete removes. The shared VM port has no NIC delete, so this small adapter
 * does it over the same ARM connection.
 */
public class NetworkInterfaceCleanup {

    private final AzureConnection connection;

    public NetworkInterfaceCleanup(AzureConnection connection) {
        this.connection = connection;
    }

    public void deleteIfPresent(String resourceGroup, String nicName) {
        try {
            AzureFailures.run("delete NIC " + resourceGroup + "/" + nicName,
                    () -> connection.network().getNetworkInterfaces().delete(resourceGroup, nicName));
        } catch (AzureFailure failure) {
            if (failure.kind() != AzureFailureKind.NOT_FOUND) {
                throw failure;
            }
        }
    }
}
