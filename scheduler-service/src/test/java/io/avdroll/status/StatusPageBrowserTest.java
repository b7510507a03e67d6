package io.avdroll.status;

import static io.avdroll.api.ApiFixtures.RG;
import static io.avdroll.api.ApiFixtures.SUB;
import static io.avdroll.api.ApiFixtures.TOKEN;
import static io.avdroll.api.ApiFixtures.V2;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.api.ApiFixtures;
import io.avdroll.bus.EventBus;
import io.avdroll.events.HostVerified;
import io.avdroll.service.testing.AzureEmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The status page in a real headless Chromium (Debian's {@code chromium}): the page's script fetches the API with the
 * token from the URL fragment and draws one tile per host, coloured by stage, with the counters and recent events.
 * The screenshot is left in {@code target/status-page.png}.
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class StatusPageBrowserTest {

    private static final Path SCREENSHOT = Path.of("target", "status-page.png");
    private static final Pattern TILE = Pattern.compile("data-host=\"([^\"]+)\" data-stage=\"([A-Z]+)\"");

    @TestHTTPResource("/status")
    URL page;

    @Inject
    EventBus bus;

    @Test
    void theGridShowsEveryHostInItsStageWithTheCountersAndRecentEvents() throws Exception {
        ApiFixtures.seedPools(List.of("hp-page"));
        JsonPath started = given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body(Map.of("rolloutId", "r-page", "targetImageVersionId", V2,
                        "overrides", Map.of("maxUnavailable", "2", "canaryHosts", 0)))
                .when().post("/api/v1/pools/" + RG + "/hp-page/rollouts").then().statusCode(201).extract().jsonPath();
        String first = started.getString("rollout.hosts.find { it.stage == 'DRAINING' }.host");
        bus.publish(new HostVerified("r-page", SUB, RG, "hp-page", first, 1, V2, Instant.now()));
        JsonPath status = ApiFixtures.await(() -> given().auth().oauth2(TOKEN).get("/api/v1/pools/" + RG + "/hp-page")
                .then().extract().jsonPath(), s -> "VERIFIED".equals(s.getString("hosts.find { it.host == '" + first + "' }.stage")));

        String url = page + "?pool=" + RG + "/hp-page#token=" + TOKEN;
        String dom = chromium("--dump-dom", url);

        Matcher tiles = TILE.matcher(dom);
        List<String> shown = new ArrayList<>();
        while (tiles.find()) {
            shown.add(tiles.group(1) + "=" + tiles.group(2));
        }
        List<String> expected = status.getList("hosts").stream().map(h -> (Map<?, ?>) h)
                .map(h -> h.get("host") + "=" + h.get("stage")).toList();
        assertThat(shown).hasSize(6).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(shown).contains(first + "=VERIFIED");
        assertThat(dom).contains("rg-avd/hp-page").contains("class=\"state RUNNING\"")
                .contains("1 / 6 hosts (16 %)")
                .containsPattern("data-counter=\"in flight\"><dt>in flight</dt><dd>2</dd>")
                .containsPattern("data-counter=\"verified\"><dt>verified</dt><dd>1</dd>")
                .contains(first + ": DRAINING -&gt; VERIFIED");
        assertThat(dom).doesNotContain(TOKEN); // the token left the address bar and the page

        Files.deleteIfExists(SCREENSHOT);
        chromium("--screenshot=" + SCREENSHOT.toAbsolutePath(), url);
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    @Test
    void thePageAndItsFilesArePublicButItsDataNeedsTheToken() {
        given().when().get("/status").then().statusCode(200).contentType("text/html")
                .header("Content-Security-Policy", "default-src 'self'; connect-src 'self'");
        given().when().get("/status/app.js").then().statusCode(200);
        given().when().get("/status/../application.properties").then().statusCode(404);
        given().when().get("/api/v1/pools").then().statusCode(401);
    }

    /** Runs Debian's chromium headless with its own profile; returns what it printed (the DOM for --dump-dom). */
    private static String chromium(String mode, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--virtual-time-budget=4000", mode, url);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("chromium is needed for this test: apt-get install -y chromium", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
