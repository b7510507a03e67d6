package io.avdroll.api;

import static io.avdroll.api.ApiFixtures.RG;
import static io.avdroll.api.ApiFixtures.SUB;
import static io.avdroll.api.ApiFixtures.TOKEN;
import static io.avdroll.api.ApiFixtures.V2;
import static io.avdroll.api.ApiFixtures.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import io.avdroll.bus.EventBus;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.HistoryEntry;
import io.avdroll.coordinator.RolloutTarget;
import io.avdroll.coordinator.StateCodec;
import io.avdroll.events.HostVerified;
import io.avdroll.events.MessageIds;
import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.service.testing.AzureEmulatorResource;
import io.avdroll.simulation.Timings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The on-demand API of the real scheduler-service against the emulator: requests become update-requested and
 * rollout-control messages on the real bus, the coordinator handles them, and the API answers from its state. The
 * drain, provisioner and verifier services are not running here; the host-verified event a verifier would send is
 * published with the real Service Bus SDK.
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class OnDemandApiEmulatorTest {

    private static boolean seeded;

    @Inject
    EventBus bus;

    @BeforeEach
    void seed() {
        if (!seeded) {
            ApiFixtures.seedPools(List.of("hp-pause", "hp-plan", "hp-bad", "hp-restart"));
            seeded = true;
        }
    }

    @Test
    void aRequestWithoutAValidBearerTokenIs401WithABearerChallenge() {
        given().when().get("/api/v1/pools").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"avdroll\"");
        given().auth().oauth2("not-the-token-at-all").when().get("/api/v1/pools/" + RG + "/hp-plan")
                .then().statusCode(401);
        given().header("Authorization", "Basic " + TOKEN).contentType(ContentType.JSON).body(Map.of("targetImageVersionId", V2))
                .when().post("/api/v1/pools/" + RG + "/hp-plan/rollouts").then().statusCode(401);
        String body = given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").when().get("/api/v1/pools")
                .then().statusCode(401).extract().asString();
        assertThat(body).doesNotContain("eyJ").contains("not valid");
    }

    @Test
    void anInvalidRequestIs400NamingTheFieldAndNothingIsStarted() {
        JsonPath missing = post("/hp-bad/rollouts", Map.of("overrides", Map.of())).then().statusCode(400).extract().jsonPath();
        assertThat(missing.getString("field")).isEqualTo("targetImageVersionId");
        assertThat(missing.getString("message")).isEqualTo("targetImageVersionId: is required");

        JsonPath notAnImage = post("/hp-bad/rollouts", Map.of("targetImageVersionId", "win11-latest"))
                .then().statusCode(400).extract().jsonPath();
        assertThat(notAnImage.getString("field")).isEqualTo("targetImageVersionId");

        JsonPath badOverride = post("/hp-bad/rollouts", Map.of("targetImageVersionId", V2,
                "overrides", Map.of("maxUnavailable", "lots"))).then().statusCode(400).extract().jsonPath();
        assertThat(badOverride.getString("field")).isEqualTo("overrides.maxUnavailable");

        // valid on its own, impossible for this pool: the rollout spec's own validation names it
        JsonPath floor = post("/hp-bad/rollouts", Map.of("targetImageVersionId", V2,
                "overrides", Map.of("minAvailableHosts", 6))).then().statusCode(400).extract().jsonPath();
        assertThat(floor.getString("field")).isEqualTo("overrides.minAvailableHosts");
        assertThat(floor.getString("message")).contains("must be below the pool size 6");

        JsonPath unknown = post("/hp-bad/rollouts", Map.of("targetImageVersionId", V2,
                "overrides", Map.of("maxUnavaliable", "2"))).then().statusCode(400).extract().jsonPath();
        assertThat(unknown.getString("field")).isEqualTo("overrides.maxUnavaliable");

        JsonPath noVersion = post("/hp-bad/rollouts", Map.of("targetImageVersionId", ApiFixtures.IMAGES + "/versions/9.9.9"))
                .then().statusCode(400).extract().jsonPath();
        assertThat(noVersion.getString("field")).isEqualTo("targetImageVersionId");
        assertThat(noVersion.getString("message")).contains("has no version 9.9.9");

        given().auth().oauth2(TOKEN).when().get("/api/v1/pools/" + RG + "/hp-bad").then().statusCode(404);
        post("/hp-ghost/rollouts", Map.of("targetImageVersionId", V2)).then().statusCode(404);
    }

    @Test
    void aPlanListsTheHostsInOrderWithWavesAndAnEstimateAndStartsNothing() {
        JsonPath plan = post("/hp-plan/plan", Map.of("targetImageVersionId", V2,
                "overrides", Map.of("maxUnavailable", "2", "canaryHosts", 1))).then().statusCode(200).extract().jsonPath();

        assertThat(plan.getList("hosts.host")).hasSize(6);
        assertThat(plan.getList("hosts.order")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(plan.getList("waves.hosts", List.class).get(0)).hasSize(1); // the canary alone
        assertThat(plan.getList("waves.hosts", List.class).get(1)).hasSize(2); // then the window of 2
        assertThat(plan.getBoolean("completes")).isTrue();
        assertThat(plan.getString("estimatedDuration")).startsWith("PT");
        assertThat(java.time.Duration.parse(plan.getString("estimatedDuration"))).isPositive();
        assertThat(plan.getString("spec.maxUnavailable")).isEqualTo("2");
        assertSimulatedEstimateIsPlausible(plan);

        given().auth().oauth2(TOKEN).when().get("/api/v1/pools/" + RG + "/hp-plan").then().statusCode(404);
    }

    @Test
    void pauseStopsAdmissionsWhileInFlightHostsFinishAndResumeContinues() {
        Response started = post("/hp-pause/rollouts", Map.of("rolloutId", "r-pause", "targetImageVersionId", V2,
                "overrides", Map.of("maxUnavailable", "2", "canaryHosts", 0)));
        started.then().statusCode(201);
        assertThat(started.jsonPath().getString("rollout.state")).isEqualTo("RUNNING");
        assertThat(started.jsonPath().getInt("rollout.counters.inFlight")).isEqualTo(2);
        assertThat(started.jsonPath().getString("rollout.requestedBy")).isEqualTo("api:local");

        JsonPath again = post("/hp-pause/rollouts", Map.of("targetImageVersionId", V2)).then().statusCode(409)
                .extract().jsonPath();
        assertThat(again.getString("message")).contains("r-pause is RUNNING");
        post("/hp-pause/rollout/resume", Map.of()).then().statusCode(409);

        JsonPath paused = post("/hp-pause/rollout/pause", Map.of("reason", "users complain")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(paused.getString("rollout.state")).isEqualTo("PAUSED");
        List<String> inFlight = hostsIn(paused, "DRAINING");
        assertThat(inFlight).hasSize(2);

        bus.publish(new HostVerified("r-pause", SUB, RG, "hp-pause", inFlight.get(0), 1, V2, Instant.now()));
        JsonPath afterVerified = await(() -> status("hp-pause"),
                s -> hostsIn(s, "VERIFIED").contains(inFlight.get(0)));
        assertThat(afterVerified.getString("state")).isEqualTo("PAUSED");
        assertThat(hostsIn(afterVerified, "DRAINING")).containsExactly(inFlight.get(1));
        assertThat(afterVerified.getInt("counters.pending")).isEqualTo(4);

        JsonPath resumed = post("/hp-pause/rollout/resume", Map.of()).then().statusCode(200).extract().jsonPath();
        assertThat(resumed.getString("rollout.state")).isEqualTo("RUNNING");
        assertThat(hostsIn(resumed, "DRAINING")).hasSize(2).contains(inFlight.get(1));
        assertThat(resumed.getInt("rollout.counters.pending")).isEqualTo(3);

        List<String> history = given().auth().oauth2(TOKEN).when().get("/api/v1/pools/" + RG + "/hp-pause/history")
                .then().statusCode(200).extract().jsonPath().getList("text");
        assertThat(history).anySatisfy(h -> assertThat(h).contains("pause by api:local: users complain"))
                .anySatisfy(h -> assertThat(h).startsWith("resume by api:local"));
        assertThat(given().auth().oauth2(TOKEN).when().get("/api/v1/pools").then().statusCode(200).extract()
                .jsonPath().getList("hostPool")).contains("hp-pause");
    }

    @Test
    void aPoolThisInstanceHasNotSeenSinceItStartedIsLoadedFromItsSessionStateThroughTheCoordinator() {
        // what a previous instance left in the pool's session state before a restart
        List<SessionHost> hosts = List.of("hp-restart-1", "hp-restart-2").stream().map(h -> new SessionHost(h,
                SessionHostStatus.AVAILABLE, true, 0, "1.0.0", HostClass.STANDARD, PowerState.RUNNING)).toList();
        Instant before = Instant.parse("2026-01-01T02:00:00Z");
        RolloutRecord record = RolloutRecord.start("r-before-restart", new HostPoolSnapshot("hp-restart", 8, hosts), V2, before);
        CoordinatorState saved = new CoordinatorState(new RolloutTarget(SUB, RG, "hp-restart", V2, "schedule", before),
                null, record, List.of(new HistoryEntry(before, "r-before-restart", "started for schedule")), null);
        try (ServiceBusSessionReceiverClient sessions = new ServiceBusClientBuilder()
                .connectionString(AzureEmulatorResource.emulator().serviceBusConnectionString())
                .sessionReceiver().queueName("coordinator").buildClient();
             ServiceBusReceiverClient session = sessions.acceptSession(MessageIds.sessionIdOf(SUB, RG, "hp-restart"))) {
            session.setSessionState(new StateCodec().write(saved));
        }

        JsonPath status = status("hp-restart");
        assertThat(status.getString("rolloutId")).isEqualTo("r-before-restart");
        assertThat(status.getString("state")).isEqualTo("RUNNING");
        assertThat(status.getInt("counters.total")).isEqualTo(2);
        assertThat(status.getList("history.text")).containsExactly("started for schedule");
    }

    private static Response post(String path, Map<String, ?> body) {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/pools/" + RG + path);
    }

    private static JsonPath status(String pool) {
        return given().auth().oauth2(TOKEN).when().get("/api/v1/pools/" + RG + "/" + pool)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> hostsIn(JsonPath view, String stage) {
        String root = view.get("rollout") != null ? "rollout." : "";
        return view.getList(root + "hosts.findAll { it.stage == '" + stage + "' }.host");
    }

    /**
     * The estimate of a 6-host pool rolled with a canary of 1 and then a window of 2: four rounds one after the other,
     * each no shorter than one host's fastest possible redeploy, registration and bake, and no longer than its slowest
     * plus the whole grace period, by the default stage-duration distributions ({@link Timings#typical()}).
     */
    private static void assertSimulatedEstimateIsPlausible(JsonPath plan) {
        Duration median = Duration.parse(plan.getString("estimate.median"));
        Duration pessimistic = Duration.parse(plan.getString("estimate.pessimistic"));
        Duration lowerBound = Duration.parse(plan.getString("estimate.lowerBound"));
        Duration grace = Duration.parse(plan.getString("spec.drainGracePeriod"));
        Timings t = Timings.typical();
        Duration fastestHost = t.provision().min().plus(t.registration().min()).plus(t.verify().min());
        Duration slowestHost = grace.plus(t.emptyDrain().max()).plus(t.provision().max()).plus(t.registration().max())
                .plus(t.verify().max()).plus(t.delivery().max().multipliedBy(5));

        assertThat(plan.getBoolean("estimate.completes")).isTrue();
        assertThat(plan.getString("estimatedDuration")).isEqualTo(plan.getString("estimate.median"));
        assertThat(plan.getInt("estimate.runs")).isPositive();
        assertThat(plan.getInt("estimate.percentile")).isBetween(50, 100);
        assertThat(lowerBound).isPositive().isLessThanOrEqualTo(median);
        assertThat(median).isLessThanOrEqualTo(pessimistic);
        assertThat(median).isBetween(fastestHost.multipliedBy(4), slowestHost.multipliedBy(4));
        assertThat(pessimistic).isLessThanOrEqualTo(slowestHost.multipliedBy(4));
        assertThat(plan.getString("estimate.basis")).contains("provision " + t.provision());
    }
}
