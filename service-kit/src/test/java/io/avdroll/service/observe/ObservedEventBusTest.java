package io.avdroll.service.observe;

import io.avdroll.bus.Delivery;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.TraceContext;
import io.avdroll.bus.testing.InMemoryEventBus;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.events.HostDrained;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decorator with tracing export switched off (no-op tracer), over the in-memory bus. */
class ObservedEventBusTest {

    private static final String SUB = "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c";
    private static final String IMAGE = "/subscriptions/" + SUB
            + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/avdgallery/images/win11-avd/versions/2.0.0";
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void withoutAnSdkTheIncomingTraceparentIsPassedOnAndTheLogContextIsClearedAfterTheHandler() {
        Topology topology = TopologyReader.fromClasspath();
        InMemoryEventBus memory = new InMemoryEventBus(topology, new EventCodec(), Clock.systemUTC());
        ObservedEventBus bus = new ObservedEventBus(memory, OpenTelemetry.noop().getTracer("test"), new SimpleMeterRegistry(),
                Clock.systemUTC());
        List<Delivery> drained = new ArrayList<>();
        List<String> rolloutInMdc = new ArrayList<>();
        bus.consume(topology.endpoint("drain-requested/subscriptions/drain-service"), d -> {
            rolloutInMdc.add(String.valueOf(MDC.get(ObservedEventBus.MDC_ROLLOUT)));
            bus.publish(new HostDrained("r-1", SUB, "rg", "hp", "hp-01", 1, IMAGE, 0, Instant.now(), Instant.now()));
            return Settlement.complete();
        });
        bus.consume(topology.endpoint("host-drained/subscriptions/provisioner-service"), d -> {
            drained.add(d);
            return Settlement.complete();
        });

        bus.publish(new DrainRequested("r-1", SUB, "rg", "hp", "hp-01", 1, IMAGE, Duration.ofMinutes(30), 0, Instant.now(),
                Instant.now()), TraceContext.of(TRACEPARENT));
        memory.deliverDue();

        assertThat(rolloutInMdc).containsExactly("r-1");
        assertThat(drained).singleElement().satisfies(d ->
                assertThat(d.trace()).map(TraceContext::traceparent).contains(TRACEPARENT));
        assertThat(MDC.get(ObservedEventBus.MDC_ROLLOUT)).isNull();
        assertThat(bus.consumersRunning()).isTrue();
        assertThat(bus.consumptionCount()).isEqualTo(2);
    }
}
