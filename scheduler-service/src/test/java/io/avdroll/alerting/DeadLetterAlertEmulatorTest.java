package io.avdroll.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.bus.DeadLetteredMessage;
import io.avdroll.bus.EventBus;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.UpdateRequested;
import io.avdroll.rollout.RolloutState;
import io.avdroll.service.testing.AzureEmulatorResource;
import io.avdroll.service.testing.EmulatorProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The real scheduler-service on the emulator: an update request for a pool Azure does not have is dead-lettered by
 * the coordinator, the dead-letter watcher sends the alert with its reason to a webhook (a local HTTP receiver),
 * the pool is created (the fix) and the message re-submitted over the API, after which the rollout runs. The metrics that
 * journey leaves are then scraped from /q/metrics, and health from /q/health.
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = WebhookReceiver.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterAlertEmulatorTest {

    private static final String SUB = AzureEmulatorResource.SUBSCRIPTION;
    private static final String V2 = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal_avd/images/win11/versions/2.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The test profile's local API token (application.properties). */
    private static final String API_TOKEN = "test-api-token-0123456789";

    @Inject
    EventBus bus;
    @Inject
    DeadLetterResubmitter resubmitter;
    @Inject
    RolloutRecords records;
    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    @Test
    @Order(1)
    void aPoisonedRequestRaisesAWebhookAlertWithItsReasonAndAfterTheFixItsResubmissionStartsTheRollout() throws Exception {
        AzureEmulatorResource.emulator().seed(Seed.parse("""
                {"subscriptions": ["%s"],
                 "galleries": [{"subscription": "%s", "resourceGroup": "rg-images", "name": "gal_avd", "location": "westeurope",
                   "images": [{"name": "win11", "versions": [{"name": "1.0.0"}, {"name": "2.0.0"}]}]}]}""".formatted(SUB, SUB)));
        bus.publish(new UpdateRequested("r-late", SUB, "rg-avd", "hp-late", V2, null, "test", Instant.now()));

        JsonNode alert = awaitAlert("DEAD_LETTERED");
        assertThat(alert.get("text").asText()).contains("UnknownHostPool").contains("hp-late");
        JsonNode fields = alert.get("alert");
        assertThat(fields.get("rolloutId").asText()).isEqualTo("r-late");
        assertThat(fields.get("hostPool").asText()).isEqualTo("hp-late");
        assertThat(fields.get("stage").asText()).isEqualTo("update-requested");
        assertThat(fields.get("reason").asText()).startsWith("UnknownHostPool: hostPool: no host pool 'hp-late'");

        List<DeadLetteredMessage> dead = resubmitter.list(10).stream()
                .filter(m -> m.bodyText().contains("\"r-late\"")).toList();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.entityPath()).isEqualTo("coordinator"));
        AzureEmulatorResource.emulator().seed(Seed.parse("""
                {"hostPools": [{"subscription": "%s", "resourceGroup": "rg-avd", "name": "hp-late", "location": "westeurope",
                  "maxSessionLimit": 8, "image": "gal_avd/win11/1.0.0",
                  "standardHosts": {"count": 3, "namePrefix": "hp-late-"}}]}""".formatted(SUB)));

        given().auth().oauth2(API_TOKEN).when().post("/api/v1/dead-letters/" + dead.get(0).sequenceNumber() + "/resubmit?entity=nowhere")
                .then().statusCode(400).body("field", equalTo("entity"));
        String copy = given().auth().oauth2(API_TOKEN).when()
                .post("/api/v1/dead-letters/" + dead.get(0).sequenceNumber() + "/resubmit?entity=coordinator")
                .then().statusCode(202).extract().path("messageId");

        assertThat(copy).contains("/resubmit-");
        given().auth().oauth2(API_TOKEN).when().post("/api/v1/dead-letters/" + dead.get(0).sequenceNumber() + "/resubmit?entity=coordinator")
                .then().statusCode(404).body("field", equalTo("sequenceNumber"));
        EmulatorProbe.await(() -> records.find(SUB, "rg-avd", "hp-late")
                        .filter(s -> s.record() != null && s.record().state() == RolloutState.RUNNING).isPresent(),
                "rollout r-late running after re-submit", Duration.ofSeconds(30));
        assertThat(resubmitter.list(10)).noneMatch(m -> m.bodyText().contains("\"r-late\""));
    }

    @Test
    @Order(2)
    void theMessagesCallsAndRolloutsOfThatJourneyAreScrapedFromTheMetricsEndpoint() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(value(metrics, "avdroll_messages_dead_lettered_total", "endpoint=\"coordinator\"",
                "reason=\"UnknownHostPool\"", "topic=\"update-requested\"")).isEqualTo(1.0);
        assertThat(value(metrics, "avdroll_messages_handled_total", "endpoint=\"coordinator\"", "topic=\"update-requested\""))
                .as("the re-submitted copy was handled").isEqualTo(1.0);
        assertThat(value(metrics, "avdroll_dead_letter_resubmitted_total", "entity=\"coordinator\"")).isEqualTo(1.0);
        assertThat(value(metrics, "avdroll_alerts_total", "kind=\"DEAD_LETTERED\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(metrics, "avdroll_azure_calls_seconds_count",
                "operation=\"GET microsoft.desktopvirtualization/hostpools\"", "status=\"4xx\""))
                .as("the first look at the missing pool").isGreaterThanOrEqualTo(1.0);
        assertThat(value(metrics, "avdroll_azure_calls_seconds_count",
                "operation=\"GET microsoft.desktopvirtualization/hostpools\"", "status=\"2xx\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(metrics, "avdroll_rollouts", "state=\"RUNNING\"")).isEqualTo(1.0);
        assertThat(value(metrics, "avdroll_rollout_hosts", "stage=\"DRAINING\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(metrics, "avdroll_dead_letter_messages", "entity=\"coordinator\"")).isEqualTo(0.0);
    }

    @Test
    @Order(4)
    void tracesAreNotRecordedUnlessExportIsSwitchedOn() {
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder("probe").startSpan();
        try {
            assertThat(span.isRecording()).as("service-kit samples every journey out: quarkus.otel.traces.sampler.arg=0.0").isFalse();
            assertThat(span.getSpanContext().isValid()).as("ids still made, so traceparent still carries one trace").isTrue();
        } finally {
            span.end();
        }
    }

    @Test
    @Order(3)
    void healthSaysLiveWithItsConsumerRunningAndReadyWithServiceBusAndArmReachable() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'message-consumers' }.status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'service-bus' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'azure-resource-manager' }.status", equalTo("UP"));
    }

    private static JsonNode awaitAlert(String kind) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            String body = WebhookReceiver.BODIES.poll(1, TimeUnit.SECONDS);
            if (body != null) {
                JsonNode node = JSON.readTree(body);
                if (kind.equals(node.path("alert").path("kind").asText())) {
                    return node;
                }
            }
        }
        throw new AssertionError("no " + kind + " alert reached the webhook");
    }

    /** The value of the one sample of {@code name} whose labels contain all of {@code labels} (an exemplar may follow). */
    private static double value(String metrics, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)(?: # .*)?$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " with " + List.of(labels) + " in /q/metrics; samples of it: "
                + metrics.lines().filter(l -> l.startsWith(name)).toList());
    }
}
