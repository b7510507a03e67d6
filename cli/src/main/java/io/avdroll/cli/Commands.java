package io.avdroll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The subcommands of {@code avdroll}. */
final class Commands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Commands() {
    }

    /** What every pool command has: the API options and the pool. */
    abstract static class PoolCommand implements Callable<Integer> {
        @Mixin
        ApiOptions api;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<resourceGroup/hostPool>", converter = PoolArg.Converter.class,
                description = "the host pool, e.g. rg-avd/hp-prod")
        PoolArg pool;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void printJson(JsonNode node) {
            try {
                out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out().flush();
        }
    }

    /** Image and per-request overrides, shared by plan and start. */
    static final class RolloutOptions {
        @Option(names = {"-i", "--image"}, required = true,
                description = "target gallery image version resource id (/subscriptions/.../images/<image>/versions/<version>)")
        String image;

        @Option(names = "--max-unavailable", description = "hosts out at once: a count (2) or a percent (25%%)")
        String maxUnavailable;

        @Option(names = "--canary", description = "hosts done alone before the window opens")
        Integer canaryHosts;

        @Option(names = "--max-failed-percent", description = "failure budget in percent of the hosts; past it the rollout pauses")
        Integer maxFailedPercent;

        @Option(names = "--grace", description = "drain grace period, ISO-8601 (PT30M) or minutes (30m)")
        String grace;

        @Option(names = "--min-available", description = "capacity floor in hosts")
        Integer minAvailableHosts;

        ObjectNode body() {
            ObjectNode body = JSON.createObjectNode().put("targetImageVersionId", image);
            ObjectNode overrides = body.putObject("overrides");
            if (maxUnavailable != null) {
                overrides.put("maxUnavailable", maxUnavailable);
            }
            if (canaryHosts != null) {
                overrides.put("canaryHosts", canaryHosts);
            }
            if (maxFailedPercent != null) {
                overrides.put("maxFailedPercent", maxFailedPercent);
            }
            if (grace != null) {
                overrides.put("drainGracePeriod", isoDuration(grace));
            }
            if (minAvailableHosts != null) {
                overrides.put("minAvailableHosts", minAvailableHosts);
            }
            return body;
        }

        /** "30m", "2h", "90s" or an ISO-8601 duration; anything else is passed on for the API to name. */
        static String isoDuration(String text) {
            String t = text.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.matches("\\d+[smh]")) {
                return "PT" + t.toUpperCase(java.util.Locale.ROOT);
            }
            return text.strip().toUpperCase(java.util.Locale.ROOT);
        }
    }

    @Command(name = "plan", description = "Dry run: hosts in admission order, waves and an estimated duration. Changes nothing.")
    static final class Plan extends PoolCommand {
        @Mixin
        RolloutOptions rollout;

        @Override
        public Integer call() {
            JsonNode plan = api.client().post(pool.path() + "/plan", rollout.body()).body();
            if (api.json()) {
                printJson(plan);
            } else {
                TextOutput.plan(out(), plan);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "start", description = "Start a rollout of the pool to an image version.")
    static final class Start extends PoolCommand {
        @Mixin
        RolloutOptions rollout;

        @Option(names = "--rollout-id", description = "your id for the rollout (default: generated); resending it is harmless")
        String rolloutId;

        @Override
        public Integer call() {
            ObjectNode body = rollout.body();
            if (rolloutId != null) {
                body.put("rolloutId", rolloutId);
            }
            ApiClient.Answer answer = api.client().post(pool.path() + "/rollouts", body);
            if (api.json()) {
                printJson(answer.body());
            } else {
                TextOutput.action(out(), answer.body());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "The pool's rollout: progress bar, counters and each host's stage.")
    static final class Status extends PoolCommand {
        @Option(names = {"-w", "--watch"}, description = "keep refreshing until the rollout completes, pauses or is cancelled")
        boolean watch;

        @Option(names = "--interval", defaultValue = "2s", description = "refresh interval with --watch (default ${DEFAULT-VALUE})")
        String interval;

        @Override
        public Integer call() throws InterruptedException {
            Duration every = Duration.parse(RolloutOptions.isoDuration(interval));
            while (true) {
                JsonNode status = api.client().get(pool.path()).body();
                if (api.json()) {
                    if (watch) {
                        out().println(status.toString()); // one JSON document per line while watching
                        out().flush();
                    } else {
                        printJson(status);
                    }
                } else {
                    TextOutput.status(out(), status, watch, System.console() != null);
                }
                String state = status.path("state").asText();
                if (!watch || !state.equals("RUNNING")) {
                    return watch ? exitFor(status) : ExitCodes.OK;
                }
                Thread.sleep(every.toMillis());
            }
        }

        private static int exitFor(JsonNode status) {
            return switch (status.path("state").asText()) {
                case "COMPLETED" -> status.path("counters").path("failed").asInt() > 0 ? ExitCodes.HOSTS_FAILED : ExitCodes.OK;
                case "CANCELLED" -> ExitCodes.CANCELLED;
                case "PAUSED" -> ExitCodes.PAUSED;
                default -> ExitCodes.OK;
            };
        }
    }

    /** pause / resume / cancel / retry: one control message each. */
    abstract static class Control extends PoolCommand {
        @Option(names = "--reason", description = "why (recorded in the pool's history)")
        String reason;

        abstract String action();

        @Override
        public Integer call() {
            ObjectNode body = JSON.createObjectNode();
            if (reason != null) {
                body.put("reason", reason);
            }
            ApiClient.Answer answer = api.client().post(pool.path() + "/rollout/" + action(), body);
            if (api.json()) {
                printJson(answer.body());
            } else {
                TextOutput.action(out(), answer.body());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "pause", description = "Stop admitting hosts; hosts in flight finish.")
    static final class Pause extends Control {
        @Override
        String action() {
            return "pause";
        }
    }

    @Command(name = "resume", description = "Admit hosts again after a pause.")
    static final class Resume extends Control {
        @Override
        String action() {
            return "resume";
        }
    }

    @Command(name = "cancel", description = "End the rollout: no more admissions; hosts in flight finish.")
    static final class Cancel extends Control {
        @Override
        String action() {
            return "cancel";
        }
    }

    @Command(name = "retry", description = "Put the failed hosts back in line (a new attempt each) and resume.")
    static final class Retry extends Control {
        @Override
        String action() {
            return "retry";
        }
    }

    @Command(name = "history", description = "What happened to the pool's rollouts and requests, oldest first.")
    static final class History extends PoolCommand {
        @Option(names = "--limit", description = "only the newest N lines")
        Integer limit;

        @Override
        public Integer call() {
            JsonNode lines = api.client().get(pool.path() + "/history" + (limit == null ? "" : "?limit=" + limit)).body();
            if (api.json()) {
                printJson(lines);
            } else {
                TextOutput.history(out(), lines);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Pools with a known rollout and where each stands.")
    static final class ListPools implements Callable<Integer> {
        @Mixin
        ApiOptions api;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            JsonNode pools = api.client().get("").body();
            PrintWriter out = spec.commandLine().getOut();
            if (api.json()) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pools));
            } else {
                TextOutput.list(out, pools);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
