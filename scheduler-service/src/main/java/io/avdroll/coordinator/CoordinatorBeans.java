package io.avdroll.coordinator;

import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.bus.EventBus;
import io.avdroll.service.ServiceConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the coordinator from the shared ports; settings and pool specs are read at start so a bad key stops it. */
public class CoordinatorBeans {

    @Produces
    @Singleton
    @Startup
    CoordinatorSettings settings(ServiceConfig config, AzureConnection connection) {
        return CoordinatorSettings.from(connection.config().subscriptionId(), config.withPrefix("avdroll.coordinator."));
    }

    @Produces
    @Singleton
    @Startup
    PoolSpecs poolSpecs(ServiceConfig config) {
        return PoolSpecs.from(config.withPrefix(PoolSpecs.PREFIX));
    }

    /** Also the {@link RolloutRecords} a status page or the API injects. */
    @Produces
    @Singleton
    KnownRollouts knownRollouts() {
        return new KnownRollouts();
    }

    @Produces
    @Singleton
    HandledMessages handledMessages() {
        return new HandledMessages(500);
    }

    @Produces
    @Singleton
    Coordinator coordinator(CoordinatorSettings settings, PoolSpecs specs, HostPools hostPools, SessionHosts sessionHosts,
                            VirtualMachines virtualMachines, ImageGallery gallery, EventBus bus, Clock clock,
                            KnownRollouts known, HandledMessages handled) {
        return new Coordinator(new StateCodec(), specs, new PoolObserver(hostPools, sessionHosts, virtualMachines), gallery,
                new PlanExecutor(bus, virtualMachines, sessionHosts), bus, settings, clock, known, handled);
    }
}
