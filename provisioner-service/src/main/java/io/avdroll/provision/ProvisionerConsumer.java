package io.avdroll.provision;

import io.avdroll.bus.Consumption;
import io.avdroll.bus.EventBus;
import io.avdroll.topology.ReceiveEndpoint;
import io.avdroll.topology.Topology;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** Consumes the endpoints topology.json gives this service ({@code host-drained/provisioner-service}) while it runs. */
@ApplicationScoped
public class ProvisionerConsumer {

    private static final Logger LOG = Logger.getLogger(ProvisionerConsumer.class);

    private final List<Consumption> consumptions = new ArrayList<>();

    void start(@Observes StartupEvent startup, EventBus bus, Topology topology, ProvisionHandler handler,
               @ConfigProperty(name = "quarkus.application.name") String service) {
        for (ReceiveEndpoint endpoint : topology.endpointsConsumedBy(service)) {
            consumptions.add(bus.consume(endpoint, handler));
            LOG.infof("%s consuming %s", service, endpoint.entityPath());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        consumptions.forEach(Consumption::close);
        consumptions.clear();
    }
}
