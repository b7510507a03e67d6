package io.avdroll.benchmarks.footprint;

import io.avdroll.e2e.DemoScenario;
import io.avdroll.e2e.LocalDeployment;
import io.avdroll.e2e.ServiceProcess;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Footprint: each of the four services started alone, several times, from its packaged jar (JVM mode) against the
 * local emulator seeded with the demo pool and configured as the demo runs it; prints the median time to ready
 * and resident memory per service. Run from the repository root after packaging the services:
 * <pre>
 * ./mvnw -q install -DskipTests
 * ./mvnw -q -pl benchmarks process-classes -Pfootprint [-Dfootprint.args="--rounds 5 --jvm '-Xmx128m -XX:+UseSerialGC' --services drain-service"]
 * </pre>
 */
public final class FootprintBenchmark {

    /** The options the end-to-end deployment and the container images start each service with. */
    static final String DEFAULT_JVM = String.join(" ", ServiceProcess.jvmOptions());
    private static final String TOKEN = "footprint-benchmark-token";
    private static final long GOAL_MILLIS = 2000;
    private static final long GOAL_MB = 200;

    private FootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        List<String> jvm = Arrays.stream(o.getOrDefault("jvm", DEFAULT_JVM).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        Duration settle = Duration.ofSeconds(Long.parseLong(o.getOrDefault("settle-seconds", "2")));
        Path repo = Path.of(System.getProperty("avdroll.repo.dir", ".")).toAbsolutePath().normalize();
        List<String> services = o.containsKey("services") ? List.of(o.get("services").split(",")) : LocalDeployment.SERVICES;
        if (!LocalDeployment.SERVICES.containsAll(services)) {
            throw new IllegalArgumentException("--services: expected a comma-separated list from " + LocalDeployment.SERVICES + ", got " + services);
        }
        PrintStream out = System.out;

        DemoScenario scenario = DemoScenario.defaults();
        out.printf("footprint: %d rounds, each service started alone; JVM %s; ready = first 200 from /q/health/ready; "
                + "RSS read %d s after ready%n", rounds, String.join(" ", jvm), settle.toSeconds());
        out.println("machine: " + Machine.describe());
        List<StartMeasurement> all = new ArrayList<>();
        try (AzureEmulator emulator = AzureEmulator.start(EmulatorOptions.defaults().serviceBusPort(0).bearerToken(TOKEN)
                .seed(Seed.parse(scenario.seedJson())))) {
            Path apps = o.containsKey("apps") ? Path.of(o.get("apps")).toAbsolutePath() : null;
            ServiceLauncher launcher = new ServiceLauncher(repo, apps, jvm, environment(emulator), settle,
                    repo.resolve("benchmarks/target/footprint-logs"), Boolean.parseBoolean(o.getOrDefault("detail", "false")));
            Map<String, Map<String, String>> settings = scenario.serviceSettings();
            for (int round = 1; round <= rounds; round++) {
                for (String service : services) {
                    StartMeasurement m = launcher.measure(service, settings.getOrDefault(service, Map.of()));
                    out.printf("  round %d %-20s ready %5d ms (Quarkus \"started in\" %5d ms, CPU %5d ms), RSS %4d MB, peak %4d MB; load %s%n",
                            round, service, m.toReadyMillis(), m.quarkusMillis(), m.cpuMillis(), m.rssKb() / 1024, m.peakRssKb() / 1024,
                            Machine.loadAverage());
                    all.add(m);
                }
            }
        }
        out.println("load average after: " + Machine.loadAverage());
        print(out, all, rounds, services);
    }

    static void print(PrintStream out, List<StartMeasurement> all, int rounds, List<String> services) {
        String line = "+---------------------+--------------------------+-------------------+----------------+--------------------------+--------------+-------------------------+";
        out.println();
        out.printf("medians of %d starts, [min - max]%n", rounds);
        out.println(line);
        out.println("| service             | to ready, ms             | Quarkus started in| CPU to ready   | RSS, MB                  | peak RSS, MB | goal <2 s / <200 MB     |");
        out.println(line);
        for (String service : services) {
            List<StartMeasurement> runs = all.stream().filter(m -> m.service().equals(service)).toList();
            long ready = median(runs, StartMeasurement::toReadyMillis);
            long rssMb = median(runs, StartMeasurement::rssKb) / 1024;
            out.printf("| %-19s | %6d [%6d - %6d] | %12d ms   | %9d ms   | %5d [%5d - %5d]      | %8d     | %-23s |%n", service,
                    ready, min(runs, StartMeasurement::toReadyMillis), max(runs, StartMeasurement::toReadyMillis),
                    median(runs, StartMeasurement::quarkusMillis), median(runs, StartMeasurement::cpuMillis), rssMb, min(runs, StartMeasurement::rssKb) / 1024,
                    max(runs, StartMeasurement::rssKb) / 1024, median(runs, StartMeasurement::peakRssKb) / 1024,
                    (ready < GOAL_MILLIS ? "time ok" : "time MISSED") + (rssMb < GOAL_MB ? ", mem ok" : ", mem MISSED"));
        }
        out.println(line);
    }

    private static Map<String, String> environment(AzureEmulator emulator) {
        Map<String, String> env = new HashMap<>();
        env.put("AVDROLL_AZURE_SUBSCRIPTION_ID", DemoScenario.SUBSCRIPTION);
        env.put("AVDROLL_AZURE_ARM_ENDPOINT", emulator.armEndpoint());
        env.put("AVDROLL_AZURE_CREDENTIAL", "static-token");
        env.put("AVDROLL_AZURE_STATIC_TOKEN", TOKEN);
        env.put("AVDROLL_AZURE_TRUST_STORE_PATH", emulator.trustStorePath().toString());
        env.put("AVDROLL_AZURE_TRUST_STORE_PASSWORD", emulator.trustStorePassword());
        env.put("AVDROLL_SERVICEBUS_CONNECTION_STRING", emulator.serviceBusConnectionString());
        return env;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs (--rounds N, --jvm 'OPTIONS', --settle-seconds N, --services a,b, --detail true, --apps DIR), got \""
                        + args[i] + "\"");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static long median(List<StartMeasurement> runs, ToLongFunction<StartMeasurement> f) {
        long[] sorted = runs.stream().mapToLong(f).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long min(List<StartMeasurement> runs, ToLongFunction<StartMeasurement> f) {
        return runs.stream().mapToLong(f).min().orElse(0);
    }

    private static long max(List<StartMeasurement> runs, ToLongFunction<StartMeasurement> f) {
        return runs.stream().mapToLong(f).max().orElse(0);
    }

    /** What the figures were measured on, printed beside them. */
    static final class Machine {
        static String describe() {
            String cpu = "unknown CPU";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            } catch (java.io.IOException ignored) {
                // not Linux: the figures still print
            }
            return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                    + ", load average before: " + loadAverage();
        }

        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (java.io.IOException e) {
                return "n/a";
            }
        }
    }
}
