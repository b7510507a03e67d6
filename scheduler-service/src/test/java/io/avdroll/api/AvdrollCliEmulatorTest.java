package io.avdroll.api;

import static io.avdroll.api.ApiFixtures.RG;
import static io.avdroll.api.ApiFixtures.SUB;
import static io.avdroll.api.ApiFixtures.TOKEN;
import static io.avdroll.api.ApiFixtures.V2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.bus.EventBus;
import io.avdroll.cli.Avdroll;
import io.avdroll.cli.ExitCodes;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostVerified;
import io.avdroll.events.StageTimes;
import io.avdroll.events.UpdateRequested;
import io.avdroll.service.testing.AzureEmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code avdroll} against the running scheduler-service API on the emulator: every command, text and JSON output,
 * and the exit codes scripts rely on.
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class AvdrollCliEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean seeded;

    @TestHTTPResource("/")
    URL api;

    @Inject
    EventBus bus;

    /** One run of the CLI: exit code and what it printed. */
    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    @BeforeEach
    void seed() {
        if (!seeded) {
            ApiFixtures.seedPools(List.of("hp-cli", "hp-cli-plan"));
            seeded = true;
        }
    }

    @Test
    void planPrintsTheHostsInOrderTheWavesAndTheEstimateAndJsonModeGivesTheSameData() {
        Run text = avdroll("plan", RG + "/hp-cli-plan", "--image", V2, "--max-unavailable", "2", "--canary", "1");
        assertThat(text.code()).isEqualTo(ExitCodes.OK);
        assertThat(text.out()).contains("Plan for rg-avd/hp-cli-plan -> win11 2.0.0")
                .contains("maxUnavailable 2 (window 2), canary 1").contains("ORDER WAVE HOST")
                .containsPattern("(?m)^1 +1 +hp-cli-plan-\\d+").containsPattern("(?m)^6 +\\d +hp-cli-plan-\\d+")
                .contains("Waves:")
                .containsPattern("Estimated duration: (\\d+h )?\\d+m \\(median of \\d+ simulated runs\\), p\\d+ (\\d+h )?\\d+m, "
                        + "lower bound (\\d+h )?\\d+m")
                .contains("Simulated with the hosts' current sessions and: users sign out after");

        Run json = avdroll("plan", RG + "/hp-cli-plan", "--image", V2, "--max-unavailable", "2", "--canary", "1",
                "--output", "json");
        assertThat(json.code()).isEqualTo(ExitCodes.OK);
        assertThat(json.json().path("hosts")).hasSize(6);
        assertThat(json.json().path("waves").get(0).path("hosts")).hasSize(1);
        assertThat(json.json().path("estimatedDuration").asText()).startsWith("PT");
        JsonNode estimate = json.json().path("estimate");
        assertThat(estimate.path("completes").asBoolean()).isTrue();
        assertThat(estimate.path("median").asText()).isEqualTo(json.json().path("estimatedDuration").asText());
        assertThat(Duration.parse(estimate.path("lowerBound").asText())).isPositive()
                .isLessThanOrEqualTo(Duration.parse(estimate.path("median").asText()));
        assertThat(Duration.parse(estimate.path("pessimistic").asText()))
                .isGreaterThanOrEqualTo(Duration.parse(estimate.path("median").asText()));
        // the text shows the same figures as the JSON
        assertThat(text.out()).contains("median of " + estimate.path("runs").asInt() + " simulated runs")
                .contains("p" + estimate.path("percentile").asInt() + " ");

        Run invalid = avdroll("plan", RG + "/hp-cli-plan", "--image", V2, "--max-unavailable", "0");
        assertThat(invalid.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err()).contains("overrides.maxUnavailable");
    }

    @Test
    void startStatusPauseResumeRetryCancelHistoryAndListDriveOneRolloutWithTheirExitCodes() {
        Run start = avdroll("start", RG + "/hp-cli", "--image", V2, "--rollout-id", "r-cli", "--max-unavailable", "2",
                "--canary", "0");
        assertThat(start.code()).isEqualTo(ExitCodes.OK);
        assertThat(start.out()).contains("start r-cli: started rollout r-cli").contains("rollout r-cli is RUNNING");

        Run again = avdroll("start", RG + "/hp-cli", "--image", V2);
        assertThat(again.code()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(again.err()).contains("r-cli is RUNNING");

        Run status = avdroll("status", RG + "/hp-cli");
        assertThat(status.code()).isEqualTo(ExitCodes.OK);
        assertThat(status.out()).contains("rollout r-cli  RUNNING").contains("[" + ".".repeat(30) + "] 0/6 hosts (0 %)")
                .contains("pending 4  in flight 2").containsPattern("hp-cli-\\d+ +DRAINING");
        JsonNode statusJson = avdroll("status", RG + "/hp-cli", "-o", "json").json();
        assertThat(statusJson.path("rolloutId").asText()).isEqualTo("r-cli");
        List<String> draining = new ArrayList<>();
        statusJson.path("hosts").forEach(h -> {
            if (h.path("stage").asText().equals("DRAINING")) {
                draining.add(h.path("host").asText());
            }
        });
        assertThat(draining).hasSize(2);

        Run pause = avdroll("pause", RG + "/hp-cli", "--reason", "change freeze");
        assertThat(pause.code()).isEqualTo(ExitCodes.OK);
        assertThat(pause.out()).contains("rollout r-cli is PAUSED");
        assertThat(avdroll("status", RG + "/hp-cli", "--watch").code()).isEqualTo(ExitCodes.PAUSED);
        assertThat(avdroll("pause", RG + "/hp-cli").code()).isEqualTo(ExitCodes.CONFLICT);

        Run resume = avdroll("resume", RG + "/hp-cli");
        assertThat(resume.code()).isEqualTo(ExitCodes.OK);
        assertThat(resume.out()).contains("rollout r-cli is RUNNING");
        assertThat(avdroll("retry", RG + "/hp-cli").code()).isEqualTo(ExitCodes.CONFLICT); // nothing failed yet

        bus.publish(new HostFailed("r-cli", SUB, RG, "hp-cli", draining.get(0), 1, FailedStage.DRAIN, null, null,
                "host vanished while draining", Instant.now()));
        ApiFixtures.await(() -> avdroll("status", RG + "/hp-cli", "-o", "json").json(),
                s -> s.path("state").asText().equals("PAUSED") && s.path("counters").path("failed").asInt() == 1);
        Run retry = avdroll("retry", RG + "/hp-cli", "--reason", "host is back");
        assertThat(retry.code()).isEqualTo(ExitCodes.OK);
        assertThat(retry.out()).contains("rollout r-cli is RUNNING");
        JsonNode afterRetry = avdroll("status", RG + "/hp-cli", "-o", "json").json();
        assertThat(afterRetry.path("counters").path("failed").asInt()).isZero();

        // the verifier's verdict tells the stages the host passed; the report after the cancel shows them
        Instant verifiedAt = Instant.now();
        StageTimes told = new StageTimes(verifiedAt.minusSeconds(95), verifiedAt.minusSeconds(65),
                verifiedAt.minusSeconds(20), 2);
        bus.publish(new HostVerified("r-cli", SUB, RG, "hp-cli", draining.get(1), 1, V2, verifiedAt, told));
        ApiFixtures.await(() -> avdroll("status", RG + "/hp-cli", "-o", "json").json(),
                s -> s.path("counters").path("verified").asInt() == 1);

        Run cancel = avdroll("cancel", RG + "/hp-cli", "--reason", "wrong image");
        assertThat(cancel.code()).isEqualTo(ExitCodes.OK);
        assertThat(cancel.out()).contains("rollout r-cli is CANCELLED");
        assertThat(avdroll("status", RG + "/hp-cli", "--watch", "-o", "json").code()).isEqualTo(ExitCodes.CANCELLED);

        Run history = avdroll("history", RG + "/hp-cli");
        assertThat(history.code()).isEqualTo(ExitCodes.OK);
        assertThat(history.out()).contains("started for api:local").contains("pause by api:local: change freeze")
                .contains("retry by api:local: host is back").contains("cancel by api:local: wrong image");
        assertThat(history.out()).contains("report: CANCELLED after")
                .containsPattern("(?m)^ +" + draining.get(1) + " +standard +VERIFIED +1 .* 30s +45s +.* 2 ")
                .contains("forced: " + draining.get(1) + ": 2 user(s) logged off by force");
        JsonNode historyJson = avdroll("history", RG + "/hp-cli", "--limit", "1", "-o", "json").json();
        assertThat(historyJson).hasSize(1);
        JsonNode report = historyJson.get(0).path("report");
        assertThat(report.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(report.path("forcedLogOffs").asInt()).isEqualTo(2);
        JsonNode verifiedHost = null;
        for (JsonNode h : report.path("hosts")) {
            if (h.path("host").asText().equals(draining.get(1))) {
                verifiedHost = h;
            }
        }
        assertThat(verifiedHost).isNotNull();
        assertThat(verifiedHost.path("drainStartedAt").asText()).isEqualTo(told.drainStartedAt().toString());
        assertThat(verifiedHost.path("drain").asText()).isEqualTo("PT30S");
        assertThat(verifiedHost.path("redeploy").asText()).isEqualTo("PT45S");
        assertThat(Duration.parse(verifiedHost.path("outOfService").asText()))
                .as("from the drain's start to the verdict as the coordinator recorded it").isGreaterThanOrEqualTo(Duration.ofSeconds(95));
        assertThat(Instant.parse(verifiedHost.path("endedAt").asText())).isAfterOrEqualTo(verifiedAt.minusSeconds(1));

        Run list = avdroll("list");
        assertThat(list.code()).isEqualTo(ExitCodes.OK);
        assertThat(list.out()).containsPattern("rg-avd/hp-cli +r-cli +CANCELLED");
    }

    @Test
    void aWrongTokenAnUnknownPoolAndAMissingRolloutEachHaveTheirExitCode() {
        Run denied = run("status", RG + "/hp-cli", "--api-url", api.toString(), "--token", "wrong-token-0123456789");
        assertThat(denied.code()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(denied.err()).contains("not valid for this API").doesNotContain("wrong-token");

        assertThat(avdroll("start", RG + "/hp-nowhere", "--image", V2).code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(avdroll("status", RG + "/hp-cli-plan").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void deadLettersListsAMessageTheCoordinatorRejectedAndResubmitSendsItBackOnce() throws InterruptedException {
        bus.publish(new UpdateRequested("r-cli-dlq", SUB, RG, "hp-cli-missing", V2, null, "test", Instant.now()));
        JsonNode dead = null;
        for (Instant until = Instant.now().plusSeconds(30); dead == null && Instant.now().isBefore(until); Thread.sleep(250)) {
            Run listed = avdroll("dead-letters", "-o", "json");
            assertThat(listed.code()).isEqualTo(ExitCodes.OK);
            for (JsonNode m : listed.json()) {
                if (m.path("body").asText().contains("hp-cli-missing")) {
                    dead = m;
                }
            }
        }
        assertThat(dead).as("the update request for a pool Azure lacks is dead-lettered within 30 s").isNotNull();
        assertThat(dead.path("entity").asText()).isEqualTo("coordinator");
        assertThat(dead.path("reason").asText()).startsWith("UnknownHostPool");
        String seq = dead.path("sequenceNumber").asText();

        Run table = avdroll("dead-letters");
        assertThat(table.code()).isEqualTo(ExitCodes.OK);
        assertThat(table.out()).containsPattern("(?m)^coordinator +" + seq + " .*UnknownHostPool");

        assertThat(avdroll("resubmit", seq, "--entity", "nowhere").code()).isEqualTo(ExitCodes.INVALID);
        Run resubmitted = avdroll("resubmit", seq, "--entity", "coordinator");
        assertThat(resubmitted.code()).isEqualTo(ExitCodes.OK);
        assertThat(resubmitted.out()).contains("re-submitted " + seq + " from coordinator as message ");
        Run again = avdroll("resubmit", seq, "--entity", "coordinator", "-o", "json");
        assertThat(again.code()).as("the original left the dead-letter queue").isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(again.err()).contains("no dead-lettered message " + seq);
    }

    private Run avdroll(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api-url", api.toString(), "--token", TOKEN));
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Avdroll.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
