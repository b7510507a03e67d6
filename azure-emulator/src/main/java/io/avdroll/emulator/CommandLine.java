package io.avdroll.emulator;

import io.avdroll.emulator.seed.Seed;
import java.nio.file.Path;

/** Flags of the standalone emulator. */
final class CommandLine {
    static final String USAGE = """
            usage: AzureEmulator [--arm-port N] [--sb-port N] [--host H] [--seed FILE] [--speed X]
                                 [--retry-after SECONDS] [--token BEARER] [--random-seed N]
                                 [--trust-store FILE.p12] [--trust-store-password PW] [--avd-page-size N]
                                 [--lock-duration ISO-8601]
              --arm-port     HTTPS port for ARM (default 8443; 0 = any free port)
              --sb-port      Service Bus AMQP port (default 5672; -1 = off)
              --seed         scenario JSON file (galleries, host pools, users, faults), or classpath:scenarios/demo-20-hosts.json
              --speed        simulation speed factor (60 = a simulated minute per second)
              --lock-duration  Service Bus lock of every queue/subscription, e.g. PT10S (default: the topology's)""";

    private CommandLine() {
    }

    static EmulatorOptions parse(String[] args) {
        EmulatorOptions o = EmulatorOptions.defaults().armPort(8443).serviceBusPort(5672);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " needs a value");
            }
            String v = args[++i];
            try {
                switch (flag) {
                    case "--arm-port" -> o.armPort(Integer.parseInt(v));
                    case "--sb-port" -> o.serviceBusPort(Integer.parseInt(v));
                    case "--host" -> o.host(v);
                    case "--seed" -> o.seed(Seed.read(v));
                    case "--speed" -> o.speed(Double.parseDouble(v));
                    case "--retry-after" -> o.retryAfterSeconds(Integer.parseInt(v));
                    case "--token" -> o.bearerToken(v);
                    case "--random-seed" -> o.randomSeed(Long.parseLong(v));
                    case "--trust-store" -> o.trustStore(Path.of(v), o.trustStorePassword);
                    case "--trust-store-password" -> o.trustStore(o.trustStorePath, v);
                    case "--avd-page-size" -> o.avdPageSize(Integer.parseInt(v));
                    case "--lock-duration" -> o.lockDuration(lockDuration(v));
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("flag " + flag + " needs a number, got '" + v + "'");
            }
        }
        if (o.seed != null && o.seed.settings != null && o.seed.settings.speed != null && containsFlag(args, "--speed")) {
            o.seed.settings.speed = null; // the command line wins over the seed file
        }
        return o;
    }

    private static java.time.Duration lockDuration(String v) {
        try {
            return java.time.Duration.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("flag --lock-duration needs an ISO-8601 duration such as PT10S, got '" + v + "'");
        }
    }

    private static boolean containsFlag(String[] args, String flag) {
        for (String a : args) {
            if (a.equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
