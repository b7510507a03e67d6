package io.avdroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line itself, without an API: usage errors, the progress bar, durations and exit codes. */
class AvdrollCommandLineTest {

    @Test
    void aPoolArgumentWithoutResourceGroupIsAUsageErrorNamingTheExpectedForm() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Avdroll.run(new String[] {"status", "hp-prod"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected <resourceGroup>/<hostPool>");
    }

    @Test
    void anUnreachableApiExitsWithUnavailableAndSaysWhere() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Avdroll.run(new String[] {"status", "rg/hp", "--api-url", "http://127.0.0.1:1", "--token", "t"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the API at http://127.0.0.1:1");
    }

    @Test
    void theProgressBarFillsInProportionToTheHostsDone() {
        assertThat(TextOutput.bar(0, 6)).isEqualTo("[" + ".".repeat(30) + "]");
        assertThat(TextOutput.bar(3, 6)).isEqualTo("[" + "#".repeat(15) + ".".repeat(15) + "]");
        assertThat(TextOutput.bar(6, 6)).isEqualTo("[" + "#".repeat(30) + "]");
    }

    @Test
    void durationsPrintForPeopleAndShortFormsBecomeIso() {
        assertThat(TextOutput.human("PT1H35M")).isEqualTo("1h 35m");
        assertThat(TextOutput.human("PT26M")).isEqualTo("26m");
        assertThat(TextOutput.human("PT0S")).isEqualTo("0s");
        assertThat(Commands.RolloutOptions.isoDuration("30m")).isEqualTo("PT30M");
        assertThat(Commands.RolloutOptions.isoDuration("PT2H")).isEqualTo("PT2H");
    }

    @Test
    void httpStatusesMapToDistinctExitCodes() {
        assertThat(ExitCodes.forHttpStatus(400)).isEqualTo(ExitCodes.INVALID);
        assertThat(ExitCodes.forHttpStatus(401)).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(ExitCodes.forHttpStatus(404)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ExitCodes.forHttpStatus(409)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(ExitCodes.forHttpStatus(503)).isEqualTo(ExitCodes.UNAVAILABLE);
    }
}
