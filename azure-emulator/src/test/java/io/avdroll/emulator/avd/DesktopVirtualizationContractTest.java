package io.avdroll.emulator.avd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.support.ArmHttp;
import io.avdroll.emulator.support.JsonShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Desktop Virtualization answers have the shapes of the official 2025-10-10 examples, and bad requests fail as Azure fails them. */
class DesktopVirtualizationContractTest {
    static final String SUB = "daefabc0-95b4-48b3-b645-8a753a63c4fa";
    static final String POOL = "/subscriptions/" + SUB + "/resourceGroups/resourceGroup1/providers/Microsoft.DesktopVirtualization/hostPools/hostPool1";
    static final String V = "?api-version=2025-10-10";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static AzureEmulator emulator;
    static ArmHttp http;

    @BeforeAll
    static void start() {
        Seed seed = Seed.parse("""
                {"galleries":[{"subscription":"%1$s","resourceGroup":"rg-images","name":"gal","location":"centralus",
                   "images":[{"name":"win11","versions":[{"name":"1.0.0"}]}]}],
                 "hostPools":[{"subscription":"%1$s","resourceGroup":"resourceGroup1","name":"hostPool1","location":"centralus",
                   "domain":"microsoft.com","image":"gal/win11/1.0.0","maxSessionLimit":5,"registrationTokenHours":48,
                   "standardHosts":{"count":12,"namePrefix":"sessionHost"},"usersPerHost":2},
                  {"subscription":"%1$s","resourceGroup":"resourceGroup1","name":"hostPool2","location":"centralus",
                   "domain":"microsoft.com","image":"gal/win11/1.0.0","maxSessionLimit":5,
                   "standardHosts":{"count":4,"namePrefix":"other"},"usersPerHost":2}]}
                """.formatted(SUB));
        emulator = AzureEmulator.start(EmulatorOptions.defaults().avdPageSize(5).seed(seed));
        http = new ArmHttp(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static JsonNode example(String file) {
        try {
            Path dir = Path.of(System.getProperty("azure.specs.dir"), "desktopvirtualization", "2025-10-10", "examples");
            return MAPPER.readTree(Files.readString(dir.resolve(file)));
        } catch (IOException e) {
            throw new IllegalStateException("example " + file + " not readable; is azure.specs.dir set?", e);
        }
    }

    static JsonNode exampleBody(String file) {
        return example(file).at("/responses/200/body");
    }

    static final String HOST = POOL + "/sessionHosts/sessionHost01.microsoft.com";
    /** A second pool for tests that change sessions and hosts, so the shape and paging tests see fixed counts. */
    static final String POOL2 = POOL.replace("hostPool1", "hostPool2");

    @Test
    void hostPoolGetHasTheExampleShape() {
        http.send("PATCH", POOL + V, validUpdateRequest());

        ArmHttp.Reply reply = http.get(POOL + V);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(JsonShape.mismatches(exampleBody("HostPool_Get.json"), reply.body())).isEmpty();
    }

    static ObjectNode validUpdateRequest() {
        ObjectNode request = example("HostPool_Update.json").at("/parameters/hostPool").deepCopy();
        ((ObjectNode) request.at("/properties/registrationInfo"))
                .put("expirationTime", Instant.now().plus(2, ChronoUnit.DAYS).toString());
        return request;
    }

    @Test
    void hostPoolUpdateWithTheExampleRequestAnswersTheExampleShape() {
        ArmHttp.Reply reply = http.send("PATCH", POOL + V, validUpdateRequest());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(JsonShape.mismatches(exampleBody("HostPool_Update.json"), reply.body())).isEmpty();
        assertThat(reply.body().at("/properties/registrationInfo/token").asText()).isNotBlank();
        assertThat(reply.body().at("/properties/maxSessionLimit").asInt()).isEqualTo(999999);
    }

    @Test
    void theExampleUpdateRequestItselfIsRejectedBecauseItsTokenExpiryIsInThePast() {
        ArmHttp.Reply reply = http.send("PATCH", POOL + V, example("HostPool_Update.json").at("/parameters/hostPool"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/message").asText()).contains("ExpirationTime value must be between one hour and 30 days from now");
    }

    @Test
    void aRegistrationTokenExpiringBeyondThirtyDaysIsRejected() {
        ObjectNode request = MAPPER.createObjectNode();
        request.putObject("properties").putObject("registrationInfo").put("registrationTokenOperation", "Update")
                .put("expirationTime", Instant.now().plus(31, ChronoUnit.DAYS).toString());

        ArmHttp.Reply reply = http.send("PATCH", POOL + V, request);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/code").isTextual()).isTrue();
    }

    @Test
    void aRegistrationTokenExpiringWithinTheHourIsRejected() {
        ObjectNode request = MAPPER.createObjectNode();
        request.putObject("properties").putObject("registrationInfo").put("registrationTokenOperation", "Update")
                .put("expirationTime", Instant.now().plus(30, ChronoUnit.MINUTES).toString());

        assertThat(http.send("PATCH", POOL + V, request).status()).isEqualTo(400);
    }

    @Test
    void retrieveRegistrationTokenHasTheExampleShapeAndReturnsTheIssuedToken() {
        String issued = http.send("PATCH", POOL + V, validUpdateRequest()).body().at("/properties/registrationInfo/token").asText();

        ArmHttp.Reply reply = http.send("POST", POOL + "/retrieveRegistrationToken" + V, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(JsonShape.mismatches(exampleBody("HostPools_RetrieveRegistrationToken_Post.json"), reply.body())).isEmpty();
        assertThat(reply.body().get("token").asText()).isEqualTo(issued);
    }

    @Test
    void sessionHostUpdateGetAndListHaveTheExampleShapesAndLiveServiceNames() {
        ObjectNode patch = example("SessionHost_Update.json").at("/parameters/sessionHost").deepCopy();
        ArmHttp.Reply updated = http.send("PATCH", HOST + V + "&force=true", patch);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(JsonShape.mismatches(exampleBody("SessionHost_Update.json"), updated.body())).isEmpty();

        ArmHttp.Reply got = http.get(HOST + V);
        assertThat(JsonShape.mismatches(exampleBody("SessionHost_Get.json"), got.body())).isEmpty();
        assertThat(got.body().get("name").asText()).isEqualTo("hostPool1/sessionHost01.microsoft.com");
        assertThat(got.body().at("/properties/status").asText()).isEqualTo("Available");

        ArmHttp.Reply list = http.get(POOL + "/sessionHosts" + V);
        JsonNode first = MAPPER.createObjectNode().set("value", MAPPER.createArrayNode().add(list.body().get("value").get(0)));
        assertThat(JsonShape.mismatches(exampleBody("SessionHost_List.json"), first)).isEmpty();
    }

    @Test
    void sessionHostsArePagedWithAbsoluteNextLinks() {
        List<String> names = new ArrayList<>();
        String next = POOL + "/sessionHosts" + V;
        int pages = 0;
        while (next != null) {
            ArmHttp.Reply page = http.get(next);
            assertThat(page.status()).isEqualTo(200);
            page.body().get("value").forEach(h -> names.add(h.get("name").asText()));
            next = page.body().hasNonNull("nextLink") ? page.body().get("nextLink").asText() : null;
            if (next != null) {
                assertThat(next).startsWith("https://");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(12).doesNotHaveDuplicates().allMatch(n -> n.startsWith("hostPool1/sessionHost"));
    }

    @Test
    void userSessionGetAndListHaveTheExampleShapes() {
        ArmHttp.Reply list = http.get(HOST + "/userSessions" + V);
        assertThat(list.status()).isEqualTo(200);
        assertThat(JsonShape.mismatches(exampleBody("UserSession_List.json"), list.body())).isEmpty();
        String name = list.body().get("value").get(0).get("name").asText();
        assertThat(name).matches("hostPool1/sessionHost01\\.microsoft\\.com/\\d+");

        String id = name.substring(name.lastIndexOf('/') + 1);
        ArmHttp.Reply got = http.get(HOST + "/userSessions/" + id + V);
        assertThat(JsonShape.mismatches(exampleBody("UserSession_Get.json"), got.body())).isEmpty();

        ArmHttp.Reply poolWide = http.get(POOL + "/userSessions" + V + "&pageSize=100");
        assertThat(poolWide.body().get("value")).hasSize(24);
    }

    @Test
    void sendMessageDisconnectAndForcedLogOffAreRecorded() {
        String host2 = POOL2 + "/sessionHosts/other02.microsoft.com";
        String id = http.get(host2 + "/userSessions" + V).body().get("value").get(0).get("name").asText().replaceAll(".*/", "");
        String session = host2 + "/userSessions/" + id;

        assertThat(http.send("POST", session + "/sendMessage" + V, example("UserSession_SendMessage_Post.json").at("/parameters/sendMessage")).status())
                .isEqualTo(200);
        assertThat(http.send("POST", session + "/disconnect" + V, null).status()).isEqualTo(200);
        assertThat(http.get(session + V).body().at("/properties/sessionState").asText()).isEqualTo("Disconnected");
        assertThat(http.send("DELETE", session + V + "&force=true", null).status()).isIn(200, 204);
        assertThat(http.get(session + V).status()).isEqualTo(404);

        assertThat(emulator.audit().since(0, "MessageSent")).anyMatch(e -> e.resource().endsWith("/userSessions/" + id)
                && e.details().get("title").equals("title") && e.details().get("body").equals("body"));
        assertThat(emulator.audit().since(0, "UserSessionLoggedOff")).anyMatch(e -> e.resource().endsWith("other02.microsoft.com/userSessions/" + id)
                && e.details().get("forced").equals(true) && e.actor().equals("api"));
    }

    @Test
    void drainModeIsSetAndAudited() {
        String host = POOL2 + "/sessionHosts/other03.microsoft.com";
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("properties").put("allowNewSession", false);

        ArmHttp.Reply reply = http.send("PATCH", host + V, body);

        assertThat(reply.body().at("/properties/allowNewSession").asBoolean()).isFalse();
        assertThat(emulator.audit().since(0, "AllowNewSessionChanged")).anyMatch(e -> e.resource().endsWith("other03.microsoft.com")
                && e.details().get("to").equals(false));
    }

    @Test
    void deletingASessionHostWithSessionsNeedsForce() {
        String host = POOL2 + "/sessionHosts/other04.microsoft.com";
        assertThat(http.send("DELETE", host + V, null).status()).isEqualTo(400);
        assertThat(http.send("DELETE", host + V + "&force=true", null).status()).isIn(200, 204);
        assertThat(http.get(host + V).status()).isEqualTo(404);
    }

    @Test
    void patchingAnUnknownSessionHostIsNotFound() {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("properties").put("allowNewSession", false);

        ArmHttp.Reply reply = http.send("PATCH", POOL + "/sessionHosts/nope.microsoft.com" + V, body);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("NotFound");
    }

    @Test
    void anUnknownHostPoolIsResourceNotFound() {
        ArmHttp.Reply reply = http.get(POOL.replace("hostPool1", "nope") + V);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    void aMissingApiVersionIsRejected() {
        ArmHttp.Reply reply = http.get(POOL);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");
    }

    @Test
    void anApiVersionTheProviderDoesNotOfferIsRejected() {
        ArmHttp.Reply reply = http.get(POOL + "?api-version=2099-01-01");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("NoRegisteredProviderFound");
    }

    @Test
    void aRequestWithoutBearerTokenIsRejected() {
        ArmHttp.Reply reply = http.withAuthorization(null).get(POOL + V);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("AuthenticationFailed");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aSessionHostPropertyTheApiDoesNotAllowIsRejectedNamingIt() {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("properties").put("status", "Available");

        ArmHttp.Reply reply = http.send("PATCH", HOST + V, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/message").asText()).contains("properties.status");
    }
}
