package io.avdroll.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code avdroll}: plan, start, watch and steer rolling updates of AVD host pools through scheduler-service's
 * on-demand API. Each command is one HTTP call (status {@code --watch} polls); {@code --output json} prints the API's
 * JSON for scripts; the exit code says what happened ({@link ExitCodes}).
 */
@Command(name = "avdroll", mixinStandardHelpOptions = true, version = "avdroll 0.1.0",
        description = "Rolling updates of Azure Virtual Desktop host pools: plan, start, status, pause, resume, "
                + "cancel, retry, history; dead-letters and resubmit for dead-lettered messages.",
        subcommands = {Commands.Plan.class, Commands.Start.class, Commands.Status.class, Commands.Pause.class,
                Commands.Resume.class, Commands.Cancel.class, Commands.Retry.class, Commands.History.class,
                Commands.ListPools.class, DeadLetterCommands.List.class, DeadLetterCommands.Resubmit.class,
                CommandLine.HelpCommand.class})
public final class Avdroll implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Avdroll());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ApiClient.ApiException api) {
                line.getErr().println("avdroll: " + api.getMessage());
                line.getErr().flush();
                return api.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
