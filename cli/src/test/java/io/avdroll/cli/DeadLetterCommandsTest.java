package io.avdroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code avdroll dead-letters} and {@code avdroll resubmit} against a small HTTP stand-in that answers like
 * scheduler-service's dead-letters resource: the request the CLI sends, its table and JSON, and its exit codes.
 */
class DeadLetterCommandsTest {

    private static final String ONE_DEAD_LETTER = """
            [{"entity":"coordinator","sequenceNumber":17,"messageId":"m-17","subject":"HostDrained",
              "reason":"MaxDeliveryCountExceeded","description":"handler failed 10 times",
              "enqueuedAt":"2026-11-27T08:00:01.123Z","body":"{}"}]""";

    private static HttpServer server;
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static volatile int status;
    private static volatile String answer;

    @BeforeAll
    static void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", DeadLetterCommandsTest::answer);
        server.start();
    }

    @AfterAll
    static void stopStandIn() {
        server.stop(0);
    }

    @BeforeEach
    void clearRequests() {
        requests.clear();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run avdroll(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api-url";
        all[args.length + 1] = "http://127.0.0.1:" + server.getAddress().getPort();
        all[args.length + 2] = "--token";
        all[args.length + 3] = "local-token";
        int code = Avdroll.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void deadLettersPrintsOneRowPerMessageWithEntitySequenceAndReason() {
        status = 200;
        answer = ONE_DEAD_LETTER;

        Run run = avdroll("dead-letters", "--limit", "20");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(requests).containsExactly("GET /api/v1/dead-letters?limit=20 Bearer local-token");
        assertThat(run.out()).contains("ENTITY").contains("SEQ").contains("REASON");
        assertThat(run.out().lines().filter(l -> l.startsWith("coordinator")).findFirst()).hasValueSatisfying(row -> assertThat(row)
                .contains(" 17 ").contains("2026-11-27T08:00:01Z").contains("HostDrained")
                .contains("MaxDeliveryCountExceeded").contains("handler failed 10 times"));
        assertThat(run.out()).contains("avdroll resubmit <SEQ> --entity <ENTITY>");
    }

    @Test
    void deadLettersAsJsonPrintsTheApiAnswerForScripts() throws IOException {
        status = 200;
        answer = ONE_DEAD_LETTER;

        Run run = avdroll("dead-letters", "-o", "json");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        JsonNode printed = new ObjectMapper().readTree(run.out());
        assertThat(printed).isEqualTo(new ObjectMapper().readTree(ONE_DEAD_LETTER));
    }

    @Test
    void noDeadLettersSaysSoInsteadOfAnEmptyTable() {
        status = 200;
        answer = "[]";

        Run run = avdroll("dead-letters");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("No dead-lettered messages.").doesNotContain("ENTITY");
    }

    @Test
    void resubmitPostsTheSequenceNumberAndEntityAndPrintsTheCopysMessageId() throws IOException {
        status = 202;
        answer = """
                {"entity":"rollout-events/subscriptions/drain","sequenceNumber":17,"messageId":"copy-1"}""";

        Run text = avdroll("resubmit", "17", "--entity", "rollout-events/subscriptions/drain");
        Run json = avdroll("resubmit", "17", "--entity", "rollout-events/subscriptions/drain", "-o", "json");

        assertThat(requests).as("the entity path is URL-encoded as one query value").hasSize(2).allMatch(r -> r.equals(
                "POST /api/v1/dead-letters/17/resubmit?entity=rollout-events%2Fsubscriptions%2Fdrain Bearer local-token"));
        assertThat(text.code()).isEqualTo(ExitCodes.OK);
        assertThat(text.out()).contains("re-submitted 17 from rollout-events/subscriptions/drain as message copy-1");
        assertThat(json.code()).isEqualTo(ExitCodes.OK);
        assertThat(new ObjectMapper().readTree(json.out()).path("messageId").asText()).isEqualTo("copy-1");
    }

    @Test
    void resubmitOfAVanishedMessageExitsNotFoundWithTheApisMessage() {
        status = 404;
        answer = """
                {"field":"sequenceNumber","message":"no dead-lettered message 99 in coordinator"}""";

        Run run = avdroll("resubmit", "99", "--entity", "coordinator");

        assertThat(run.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("no dead-lettered message 99 in coordinator");
    }

    @Test
    void resubmitToAnUnknownEntityExitsInvalid() {
        status = 400;
        answer = """
                {"field":"entity","message":"unknown entity nope"}""";

        Run run = avdroll("resubmit", "5", "--entity", "nope");

        assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("unknown entity nope");
    }

    @Test
    void resubmitWithoutEntityOrWithANonNumericSequenceIsAUsageError() {
        Run noEntity = avdroll("resubmit", "17");
        Run badSeq = avdroll("resubmit", "seventeen", "--entity", "coordinator");

        assertThat(noEntity.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noEntity.err()).contains("--entity");
        assertThat(badSeq.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badSeq.err()).contains("<seq>");
        assertThat(requests).isEmpty();
    }
}
