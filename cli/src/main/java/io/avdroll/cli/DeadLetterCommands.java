package io.avdroll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Dead-lettered Service Bus messages: list them with their reasons, re-submit one once its cause is fixed. */
final class DeadLetterCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterCommands() {
    }

    private static void printJson(PrintWriter out, JsonNode node) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    @Command(name = "dead-letters", description = "Dead-lettered messages of every subscription and queue, with their reasons.")
    static final class List implements Callable<Integer> {
        @Mixin
        ApiOptions api;

        @Spec
        CommandSpec spec;

        @Option(names = "--limit", description = "at most N messages per entity (1-500; the API's default is 50)")
        Integer limit;

        @Override
        public Integer call() {
            JsonNode messages = api.client().getFromApi("/dead-letters" + (limit == null ? "" : "?limit=" + limit)).body();
            PrintWriter out = spec.commandLine().getOut();
            if (api.json()) {
                printJson(out, messages);
            } else {
                TextOutput.deadLetters(out, messages);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "resubmit", description = "Send a copy of one dead-lettered message back to its entity and remove it from the dead-letter queue.")
    static final class Resubmit implements Callable<Integer> {
        @Mixin
        ApiOptions api;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<seq>", description = "the message's sequence number (SEQ in 'avdroll dead-letters')")
        long sequenceNumber;

        @Option(names = "--entity", required = true,
                description = "the subscription or queue it was dead-lettered from (ENTITY in 'avdroll dead-letters')")
        String entity;

        @Override
        public Integer call() {
            JsonNode answer = api.client().postToApi("/dead-letters/" + sequenceNumber + "/resubmit?entity="
                    + URLEncoder.encode(entity, StandardCharsets.UTF_8)).body();
            PrintWriter out = spec.commandLine().getOut();
            if (api.json()) {
                printJson(out, answer);
            } else {
                TextOutput.resubmitted(out, answer);
            }
            return ExitCodes.OK;
        }
    }
}
