package io.avdroll.service.health;

import io.avdroll.bus.EventBus;
import io.avdroll.service.observe.ObservedEventBus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** DOWN when a message consumer this service started has stopped by itself: restarting the container is the fix. */
@Liveness
@ApplicationScoped
public class ConsumersLiveness implements HealthCheck {

    private final EventBus bus;

    public ConsumersLiveness(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public HealthCheckResponse call() {
        if (!(bus instanceof ObservedEventBus observed)) {
            return HealthCheckResponse.named("message-consumers").up().withData("tracked", false).build();
        }
        return HealthCheckResponse.named("message-consumers").status(observed.consumersRunning())
                .withData("consumers", observed.consumptionCount()).build();
    }
}
