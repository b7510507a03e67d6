package io.avdroll.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.support.ArmHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API (faults, throttling, counters, audit, snapshot) driven over HTTPS as tests and benchmarks will. */
class AdminApiAndFaultsTest {
    static final String SUB = "00000000-0000-0000-0000-0000000000ad";
    static final String POOL = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp";
    static final String V = "?api-version=2025-10-10";
    static AzureEmulator emulator;
    static ArmHttp http;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start(EmulatorOptions.defaults().seed(Seed.parse("""
                {"galleries":[{"subscription":"%1$s","resourceGroup":"rg","name":"g","location":"westeurope",
                   "images":[{"name":"i","versions":[{"name":"1.0.0"}]}]}],
                 "hostPools":[{"subscription":"%1$s","resourceGroup":"rg","name":"hp","location":"westeurope","image":"g/i/1.0.0",
                   "maxSessionLimit":3,"standardHosts":{"count":3},"drHosts":{"count":1,"powerState":"deallocated"},"usersPerHost":2}]}
                """.formatted(SUB))));
        http = new ArmHttp(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        http.send("DELETE", "/_emulator/faults", null);
        http.send("PUT", "/_emulator/throttling", "{}");
    }

    @Test
    void aThrottleBurstAddedAtRunTimeAnswers429WithRetryAfterThenStops() {
        ArmHttp.Reply added = http.send("POST", "/_emulator/faults",
                Map.of("kind", "throttle", "operation", "Microsoft.DesktopVirtualization/hostpools/sessionhosts/*", "count", 2, "retryAfterSeconds", 3));
        assertThat(added.status()).isEqualTo(201);

        ArmHttp.Reply first = http.get(POOL + "/sessionHosts" + V);
        ArmHttp.Reply second = http.get(POOL + "/sessionHosts" + V);
        ArmHttp.Reply poolRead = http.get(POOL + V);
        ArmHttp.Reply third = http.get(POOL + "/sessionHosts" + V);

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("3");
        assertThat(first.body().at("/error/code").asText()).isEqualTo("TooManyRequests");
        assertThat(second.status()).isEqualTo(429);
        assertThat(poolRead.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(200);
        JsonNode counters = http.get("/_emulator/counters").body();
        assertThat(counters.at("/throttledByOperation/Microsoft.DesktopVirtualization~1hostpools~1sessionhosts~1read").asLong()).isEqualTo(2);
    }

    @Test
    void anInjectedServerErrorIsServedOnce() {
        http.send("POST", "/_emulator/faults", Map.of("kind", "serverError", "status", 503, "count", 1));

        assertThat(http.get(POOL + V).status()).isEqualTo(503);
        assertThat(http.get(POOL + V).status()).isEqualTo(200);
    }

    @Test
    void aFaultRuleWithABadFieldIsRefusedNamingTheField() {
        ArmHttp.Reply reply = http.send("POST", "/_emulator/faults", Map.of("kind", "throttle", "count", 0));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/message").asText()).contains("'count'");
    }

    @Test
    void subscriptionTokenBucketsThrottleReadsOnceTheBucketIsEmpty() {
        http.send("PUT", "/_emulator/throttling", Map.of("readBucket", 3, "readRefillPerSecond", 0.01));

        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(http.get(POOL + V).status());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
        ArmHttp.Reply throttled = http.get(POOL + V);
        assertThat(throttled.body().at("/error/code").asText()).isEqualTo("SubscriptionRequestsThrottled");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        assertThat(throttled.header("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("0");
    }

    @Test
    void theSnapshotShowsCapacityPowerAndImagePerHost() {
        JsonNode pool = http.get("/_emulator/hostpools").body().get("value").get(0);

        assertThat(pool.get("availableHosts").asInt()).isEqualTo(3);
        assertThat(pool.get("sessions").asInt()).isEqualTo(6);
        assertThat(pool.get("freeSessionSlots").asInt()).isEqualTo(3);
        assertThat(pool.get("hosts")).anyMatch(h -> h.get("power").asText().equals("deallocated") && h.get("status").asText().equals("Shutdown"));
        assertThat(pool.get("hosts")).allMatch(h -> h.get("imageId").asText().endsWith("/galleries/g/images/i/versions/1.0.0"));
    }

    @Test
    void theAuditLogIsOrderedAndFilterable() {
        JsonNode all = http.get("/_emulator/audit").body().get("value");
        JsonNode logons = http.get("/_emulator/audit?type=UserSessionLoggedOn").body().get("value");
        JsonNode tail = http.get("/_emulator/audit?since=" + (all.size() - 2)).body().get("value");

        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).get("seq").asLong()).isEqualTo(all.get(i - 1).get("seq").asLong() + 1);
        }
        assertThat(logons).hasSizeGreaterThanOrEqualTo(6).allMatch(e -> e.get("type").asText().equals("UserSessionLoggedOn"));
        assertThat(tail).hasSize(2);
        assertThat(all.get(0).get("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void infoTellsHowToTrustTheEndpoint() {
        JsonNode info = http.get("/_emulator/info").body();

        assertThat(info.get("armEndpoint").asText()).isEqualTo(emulator.armEndpoint());
        assertThat(info.get("trustStorePath").asText()).isEqualTo(emulator.trustStorePath().toString());
        assertThat(info.get("trustStoreType").asText()).isEqualTo("PKCS12");
    }

    @Test
    void usersLoggedOnThroughTheAdminApiLandOnlyOnHostsThatAcceptSessions() {
        java.util.Map<String, Object> drain = Map.of("properties", Map.of("allowNewSession", false));
        JsonNode hosts = http.get(POOL + "/sessionHosts" + V).body().get("value");
        String drained = hosts.get(0).get("name").asText().replace("hp/", "");
        http.send("PATCH", POOL + "/sessionHosts/" + drained + V, drain);
        int drainedBefore = http.get(POOL + "/sessionHosts/" + drained + V).body().at("/properties/sessions").asInt();

        JsonNode result = http.send("POST", "/_emulator/hostpools/" + SUB + "/rg/hp/logon", Map.of("count", 10)).body();

        assertThat(result.get("loggedOn").asInt()).isLessThan(10);
        assertThat(http.get(POOL + "/sessionHosts/" + drained + V).body().at("/properties/sessions").asInt()).isEqualTo(drainedBefore);
        JsonNode after = http.get(POOL + "/sessionHosts" + V).body().get("value");
        assertThat(after).allMatch(h -> h.at("/properties/sessions").asInt() <= 3);
    }
}
