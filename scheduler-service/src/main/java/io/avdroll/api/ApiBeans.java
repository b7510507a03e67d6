package io.avdroll.api;

import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.bus.EventBus;
import io.avdroll.coordinator.CoordinatorSettings;
import io.avdroll.coordinator.HandledMessages;
import io.avdroll.coordinator.PoolObserver;
import io.avdroll.coordinator.PoolSpecs;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.service.ServiceConfig;
import io.avdroll.simulation.estimate.RolloutEstimator;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Wires the on-demand API from the coordinator's beans; its settings are read at start so a bad key stops it. */
public class ApiBeans {

    private static final Logger LOG = Logger.getLogger(ApiBeans.class);

    @Produces
    @Singleton
    @Startup
    ApiSettings apiSettings(ServiceConfig config) {
        ApiSettings settings = ApiSettings.from(config.values(ApiSettings.KEYS));
        if (settings.localToken().isEmpty() && settings.entra().isEmpty()) {
            LOG.warnf("the on-demand API answers 401 to every request: neither %s nor %s is set",
                    ApiSettings.LOCAL_TOKEN, ApiSettings.ENTRA_ISSUER);
        }
        return settings;
    }

    @Produces
    @Singleton
    CoordinatorLink coordinatorLink(EventBus bus, RolloutRecords records, HandledMessages handled, Clock clock,
                                    CoordinatorSettings coordinator, ApiSettings settings) {
        return new CoordinatorLink(bus, records, handled, clock, coordinator.subscriptionId(), settings.coordinatorWait());
    }

    @Produces
    @Singleton
    Planning planning(HostPools hostPools, SessionHosts sessionHosts, VirtualMachines virtualMachines, PoolSpecs specs,
                      RolloutEstimator estimator) {
        return new Planning(new PoolObserver(hostPools, sessionHosts, virtualMachines), specs, estimator);
    }

    @Produces
    @Singleton
    @Startup
    RolloutEstimator rolloutEstimator(ServiceConfig config) {
        return EstimateSettings.from(config.values(EstimateSettings.KEYS));
    }

    /** After a restart, have the coordinator load the configured pools' state so {@code list} shows them. */
    void preload(@Observes StartupEvent startup, ApiSettings settings, CoordinatorLink link) {
        for (PoolKey pool : settings.preloadPools()) {
            link.refreshInBackground(pool, "scheduler-service started: load the pool's rollout state for the API");
        }
    }
}
