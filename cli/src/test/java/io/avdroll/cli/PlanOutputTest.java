package io.avdroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** How {@code avdroll plan} prints the simulated estimate for people. */
class PlanOutputTest {

    @Test
    void aCompletingEstimateShowsTheMedianThePessimisticPercentileAndTheLowerBound() throws Exception {
        String out = print("""
                {"estimatedDuration": "PT1H32M", "completes": true, "notes": [],
                 "estimate": {"median": "PT1H32M", "pessimistic": "PT1H41M", "percentile": 90, "lowerBound": "PT1H20M",
                              "runs": 30, "completes": true, "reason": null, "basis": "users sign out after 0.6 x grace"}}""");

        assertThat(out).contains("Estimated duration: 1h 32m (median of 30 simulated runs), p90 1h 41m, lower bound 1h 20m\n")
                .contains("Simulated with the hosts' current sessions and: users sign out after 0.6 x grace");
    }

    @Test
    void anEstimateThatDoesNotCompleteSaysWhyInsteadOfAFigure() throws Exception {
        String out = print("""
                {"estimatedDuration": null, "completes": false, "notes": ["capacity floor"],
                 "estimate": {"median": null, "pessimistic": null, "percentile": 90, "lowerBound": null, "runs": 1,
                              "completes": false, "reason": "the simulated rollout ends stuck", "basis": "..."}}""");

        assertThat(out).contains("Estimated duration: none, the simulated rollout does not complete (the planner's dry run "
                + "would not complete): the simulated rollout ends stuck").doesNotContain("median");
    }

    private static String print(String planJson) throws Exception {
        JsonNode plan = new ObjectMapper().readTree(planJson);
        StringWriter text = new StringWriter();
        TextOutput.plan(new PrintWriter(text), plan);
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
