package io.avdroll.verify;

import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.bus.Consumption;
import io.avdroll.bus.EventBus;
import io.avdroll.service.ServiceConfig;
import io.avdroll.topology.ReceiveEndpoint;
import io.avdroll.topology.Topology;
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

/** Validates {@code avdroll.verify.*} at start and consumes host-redeployed on the endpoints the topology gives this service. */
@ApplicationScoped
public class VerifierService {

    private static final Logger LOG = Logger.getLogger(VerifierService.class);

    private final List<Consumption> consumptions = new ArrayList<>();

    @Produces
    @Singleton
    VerifyPolicy policy(ServiceConfig config) {
        return VerifyConfig.read(config::get);
    }

    void start(@Observes StartupEvent started, @ConfigProperty(name = "quarkus.application.name") String serviceName,
               Topology topology, EventBus bus, VerifyPolicy policy, SessionHosts sessionHosts,
               VirtualMachines virtualMachines, Clock clock) {
        List<ReceiveEndpoint> endpoints = topology.endpointsConsumedBy(serviceName);
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("quarkus.application.name: topology.json declares no endpoint consumed by '"
                    + serviceName + "'");
        }
        VerifyHandler handler = new VerifyHandler(sessionHosts, virtualMachines, bus, policy, clock);
        for (ReceiveEndpoint endpoint : endpoints) {
            consumptions.add(bus.consume(endpoint, handler));
            LOG.infof("consuming %s (registration timeout %s, bake %s, poll every %s, scaling exclusion tag '%s')", endpoint,
                    policy.registrationTimeout(), policy.defaultBakeTime(), policy.pollInterval(), policy.scalingExclusionTag());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        consumptions.forEach(Consumption::close);
        consumptions.clear();
    }
}
