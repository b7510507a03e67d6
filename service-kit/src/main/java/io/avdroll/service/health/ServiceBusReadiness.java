package io.avdroll.service.health;

import io.avdroll.bus.DeadLetterQueues;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;

/** Service Bus answers a management request (a peek on a dead-letter queue) over the service's own credentials. */
@Readiness
@ApplicationScoped
public class ServiceBusReadiness implements HealthCheck {

    private final CachedProbe probe;

    public ServiceBusReadiness(DeadLetterQueues queues, Clock clock) {
        this.probe = new CachedProbe(() -> {
            String entity = queues.entities().get(0);
            queues.peek(entity, 0, 1);
            return new CachedProbe.Result(true, "peeked " + entity + "/$deadletterqueue");
        }, Duration.ofSeconds(10), clock);
    }

    @Override
    public HealthCheckResponse call() {
        CachedProbe.Result result = probe.get();
        return HealthCheckResponse.named("service-bus").status(result.up()).withData("detail", result.detail()).build();
    }
}
