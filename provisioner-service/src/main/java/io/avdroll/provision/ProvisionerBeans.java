package io.avdroll.provision;

import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.bus.EventBus;
import io.avdroll.service.ServiceConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** provisioner-service's beans; settings are read at start so a bad {@code avdroll.provision.*} key stops the service. */
public class ProvisionerBeans {

    @Produces
    @Singleton
    @Startup
    ProvisionSettings settings(ServiceConfig config) {
        return ProvisionSettings.from(config::get);
    }

    @Produces
    @Singleton
    ProvisionHandler handler(VirtualMachines vms, SessionHosts sessionHosts, HostPools hostPools,
                             AzureConnection connection, EventBus bus, ProvisionSettings settings, Clock clock) {
        return new ProvisionHandler(vms, sessionHosts, hostPools, new NetworkInterfaceCleanup(connection), bus,
                settings, clock);
    }
}
