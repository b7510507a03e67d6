package io.avdroll.service;

import io.avdroll.azure.client.AzureClientConfig;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.compute.ArmVirtualMachines;
import io.avdroll.azure.compute.ArmVmSizeCatalog;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RestHostPools;
import io.avdroll.azure.desktop.RestSessionHosts;
import io.avdroll.azure.desktop.RestUserSessions;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.desktop.UserSessions;
import io.avdroll.azure.gallery.ArmImageGallery;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.service.observe.AzureCallMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One ARM connection per service and the Azure ports built on it. The connection is made at start so a
 * bad {@code avdroll.azure.*} key stops the service at once, naming the key and the reason.
 */
public class AzureClients {

    @Produces
    @Singleton
    @Startup
    AzureConnection connection(ServiceConfig config, MeterRegistry registry) {
        return AzureConnection.open(AzureClientConfig.fromProperties(config::get), new AzureCallMetrics(registry));
    }

    /**
     * Application-scoped, so injection points get a client proxy and the adapter (with the SDK's compute and network
     * clients, hundreds of REST proxies) is built on its first call rather than during start-up.
     */
    @Produces
    @ApplicationScoped
    VirtualMachines virtualMachines(AzureConnection connection) {
        return new ArmVirtualMachines(connection, new ArmVmSizeCatalog(connection));
    }

    @Produces
    @Singleton
    HostPools hostPools(AzureConnection connection) {
        return new RestHostPools(connection);
    }

    @Produces
    @Singleton
    SessionHosts sessionHosts(AzureConnection connection) {
        return new RestSessionHosts(connection);
    }

    @Produces
    @Singleton
    UserSessions userSessions(AzureConnection connection) {
        return new RestUserSessions(connection);
    }

    @Produces
    @ApplicationScoped
    ImageGallery imageGallery(AzureConnection connection) {
        return new ArmImageGallery(connection);
    }
}
