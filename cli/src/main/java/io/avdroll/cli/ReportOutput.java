package io.avdroll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** A rollout report (a line of {@code avdroll history} that carries one) for people: one row per host. */
final class ReportOutput {

    private static final String ROW = "    %-28s %-9s %-9s %5s %8s %8s %9s %8s %8s %6s  %s%n";

    private ReportOutput() {
    }

    static void print(PrintWriter out, JsonNode report) {
        out.printf(ROW, "HOST", "CLASS", "OUTCOME", "TRIES", "WAITED", "DRAIN", "REDEPLOY", "VERIFY", "OUT", "FORCED",
                "FAILED IN / REASON");
        for (JsonNode h : report.path("hosts")) {
            String failed = h.path("failedIn").isMissingNode() ? h.path("reason").asText()
                    : h.path("failedIn").asText() + ": " + h.path("reason").asText();
            out.printf(ROW, h.path("host").asText(), h.path("hostClass").asText().toLowerCase(), h.path("outcome").asText(),
                    h.path("attempts").asText(), duration(h, "waited"), duration(h, "drain"), duration(h, "redeploy"),
                    duration(h, "verify"), duration(h, "outOfService"), h.path("forcedLogOffs").asText(), failed);
        }
        for (JsonNode f : report.path("forced")) {
            out.printf("    forced: %s%n", f.asText());
        }
        for (JsonNode f : report.path("failures")) {
            out.printf("    failed: %s%n", f.asText());
        }
    }

    private static String duration(JsonNode host, String field) {
        JsonNode value = host.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : TextOutput.human(value.asText());
    }
}
