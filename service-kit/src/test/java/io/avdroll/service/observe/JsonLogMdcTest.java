package io.avdroll.service.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.bus.Settlement;
import io.avdroll.bus.testing.InMemoryEventBus;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.logging.json.runtime.JsonFormatter;
import org.jboss.logging.Logger;
import org.jboss.logmanager.handlers.WriterHandler;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With JSON logs switched on ({@code quarkus.log.console.json.enabled=true}, which installs Quarkus's
 * {@link JsonFormatter} on the console), a line a handler logs carries the rollout, pool, host and stage that
 * {@link ObservedEventBus} put in the MDC, as fields a log search can filter on.
 */
class JsonLogMdcTest {

    private static final String SUB = "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c";
    private static final String IMAGE = "/subscriptions/" + SUB
            + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/avdgallery/images/win11-avd/versions/2.0.0";
    private static final String CATEGORY = "io.avdroll.test.json-log";

    @Test
    void aLineLoggedInsideAHandlerCarriesTheRolloutHostAndStageAsJsonFields() throws Exception {
        assertThat(System.getProperty("java.util.logging.manager"))
                .as("the JBoss log manager, as in a Quarkus service (surefire sets it)").isEqualTo("org.jboss.logmanager.LogManager");
        StringWriter console = new StringWriter();
        WriterHandler json = new WriterHandler();
        json.setFormatter(new JsonFormatter());
        json.setWriter(console);
        json.setAutoFlush(true);
        java.util.logging.Logger category = java.util.logging.Logger.getLogger(CATEGORY);
        category.setLevel(Level.INFO);
        category.addHandler(json);
        try {
            Topology topology = TopologyReader.fromClasspath();
            InMemoryEventBus memory = new InMemoryEventBus(topology, new EventCodec(), Clock.systemUTC());
            ObservedEventBus bus = new ObservedEventBus(memory, OpenTelemetry.noop().getTracer("test"),
                    new SimpleMeterRegistry(), Clock.systemUTC());
            bus.consume(topology.endpoint("drain-requested/subscriptions/drain-service"), d -> {
                Logger.getLogger(CATEGORY).infof("draining %s", "hp-07");
                return Settlement.complete();
            });
            bus.publish(new DrainRequested("r-42", SUB, "rg", "hp", "hp-07", 1, IMAGE, Duration.ofMinutes(30), 0,
                    Instant.now(), Instant.now()));
            memory.deliverDue();
            Logger.getLogger(CATEGORY).info("after the handler");
        } finally {
            category.removeHandler(json);
        }

        List<JsonNode> lines = console.toString().lines().map(JsonLogMdcTest::parse).toList();
        assertThat(lines).hasSize(2);
        JsonNode inHandler = lines.get(0);
        assertThat(inHandler.path("message").asText()).isEqualTo("draining hp-07");
        JsonNode mdc = inHandler.path("mdc");
        assertThat(mdc.path(ObservedEventBus.MDC_ROLLOUT).asText()).isEqualTo("r-42");
        assertThat(mdc.path(ObservedEventBus.MDC_POOL).asText()).isEqualTo("hp");
        assertThat(mdc.path(ObservedEventBus.MDC_HOST).asText()).isEqualTo("hp-07");
        assertThat(mdc.path(ObservedEventBus.MDC_STAGE).asText()).isEqualTo("drain-requested");
        assertThat(mdc.path(ObservedEventBus.MDC_MESSAGE).asText()).isNotBlank();
        assertThat(lines.get(1).path("mdc").path(ObservedEventBus.MDC_ROLLOUT).isMissingNode())
                .as("a line logged after the handler carries no rollout").isTrue();
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
