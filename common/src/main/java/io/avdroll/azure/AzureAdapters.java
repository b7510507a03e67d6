package io.avdroll.azure;

import io.avdroll.azure.client.AzureClientConfig;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.compute.ArmVirtualMachines;
import io.avdroll.azure.compute.ArmVmSizeCatalog;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmSizeCatalog;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RestHostPools;
import io.avdroll.azure.desktop.RestSessionHosts;
import io.avdroll.azure.desktop.RestUserSessions;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.desktop.UserSessions;
import io.avdroll.azure.gallery.ArmImageGallery;
import io.avdroll.azure.gallery.ImageGallery;

/** Every Azure port, wired over one connection (one HTTP client, one credential, one pipeline). */
public final class AzureAdapters {

    private final AzureConnection connection;
    private final VmSizeCatalog vmSizes;
    private final VirtualMachines virtualMachines;
    private final ImageGallery imageGallery;
    private final HostPools hostPools;
    private final SessionHosts sessionHosts;
    private final UserSessions userSessions;

    private AzureAdapters(AzureConnection connection) {
        this.connection = connection;
        this.vmSizes = new ArmVmSizeCatalog(connection);
        this.virtualMachines = new ArmVirtualMachines(connection, vmSizes);
        this.imageGallery = new ArmImageGallery(connection);
        this.hostPools = new RestHostPools(connection);
        this.sessionHosts = new RestSessionHosts(connection);
        this.userSessions = new RestUserSessions(connection);
    }

    public static AzureAdapters open(AzureClientConfig config) {
        return new AzureAdapters(AzureConnection.open(config));
    }

    public AzureConnection connection() {
        return connection;
    }

    public VmSizeCatalog vmSizes() {
        return vmSizes;
    }

    public VirtualMachines virtualMachines() {
        return virtualMachines;
    }

    public ImageGallery imageGallery() {
        return imageGallery;
    }

    public HostPools hostPools() {
        return hostPools;
    }

    public SessionHosts sessionHosts() {
        return sessionHosts;
    }

    public UserSessions userSessions() {
        return userSessions;
    }
}
