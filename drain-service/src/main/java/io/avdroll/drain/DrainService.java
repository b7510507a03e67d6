package io.avdroll.drain;

import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.desktop.UserSessions;
import io.avdroll.bus.Consumption;
import io.avdroll.bus.EventBus;
import io.avdroll.service.ServiceConfig;
import io.avdroll.topology.ReceiveEndpoint;
import io.avdroll.topology.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Validates {@code avdroll.drain.*} at start and consumes drain-requested on the endpoints the topology gives this service. */
@ApplicationScoped
public class DrainService {

    private static final Logger LOG = Logger.getLogger(DrainService.class);

    private final List<Consumption> consumptions = new ArrayList<>();

    @Produces
    @Singleton
    DrainSettings settings(ServiceConfig config) {
        return DrainSettings.from(config::get);
    }

    @Produces
    @Singleton
    DrainCounters counters(MeterRegistry registry) {
        return new DrainCounters(registry);
    }

    void start(@Observes StartupEvent started, @ConfigProperty(name = "quarkus.application.name") String serviceName,
               Topology topology, EventBus bus, DrainSettings settings, DrainCounters counters, SessionHosts sessionHosts,
               UserSessions userSessions, VirtualMachines virtualMachines, Clock clock) {
        DrainHandler handler = new DrainHandler(sessionHosts, userSessions, virtualMachines, bus, settings, counters, clock);
        for (ReceiveEndpoint endpoint : topology.endpointsConsumedBy(serviceName)) {
            consumptions.add(bus.consume(endpoint, handler));
            LOG.infof("consuming %s (poll every %s, scaling exclusion tag '%s')", endpoint, settings.pollInterval(),
                    settings.scalingExclusionTag());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        consumptions.forEach(Consumption::close);
        consumptions.clear();
    }
}
