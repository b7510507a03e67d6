package io.avdroll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;

/** How the commands print for people. */
final class TextOutput {

    static final int BAR_WIDTH = 30;

    private TextOutput() {
    }

    static void plan(PrintWriter out, JsonNode plan) {
        JsonNode spec = plan.path("spec");
        out.printf("Plan for %s/%s -> %s%n", plan.path("resourceGroup").asText(), plan.path("hostPool").asText(),
                shortImage(plan.path("targetImageVersionId").asText()));
        out.printf("Spec: maxUnavailable %s (window %d), canary %d, failure budget %s, floor %d host(s), grace %s%n",
                spec.path("maxUnavailable").asText(), spec.path("window").asInt(), spec.path("canaryHosts").asInt(),
                spec.path("failureBudget").asText(), spec.path("minAvailableHosts").asInt(),
                human(spec.path("drainGracePeriod").asText()));
        out.printf("%n%-5s %-4s %-28s %-9s %-17s %8s  %s%n", "ORDER", "WAVE", "HOST", "CLASS", "STATUS", "SESSIONS", "IMAGE");
        for (JsonNode h : plan.path("hosts")) {
            out.printf("%-5s %-4s %-28s %-9s %-17s %8d  %s%n", h.path("order").isNull() ? "-" : h.path("order").asText(),
                    h.path("wave").isNull() ? "-" : h.path("wave").asText(), h.path("host").asText(),
                    h.path("hostClass").asText().toLowerCase(), h.path("status").asText(), h.path("sessions").asInt(),
                    h.path("imageVersion").asText());
        }
        out.printf("%nWaves:%n");
        for (JsonNode w : plan.path("waves")) {
            out.printf("  %2d  +%-8s %s%n", w.path("number").asInt(), human(w.path("startsAfter").asText()),
                    String.join(", ", strings(w.path("hosts"))));
        }
        if (plan.path("skipped").size() > 0) {
            out.printf("Skipped (already on the target image): %s%n", String.join(", ", strings(plan.path("skipped"))));
        }
        estimate(out, plan);
        for (JsonNode note : plan.path("notes")) {
            out.printf("Note: %s%n", note.asText());
        }
        out.flush();
    }

    /** The simulated estimate: median, the pessimistic percentile and the lower bound, or why it does not complete. */
    private static void estimate(PrintWriter out, JsonNode plan) {
        JsonNode e = plan.path("estimate");
        String rollout = plan.path("completes").asBoolean() ? "" : " (the planner's dry run would not complete)";
        if (e.isMissingNode() || e.isNull()) {
            out.printf("%nEstimated duration: %s%s%n", human(plan.path("estimatedDuration").asText()), rollout);
            return;
        }
        if (!e.path("completes").asBoolean()) {
            out.printf("%nEstimated duration: none, the simulated rollout does not complete%s: %s%n", rollout,
                    e.path("reason").asText());
            return;
        }
        out.printf("%nEstimated duration: %s (median of %d simulated runs), p%d %s, lower bound %s%s%n",
                human(e.path("median").asText()), e.path("runs").asInt(), e.path("percentile").asInt(),
                human(e.path("pessimistic").asText()), human(e.path("lowerBound").asText()), rollout);
        out.printf("Simulated with the hosts' current sessions and: %s%n", e.path("basis").asText());
    }

    /**
     * @param watching    refreshed in place on a terminal (the screen is cleared), else separated by a line of dashes
     * @param terminal    whether the output is a terminal
     */
    static void status(PrintWriter out, JsonNode s, boolean watching, boolean terminal) {
        JsonNode c = s.path("counters");
        if (watching) {
            out.print(terminal ? "\033[H\033[2J" : "----" + System.lineSeparator());
        }
        out.printf("%s/%s  rollout %s  %s%s%n", s.path("resourceGroup").asText(), s.path("hostPool").asText(),
                s.path("rolloutId").asText(), s.path("state").asText(),
                s.hasNonNull("stateReason") ? " (" + s.path("stateReason").asText() + ")" : "");
        out.printf("target %s%n", shortImage(s.path("targetImageVersionId").asText()));
        out.printf("%s %d/%d hosts (%d %%)%n", bar(c.path("done").asInt(), c.path("total").asInt()), c.path("done").asInt(),
                c.path("total").asInt(), c.path("percentDone").asInt());
        out.printf("pending %d  in flight %d  verified %d  failed %d  skipped %d%n%n", c.path("pending").asInt(),
                c.path("inFlight").asInt(), c.path("verified").asInt(), c.path("failed").asInt(), c.path("skipped").asInt());
        out.printf("%-28s %-12s %-7s %-20s %s%n", "HOST", "STAGE", "ATTEMPT", "SINCE", "REASON");
        for (JsonNode h : s.path("hosts")) {
            out.printf("%-28s %-12s %-7d %-20s %s%n", h.path("host").asText(), h.path("stage").asText(),
                    h.path("attempt").asInt(), h.path("stageSince").asText().replaceFirst("\\.\\d+Z$", "Z"),
                    h.path("lastReason").asText());
        }
        out.flush();
    }

    static void action(PrintWriter out, JsonNode a) {
        if (a.path("handled").asBoolean()) {
            out.printf("%s %s: %s%n", a.path("action").asText(), a.path("rolloutId").asText(), a.path("outcome").asText());
            JsonNode r = a.path("rollout");
            if (!r.isMissingNode() && !r.isNull()) {
                JsonNode c = r.path("counters");
                out.printf("rollout %s is %s: %s %d/%d hosts, %d in flight%n", r.path("rolloutId").asText(),
                        r.path("state").asText(), bar(c.path("done").asInt(), c.path("total").asInt()),
                        c.path("done").asInt(), c.path("total").asInt(), c.path("inFlight").asInt());
            }
        } else {
            out.printf("%s %s: sent (message %s); the coordinator has not handled it yet — see 'avdroll status'%n",
                    a.path("action").asText(), a.path("rolloutId").asText(), a.path("messageId").asText());
        }
        out.flush();
    }

    static void history(PrintWriter out, JsonNode lines) {
        for (JsonNode line : lines) {
            out.printf("%s  %-24s %s%n", line.path("at").asText(), line.path("rolloutId").asText(), line.path("text").asText());
            if (line.hasNonNull("report")) {
                ReportOutput.print(out, line.path("report"));
            }
        }
        out.flush();
    }

    static void list(PrintWriter out, JsonNode pools) {
        out.printf("%-36s %-28s %-10s %s%n", "POOL", "ROLLOUT", "STATE", "PROGRESS");
        for (JsonNode p : pools) {
            JsonNode c = p.path("counters");
            out.printf("%-36s %-28s %-10s %d/%d%n", p.path("resourceGroup").asText() + "/" + p.path("hostPool").asText(),
                    p.path("rolloutId").asText(), p.path("state").asText(), c.path("done").asInt(), c.path("total").asInt());
        }
        out.flush();
    }

    static void deadLetters(PrintWriter out, JsonNode messages) {
        if (messages.isEmpty()) {
            out.println("No dead-lettered messages.");
            out.flush();
            return;
        }
        out.printf("%-24s %8s %-20s %-28s %-30s %s%n", "ENTITY", "SEQ", "ENQUEUED", "SUBJECT", "REASON", "DESCRIPTION");
        for (JsonNode m : messages) {
            out.printf("%-24s %8d %-20s %-28s %-30s %s%n", m.path("entity").asText(), m.path("sequenceNumber").asLong(),
                    m.path("enqueuedAt").asText().replaceFirst("\\.\\d+Z$", "Z"), m.path("subject").asText("-"),
                    m.path("reason").asText(), m.path("description").asText(""));
        }
        out.printf("%nRe-submit one after fixing its cause: avdroll resubmit <SEQ> --entity <ENTITY>%n");
        out.flush();
    }

    static void resubmitted(PrintWriter out, JsonNode answer) {
        out.printf("re-submitted %d from %s as message %s%n", answer.path("sequenceNumber").asLong(),
                answer.path("entity").asText(), answer.path("messageId").asText());
        out.flush();
    }

    /** {@code [#########.....]}: done of total, {@value #BAR_WIDTH} wide. */
    static String bar(int done, int total) {
        int filled = total == 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    /** PT1H35M → 1h 35m. */
    static String human(String iso) {
        try {
            Duration d = Duration.parse(iso);
            long h = d.toHours();
            long m = d.toMinutesPart();
            long s = d.toSecondsPart();
            return (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m" : "") + (h == 0 && m == 0 ? s + "s" : "");
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private static String shortImage(String id) {
        int images = id.indexOf("/images/");
        return images < 0 ? id : id.substring(images + "/images/".length()).replace("/versions/", " ");
    }

    private static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
