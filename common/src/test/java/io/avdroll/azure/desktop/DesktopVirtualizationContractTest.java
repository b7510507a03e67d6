package io.avdroll.azure.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.support.RecordingArmServer;
import io.avdroll.azure.support.RecordingArmServer.Canned;
import io.avdroll.azure.support.RecordingArmServer.Recorded;
import io.avdroll.azure.support.TestConnections;
import io.avdroll.azure.support.TestTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the Desktop Virtualization adapters to the official OpenAPI spec and examples (api-version 2025-10-10):
 * each call is answered over HTTPS with the example's response, and the request it sent is compared with the
 * spec's path template (filled with the example's parameters), method, api-version and body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesktopVirtualizationContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> OPERATION_OF_EXAMPLE = Map.ofEntries(
        Map.entry("HostPool_Get.json", "HostPools_Get"),
        Map.entry("HostPool_Update.json", "HostPools_Update"),
        Map.entry("HostPools_RetrieveRegistrationToken_Post.json", "HostPools_RetrieveRegistrationToken"),
        Map.entry("SessionHost_List.json", "SessionHosts_List"),
        Map.entry("SessionHost_Get.json", "SessionHosts_Get"),
        Map.entry("SessionHost_Update.json", "SessionHosts_Update"),
        Map.entry("SessionHost_Delete.json", "SessionHosts_Delete"),
        Map.entry("UserSession_List.json", "UserSessions_List"),
        Map.entry("UserSession_Get.json", "UserSessions_Get"),
        Map.entry("UserSession_Delete.json", "UserSessions_Delete"),
        Map.entry("UserSession_SendMessage_Post.json", "UserSessions_SendMessage"),
        Map.entry("UserSession_Disconnect_Post.json", "UserSessions_Disconnect"));

    private Path specDir;
    private JsonNode spec;
    private TestTls tls;
    private RecordingArmServer server;
    private HostPools hostPools;
    private SessionHosts sessionHosts;
    private UserSessions userSessions;

    @BeforeAll
    void start() throws IOException {
        String dir = System.getProperty("azure.specs.dir");
        assertThat(dir).as("system property azure.specs.dir (set by the parent POM's surefire config)").isNotNull();
        specDir = Path.of(dir).resolve("desktopvirtualization").resolve(DesktopVirtualizationApi.API_VERSION);
        spec = JSON.readTree(specDir.resolve("desktopvirtualization.json").toFile());
        tls = TestTls.shared();
        server = new RecordingArmServer(tls);
        String subscription = example("HostPool_Get.json").path("parameters").path("subscriptionId").asText();
        AzureConnection connection = TestConnections.open(subscription, server.endpoint(), tls);
        hostPools = new RestHostPools(connection);
        sessionHosts = new RestSessionHosts(connection);
        userSessions = new RestUserSessions(connection);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void getHostPoolSendsTheExampleRequestAndReadsItsResponse() throws IOException {
        JsonNode ex = example("HostPool_Get.json");
        HostPoolView pool = call(ex, () -> hostPools.get(pool(ex)));
        assertRequestMatches("HostPool_Get.json", null);
        assertThat(pool.name()).isEqualTo("hostPool1");
        assertThat(pool.maxSessionLimit()).isEqualTo(999999);
        assertThat(pool.loadBalancerType()).isEqualTo("BreadthFirst");
        assertThat(pool.tags()).containsEntry("key1", "value1");
        assertThat(pool.registrationExpiresAt()).isEqualTo(Instant.parse("2008-09-22T14:01:54.9571247Z"));
    }

    @Test
    void updateHostPoolSendsOnlyFieldsTheExampleBodyHas() throws IOException {
        JsonNode ex = example("HostPool_Update.json");
        JsonNode exampleBody = ex.path("parameters").path("hostPool");
        HostPoolPatch patch = new HostPoolPatch(Map.of("tag1", "value1", "tag2", "value2"),
            exampleBody.at("/properties/friendlyName").asText(), exampleBody.at("/properties/description").asText(),
            exampleBody.at("/properties/maxSessionLimit").asInt(), exampleBody.at("/properties/loadBalancerType").asText(),
            exampleBody.at("/properties/startVMOnConnect").asBoolean());
        HostPoolView updated = call(ex, () -> hostPools.update(pool(ex), patch));
        assertRequestMatches("HostPool_Update.json", "hostPool");
        assertThat(updated.friendlyName()).isEqualTo("friendly");
    }

    @Test
    void renewingTheTokenPatchesRegistrationInfoAsTheUpdateExampleThenRetrievesIt() throws IOException {
        JsonNode update = example("HostPool_Update.json");
        JsonNode retrieve = example("HostPools_RetrieveRegistrationToken_Post.json");
        Instant now = Instant.parse("2008-09-21T14:01:54Z");
        server.respond(r -> r.path().endsWith("/retrieveRegistrationToken")
            ? successOf(retrieve) : successOf(update));
        RegistrationToken token = hostPools.renewRegistrationToken(pool(update), now.plusSeconds(3600 * 24), now);

        List<Recorded> sent = server.requests();
        assertThat(sent).extracting(Recorded::method).containsExactly("PATCH", "POST");
        assertRequestMatches(sent.get(0), update, "HostPools_Update", "hostPool");
        assertThat(JSON.readTree(sent.get(0).body()).at("/properties/registrationInfo/registrationTokenOperation").asText())
            .isEqualTo("Update");
        assertRequestMatches(sent.get(1), retrieve, "HostPools_RetrieveRegistrationToken", null);
        assertThat(token.value()).isEqualTo("token");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2008-09-22T14:01:54.9571247Z"));
    }

    @Test
    void retrieveRegistrationTokenSendsTheExampleRequest() throws IOException {
        JsonNode ex = example("HostPools_RetrieveRegistrationToken_Post.json");
        assertThat(call(ex, () -> hostPools.currentRegistrationToken(pool(ex)))).isPresent();
        assertRequestMatches("HostPools_RetrieveRegistrationToken_Post.json", null);
    }

    @Test
    void listSessionHostsSendsTheExampleRequestAndReadsEveryHost() throws IOException {
        JsonNode ex = example("SessionHost_List.json");
        List<SessionHostView> hosts = call(ex, () -> sessionHosts.list(pool(ex)));
        assertRequestMatches("SessionHost_List.json", null);
        assertThat(hosts).extracting(SessionHostView::name).containsExactly("sessionHost1.microsoft.com", "sessionHost2.microsoft.com");
        assertThat(hosts).extracting(SessionHostView::vmName).containsExactly("sessionHost1", "sessionHost2");
        assertThat(hosts.get(0).available()).isTrue();
        assertThat(hosts.get(0).healthChecks()).singleElement().satisfies(c -> assertThat(c.succeeded()).isTrue());
    }

    @Test
    void getSessionHostSendsTheExampleRequest() throws IOException {
        JsonNode ex = example("SessionHost_Get.json");
        SessionHostView host = call(ex, () -> sessionHosts.get(pool(ex), ex.at("/parameters/sessionHostName").asText()));
        assertRequestMatches("SessionHost_Get.json", null);
        assertThat(host.sessions()).isEqualTo(1);
        assertThat(host.lastHeartBeat()).isEqualTo(Instant.parse("2008-09-22T14:01:54.9571247Z"));
    }

    @Test
    void drainModeIsAPatchOfAllowNewSessionLikeTheUpdateExample() throws IOException {
        JsonNode ex = example("SessionHost_Update.json");
        boolean allow = ex.at("/parameters/sessionHost/properties/allowNewSession").asBoolean();
        SessionHostView host = call(ex, () -> sessionHosts.setAllowNewSession(pool(ex),
            "hostPool1/" + ex.at("/parameters/sessionHostName").asText(), allow));
        Recorded sent = assertRequestMatches("SessionHost_Update.json", "sessionHost");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("{\"properties\":{\"allowNewSession\":" + allow + "}}"));
        assertThat(host.allowNewSession()).isEqualTo(allow);
    }

    @Test
    void deleteSessionHostSendsTheExampleRequestWithForce() throws IOException {
        JsonNode ex = example("SessionHost_Delete.json");
        call(ex, () -> {
            sessionHosts.delete(pool(ex), ex.at("/parameters/sessionHostName").asText(), ex.at("/parameters/force").asBoolean());
            return null;
        });
        assertRequestMatches("SessionHost_Delete.json", null);
    }

    @Test
    void listUserSessionsSendsTheExampleRequest() throws IOException {
        JsonNode ex = example("UserSession_List.json");
        List<UserSessionView> sessions = call(ex, () -> userSessions.list(pool(ex), ex.at("/parameters/sessionHostName").asText()));
        assertRequestMatches("UserSession_List.json", null);
        assertThat(sessions).extracting(UserSessionView::id).containsExactly("1", "2");
        assertThat(sessions).allSatisfy(s -> assertThat(s.sessionHost()).isEqualTo("sessionHost1.microsoft.com"));
    }

    @Test
    void getUserSessionSendsTheExampleRequest() throws IOException {
        JsonNode ex = example("UserSession_Get.json");
        UserSessionView session = call(ex, () -> userSessions.get(pool(ex), ex.at("/parameters/sessionHostName").asText(),
            ex.at("/parameters/userSessionId").asText()));
        assertRequestMatches("UserSession_Get.json", null);
        assertThat(session.userPrincipalName()).isEqualTo("user1@microsoft.com");
        assertThat(session.active()).isTrue();
    }

    @Test
    void logOffIsTheDeleteExampleWithForce() throws IOException {
        JsonNode ex = example("UserSession_Delete.json");
        call(ex, () -> {
            userSessions.logOff(pool(ex), ex.at("/parameters/sessionHostName").asText(), ex.at("/parameters/userSessionId").asText());
            return null;
        });
        assertRequestMatches("UserSession_Delete.json", null);
    }

    @Test
    void sendMessageSendsTheExampleBody() throws IOException {
        JsonNode ex = example("UserSession_SendMessage_Post.json");
        call(ex, () -> {
            userSessions.sendMessage(pool(ex), ex.at("/parameters/sessionHostName").asText(), ex.at("/parameters/userSessionId").asText(),
                ex.at("/parameters/sendMessage/messageTitle").asText(), ex.at("/parameters/sendMessage/messageBody").asText());
            return null;
        });
        Recorded sent = assertRequestMatches("UserSession_SendMessage_Post.json", "sendMessage");
        assertThat(JSON.readTree(sent.body())).isEqualTo(ex.at("/parameters/sendMessage"));
    }

    @Test
    void disconnectSendsTheExampleRequest() throws IOException {
        JsonNode ex = example("UserSession_Disconnect_Post.json");
        call(ex, () -> {
            userSessions.disconnect(pool(ex), ex.at("/parameters/sessionHostName").asText(), ex.at("/parameters/userSessionId").asText());
            return null;
        });
        assertRequestMatches("UserSession_Disconnect_Post.json", null);
    }

    @Test
    void everyOfficialResponseExampleParses() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(specDir.resolve("examples"))) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).as("every example in the spec folder is mapped to an operation").hasSameElementsAs(OPERATION_OF_EXAMPLE.keySet());
        int parsed = 0;
        for (String file : files) {
            JsonNode ex = example(file);
            String operation = OPERATION_OF_EXAMPLE.get(file);
            for (Iterator<Map.Entry<String, JsonNode>> it = ex.path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                JsonNode body = bodyOf(response.getValue());
                if (body == null || response.getKey().equals("default")) {
                    continue;
                }
                Object view = parse(operation, body);
                assertThat(view).as(file + " " + response.getKey()).isNotNull();
                parsed++;
            }
        }
        assertThat(parsed).isGreaterThanOrEqualTo(9);
    }

    @Test
    void theDefaultErrorExampleBecomesANotFoundFailureWithAzuresCode() throws IOException {
        JsonNode ex = example("HostPool_Get.json");
        String error = ex.at("/responses/default/body").toString();
        server.respond(r -> Canned.json(404, error));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hostPools.get(pool(ex)))
            .isInstanceOfSatisfying(io.avdroll.azure.failure.AzureFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(io.avdroll.azure.failure.AzureFailureKind.NOT_FOUND);
                assertThat(f.code()).isEqualTo("hostPoolDoesNotExist");
                assertThat(f.azureMessage()).isEqualTo("Host Pool Does Not Exist");
            });
    }

    private Object parse(String operation, JsonNode body) {
        return switch (operation) {
            case "HostPools_Get", "HostPools_Update" -> AvdJson.hostPool(body);
            case "HostPools_RetrieveRegistrationToken" -> AvdJson.registrationToken(body);
            case "SessionHosts_Get", "SessionHosts_Update", "SessionHosts_Delete" -> AvdJson.sessionHost("hostPool1", body);
            case "SessionHosts_List" -> items(body, item -> AvdJson.sessionHost("hostPool1", item));
            case "UserSessions_Get", "UserSessions_Delete" -> AvdJson.userSession("hostPool1", null, body);
            case "UserSessions_List" -> items(body, item -> AvdJson.userSession("hostPool1", null, item));
            default -> throw new AssertionError("a response body for " + operation + " was not expected");
        };
    }

    private static <T> List<T> items(JsonNode page, Function<JsonNode, T> parse) {
        List<T> out = new ArrayList<>();
        page.path("value").forEach(item -> out.add(parse.apply(item)));
        assertThat(out).isNotEmpty().doesNotContainNull();
        return out;
    }

    // ---- helpers ----

    private JsonNode example(String file) throws IOException {
        return JSON.readTree(specDir.resolve("examples").resolve(file).toFile());
    }

    private static HostPoolRef pool(JsonNode ex) {
        return new HostPoolRef(ex.at("/parameters/resourceGroupName").asText(), ex.at("/parameters/hostPoolName").asText());
    }

    /** The example's success body; some examples put the resource directly under the status code. */
    private static JsonNode bodyOf(JsonNode response) {
        if (response.has("body")) {
            return response.get("body");
        }
        return response.isObject() && response.size() > 0 ? response : null;
    }

    private static Canned successOf(JsonNode ex) {
        for (Iterator<Map.Entry<String, JsonNode>> it = ex.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (r.getKey().startsWith("2")) {
                JsonNode body = bodyOf(r.getValue());
                return Canned.json(Integer.parseInt(r.getKey()), body == null ? null : body.toString());
            }
        }
        throw new AssertionError("example has no success response");
    }

    private <T> T call(JsonNode ex, java.util.function.Supplier<T> call) {
        server.respond(r -> successOf(ex));
        return call.get();
    }

    private Recorded assertRequestMatches(String file, String bodyParameter) throws IOException {
        List<Recorded> sent = server.requests();
        assertThat(sent).as("requests sent for " + file).hasSize(1);
        assertRequestMatches(sent.get(0), example(file), OPERATION_OF_EXAMPLE.get(file), bodyParameter);
        return sent.get(0);
    }

    private void assertRequestMatches(Recorded sent, JsonNode ex, String operationId, String bodyParameter) throws IOException {
        JsonNode params = ex.path("parameters");
        String[] template = pathAndMethod(operationId);
        String expectedPath = template[0];
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (p.getValue().isContainerNode()) {
                continue;
            }
            expectedPath = expectedPath.replace("{" + p.getKey() + "}", DesktopVirtualizationApi.segment(p.getValue().asText()));
        }
        assertThat(sent.method()).as(operationId + " method").isEqualToIgnoringCase(template[1]);
        assertThat(sent.path()).as(operationId + " path").isEqualTo(expectedPath);
        assertThat(sent.query()).as(operationId + " api-version").containsEntry("api-version", params.path("api-version").asText());
        // force on a PATCH is about personal desktop assignment, which drain mode does not touch
        if (params.has("force") && sent.method().equals("DELETE")) {
            assertThat(sent.query()).as(operationId + " force").containsEntry("force", params.path("force").asText());
        }
        assertThat(sent.headers().get("Authorization")).as("bearer token sent").containsExactly("Bearer " + TestConnections.STATIC_TOKEN);
        if (bodyParameter == null) {
            assertThat(sent.body()).as(operationId + " has no body").isEmpty();
        } else {
            assertFieldsExistIn(JSON.readTree(sent.body()), params.path(bodyParameter), operationId + " body");
        }
    }

    /** Every field the adapter sends must be a field the example request has, and with a value of the same type. */
    private static void assertFieldsExistIn(JsonNode sent, JsonNode example, String where) {
        sent.fields().forEachRemaining(e -> {
            String at = where + "." + e.getKey();
            assertThat(example.has(e.getKey())).as(at + " is a field of the official example").isTrue();
            JsonNode ex = example.get(e.getKey());
            if (e.getValue().isObject() && ex.isObject()) {
                assertFieldsExistIn(e.getValue(), ex, at);
            } else if (!ex.isNull()) {
                assertThat(e.getValue().getNodeType()).as(at + " type").isEqualTo(ex.getNodeType());
            }
        });
    }

    private String[] pathAndMethod(String operationId) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (operationId.equals(op.getValue().path("operationId").asText())) {
                    return new String[] {path.getKey(), op.getKey()};
                }
            }
        }
        throw new AssertionError("operation " + operationId + " not in the spec");
    }
}
