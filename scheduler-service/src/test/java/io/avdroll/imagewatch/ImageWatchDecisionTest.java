package io.avdroll.imagewatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.azure.gallery.ImageVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which gallery version, if any, the image watch starts a rollout to. */
class ImageWatchDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final ImageWatchPolicy NO_DELAY = new ImageWatchPolicy(Duration.ZERO, true);
    private static final ImageWatchPolicy THREE_DAYS = new ImageWatchPolicy(Duration.ofDays(3), true);
    private static final ImageWatchPolicy TAKE_EXCLUDED = new ImageWatchPolicy(Duration.ZERO, false);

    static Stream<Arguments> decisions() {
        return Stream.of(
                row("a newer version starts a rollout", List.of(v("1.0.0", 30), v("1.1.0", 1)), List.of("1.0.0"), NO_DELAY,
                        "1.1.0"),
                row("nothing newer: nothing starts", List.of(v("1.0.0", 30), v("0.9.0", 60)), List.of("1.0.0"), NO_DELAY, null),
                row("numbers compare numerically: 1.10.0 is newer than 1.9.0", List.of(v("1.9.0", 30), v("1.10.0", 1)),
                        List.of("1.9.0"), NO_DELAY, "1.10.0"),
                row("the newest of several newer versions", List.of(v("1.0.0", 30), v("1.1.0", 10), v("1.2.0", 5)),
                        List.of("1.0.0"), NO_DELAY, "1.2.0"),
                row("a version inside its delay waits", List.of(v("1.0.0", 30), v("1.1.0", 2)), List.of("1.0.0"), THREE_DAYS, null),
                row("a version past its delay starts", List.of(v("1.0.0", 30), v("1.1.0", 3)), List.of("1.0.0"), THREE_DAYS,
                        "1.1.0"),
                row("an older newer version that has baked starts while the newest still waits",
                        List.of(v("1.0.0", 30), v("1.1.0", 5), v("1.2.0", 1)), List.of("1.0.0"), THREE_DAYS, "1.1.0"),
                row("a version excluded from latest is skipped", List.of(v("1.0.0", 30), excluded("1.1.0", 5)),
                        List.of("1.0.0"), NO_DELAY, null),
                row("skipped when excluded, the next newest eligible one starts",
                        List.of(v("1.0.0", 30), v("1.1.0", 5), excluded("1.2.0", 5)), List.of("1.0.0"), NO_DELAY, "1.1.0"),
                row("excluded from latest only in the pool's region is skipped too",
                        List.of(v("1.0.0", 30), new ImageVersion("id", "1.1.0", NOW.minus(Duration.ofDays(5)), false,
                                Set.of("westeurope"), "Succeeded", 127, null)), List.of("1.0.0"), NO_DELAY, null),
                row("with the opt-out, an excluded version starts", List.of(v("1.0.0", 30), excluded("1.1.0", 5)),
                        List.of("1.0.0"), TAKE_EXCLUDED, "1.1.0"),
                row("a version still replicating is not started", List.of(v("1.0.0", 30), new ImageVersion("id", "1.1.0",
                        NOW.minus(Duration.ofDays(5)), false, Set.of(), "Creating", 127, null)), List.of("1.0.0"), NO_DELAY, null),
                row("a version past its end of life is not started", List.of(v("1.0.0", 30), new ImageVersion("id", "1.1.0",
                        NOW.minus(Duration.ofDays(5)), false, Set.of(), "Succeeded", 127, NOW.minusSeconds(1))),
                        List.of("1.0.0"), NO_DELAY, null),
                row("a half-done rollout: the newest version any host runs counts", List.of(v("1.0.0", 30), v("1.1.0", 5)),
                        List.of("1.0.0", "1.1.0", "1.0.0"), NO_DELAY, null),
                row("no host runs a version of the image: left alone", List.of(v("1.1.0", 5)), List.of(), NO_DELAY, null),
                row("names that are not Major.Minor.Patch are ignored", List.of(v("1.0.0", 30), v("latest", 1)),
                        List.of("1.0.0"), NO_DELAY, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void theNewestEligibleVersionNewerThanThePoolRunsIsStarted(String description, List<ImageVersion> versions,
                                                               List<String> running, ImageWatchPolicy policy, String expected) {
        ImageWatchDecision decision = ImageWatchDecision.decide(versions, running, "westeurope", policy, NOW);

        assertThat(decision.start()).as(description + ": " + decision.reason()).isEqualTo(expected != null);
        if (expected != null) {
            assertThat(decision.version().name()).as(description).isEqualTo(expected);
        }
        assertThat(decision.reason()).as(description).isNotBlank();
    }

    private static ImageVersion v(String name, int daysAgo) {
        return new ImageVersion("id-" + name, name, NOW.minus(Duration.ofDays(daysAgo)), false, Set.of(), "Succeeded", 127, null);
    }

    private static ImageVersion excluded(String name, int daysAgo) {
        return new ImageVersion("id-" + name, name, NOW.minus(Duration.ofDays(daysAgo)), true, Set.of(), "Succeeded", 127, null);
    }

    private static Arguments row(String description, List<ImageVersion> versions, List<String> running,
                                 ImageWatchPolicy policy, String expected) {
        return Arguments.of(description, versions, running, policy, expected);
    }
}
