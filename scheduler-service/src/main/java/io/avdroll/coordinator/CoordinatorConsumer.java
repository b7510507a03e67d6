package io.avdroll.coordinator;

import io.avdroll.bus.Consumption;
import io.avdroll.bus.EventBus;
import io.avdroll.topology.ReceiveEndpoint;
import io.avdroll.topology.Topology;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the coordinator on the session-enabled endpoints topology.json gives this service (the {@code coordinator}
 * queue) and stops it on shutdown; whichever instance accepts a pool's session next carries on from its state.
 */
@ApplicationScoped
public class CoordinatorConsumer {

    private static final Logger LOG = Logger.getLogger(CoordinatorConsumer.class);

    private final List<Consumption> consumptions = new ArrayList<>();

    void start(@Observes StartupEvent startup, EventBus bus, Topology topology, Coordinator coordinator,
               @ConfigProperty(name = "quarkus.application.name") String service) {
        for (ReceiveEndpoint endpoint : topology.endpointsConsumedBy(service)) {
            if (endpoint.requiresSession()) {
                consumptions.add(bus.consumeSessions(endpoint, coordinator));
                LOG.infof("coordinator consuming %s", endpoint.entityPath());
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumptions.forEach(Consumption::close);
        consumptions.clear();
    }
}
