package io.avdroll.service.observe;

import io.avdroll.bus.Consumption;
import io.avdroll.bus.EventBus;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.servicebus.ServiceBusEventBus;
import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.avdroll.emulator.servicebus.ServiceBusEmulator;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.events.HostDrained;
import io.avdroll.events.HostRedeployed;
import io.avdroll.events.HostVerified;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four "services" in one JVM, each with its own Service Bus connection to the emulator and its own
 * {@link ObservedEventBus}, play one host's journey: coordinator admits, drain drains, provisioner redeploys,
 * verifier verifies, coordinator receives the verdict. The spans go to an in-test exporter.
 */
class HostJourneyTraceEmulatorTest {

    private static final String SUB = "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c";
    private static final String IMAGE = "/subscriptions/" + SUB
            + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/avdgallery/images/win11-avd/versions/2.0.0";

    private static ServiceBusEmulator emulator;
    private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private static SdkTracerProvider tracing;
    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static final List<EventBus> buses = new ArrayList<>();

    @BeforeAll
    static void start() {
        emulator = ServiceBusEmulator.builder().port(0).start();
        tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    }

    @AfterAll
    static void stop() {
        buses.forEach(EventBus::close);
        tracing.close();
        emulator.stop();
    }

    private static ObservedEventBus service(String name) {
        Topology topology = TopologyReader.fromClasspath();
        ServiceBusEventBus bus = new ServiceBusEventBus(ServiceBusSettings.from(Map.of(
                ServiceBusSettings.CONNECTION_STRING, emulator.connectionString(),
                ServiceBusSettings.MAX_CONCURRENT_CALLS, "1",
                ServiceBusSettings.SESSION_IDLE_TIMEOUT, "PT1S",
                ServiceBusSettings.TRY_TIMEOUT, "PT5S")), topology, new EventCodec(), Clock.systemUTC());
        Tracer tracer = tracing.get(name);
        ObservedEventBus observed = new ObservedEventBus(bus, tracer, registry, Clock.systemUTC());
        buses.add(observed);
        return observed;
    }

    @Test
    void oneHostsJourneyAcrossTheFourServicesIsOneTraceWithTheHostInEveryHandlersLogContext() throws Exception {
        Topology topology = TopologyReader.fromClasspath();
        ObservedEventBus coordinator = service("scheduler-service");
        ObservedEventBus drain = service("drain-service");
        ObservedEventBus provisioner = service("provisioner-service");
        ObservedEventBus verifier = service("verifier-service");
        List<String> hostsInMdc = new CopyOnWriteArrayList<>();
        CountDownLatch verdict = new CountDownLatch(1);
        Instant drainStarted = Instant.now().minusSeconds(5);
        List<Consumption> consumptions = List.of(
                drain.consume(topology.endpoint("drain-requested/subscriptions/drain-service"), d -> {
                    hostsInMdc.add(String.valueOf(MDC.get(ObservedEventBus.MDC_HOST)));
                    DrainRequested r = (DrainRequested) d.event();
                    drain.publish(new HostDrained(r.rolloutId(), SUB, "rg-avd", "hp-trace", r.host(), 1, IMAGE, 0,
                            Instant.now(), Instant.now()));
                    return Settlement.complete();
                }),
                provisioner.consume(topology.endpoint("host-drained/subscriptions/provisioner-service"), d -> {
                    hostsInMdc.add(String.valueOf(MDC.get(ObservedEventBus.MDC_HOST)));
                    HostDrained r = (HostDrained) d.event();
                    provisioner.publish(new HostRedeployed(r.rolloutId(), SUB, "rg-avd", "hp-trace", r.host(), 1, IMAGE, 0,
                            Instant.now(), Instant.now()));
                    return Settlement.complete();
                }),
                verifier.consume(topology.endpoint("host-redeployed/subscriptions/verifier-service"), d -> {
                    hostsInMdc.add(String.valueOf(MDC.get(ObservedEventBus.MDC_HOST)));
                    HostRedeployed r = (HostRedeployed) d.event();
                    verifier.publish(new HostVerified(r.rolloutId(), SUB, "rg-avd", "hp-trace", r.host(), 1, IMAGE, Instant.now()));
                    return Settlement.complete();
                }),
                coordinator.consumeSessions(topology.endpoint("coordinator"), (d, state) -> {
                    hostsInMdc.add(String.valueOf(MDC.get(ObservedEventBus.MDC_HOST)));
                    verdict.countDown();
                    return Settlement.complete();
                }));
        try {
            coordinator.publish(new DrainRequested("r-trace", SUB, "rg-avd", "hp-trace", "hp-trace-07", 1, IMAGE,
                    Duration.ofMinutes(30), 0, drainStarted, drainStarted));

            assertThat(verdict.await(30, TimeUnit.SECONDS)).as("host-verified reached the coordinator").isTrue();
        } finally {
            consumptions.forEach(Consumption::close);
        }

        List<SpanData> all = spans.getFinishedSpanItems();
        Map<String, SpanData> byName = all.stream().collect(Collectors.toMap(SpanData::getName, s -> s, (a, b) -> a));
        assertThat(byName).containsKeys("host journey hp-trace/hp-trace-07", "process drain-requested",
                "process host-drained", "process host-redeployed", "process host-verified");
        SpanData root = byName.get("host journey hp-trace/hp-trace-07");
        assertThat(all).as("one trace id for the whole journey").extracting(SpanData::getTraceId).containsOnly(root.getTraceId());
        assertThat(byName.get("process drain-requested").getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(byName.get("process host-drained").getParentSpanId()).isEqualTo(byName.get("process drain-requested").getSpanId());
        assertThat(byName.get("process host-redeployed").getParentSpanId()).isEqualTo(byName.get("process host-drained").getSpanId());
        assertThat(byName.get("process host-verified").getParentSpanId()).isEqualTo(byName.get("process host-redeployed").getSpanId());
        assertThat(byName.get("process host-drained").getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(byName.get("process host-redeployed").getAttributes().asMap())
                .containsEntry(stringKey("avdroll.stage"), "host-redeployed")
                .containsEntry(stringKey("avdroll.host"), "hp-trace-07");
        assertThat(byName.get("process host-redeployed").getInstrumentationScopeInfo().getName()).isEqualTo("verifier-service");
        assertThat(hostsInMdc).containsExactly("hp-trace-07", "hp-trace-07", "hp-trace-07", "hp-trace-07");

        Timer drainStage = registry.find("avdroll.stage.duration").tags("stage", "drain", "outcome", "done").timer();
        assertThat(drainStage).as("drain stage timed when host-drained was sent").isNotNull();
        assertThat(drainStage.count()).isEqualTo(1);
        assertThat(drainStage.totalTime(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(5.0);
        assertThat(registry.find("avdroll.stage.duration").tags("stage", "verify").timer().count()).isEqualTo(1);
    }
}
