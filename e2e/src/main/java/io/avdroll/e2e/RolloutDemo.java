package io.avdroll.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.bus.servicebus.ServiceBusEventBus;
import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.EventCodec;
import io.avdroll.events.SpecOverrides;
import io.avdroll.events.UpdateRequested;
import io.avdroll.topology.TopologyReader;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The main job: a rolling update of a simulated host pool on the local emulator, with the four services running as
 * separate processes and live progress on the console, read from what Azure (the emulator) shows.
 */
public final class RolloutDemo {

    public static void main(String[] args) {
        DemoScenario scenario = parse(args);
        Duration timeout = Duration.ofMinutes(Long.parseLong(option(args, "--timeout-minutes", "20")));
        Path logs = LocalDeployment.repoDir().resolve("e2e/target/demo-logs");
        System.out.printf("Starting the local Azure emulator and the four services (logs in %s) ...%n", logs);
        try (LocalDeployment deployment = LocalDeployment.start(EmulatorOptions.defaults(), Seed.parse(scenario.seedJson()),
                DemoScenario.SUBSCRIPTION, scenario.serviceSettings(), logs)) {
            int exit = run(deployment, scenario, timeout);
            System.exit(exit);
        }
    }

    static int run(LocalDeployment deployment, DemoScenario scenario, Duration timeout) {
        AzureEmulator emulator = deployment.emulator();
        String rolloutId = "demo-" + Instant.now().getEpochSecond();
        System.out.printf("Host pool %s: %d standard + %d DR hosts on image %s; rolling to %s, at most %d out at once, floor %d serving hosts, grace %ss%n",
                DemoScenario.POOL, scenario.standardHosts(), scenario.drHosts(), DemoScenario.FROM_VERSION,
                DemoScenario.TARGET_VERSION, scenario.maxUnavailable(), scenario.minAvailableHosts(), scenario.gracePeriod().toSeconds());
        requestRollout(deployment, scenario, rolloutId);

        Instant started = Instant.now();
        int lowestServing = Integer.MAX_VALUE;
        while (Duration.between(started, Instant.now()).compareTo(timeout) < 0) {
            PoolProgress progress = PoolProgress.of(pool(emulator.snapshot()), scenario.hosts(), rolloutId, scenario.targetImageId());
            lowestServing = Math.min(lowestServing, progress.serving());
            System.out.printf("%s %s %2d/%d verified | %s | serving %d (floor %d) | sessions %d | forced log-offs %d%n",
                    elapsed(started), progress.bar(30), progress.verified(), progress.hosts(), progress.byStage(),
                    progress.serving(), scenario.minAvailableHosts(), progress.sessions(), forcedLogOffs(emulator));
            if (progress.verified() == progress.hosts()) {
                System.out.printf("%nDone in %s: every host on %s and back in service; lowest serving %d (floor %d); %d sessions forced off at their grace deadline.%n",
                        elapsed(started), DemoScenario.TARGET_VERSION, lowestServing, scenario.minAvailableHosts(), forcedLogOffs(emulator));
                return 0;
            }
            ServiceProcess.sleep(Duration.ofSeconds(2));
        }
        System.out.printf("%nNot finished within %s; the services' logs are in e2e/target/demo-logs.%n", timeout);
        return 1;
    }

    static void requestRollout(LocalDeployment deployment, DemoScenario scenario, String rolloutId) {
        try (ServiceBusEventBus bus = new ServiceBusEventBus(
                ServiceBusSettings.from(Map.of(ServiceBusSettings.CONNECTION_STRING, deployment.serviceBusConnectionString())),
                TopologyReader.fromClasspath(), new EventCodec(), Clock.systemUTC())) {
            bus.publish(new UpdateRequested(rolloutId, DemoScenario.SUBSCRIPTION, DemoScenario.RESOURCE_GROUP, DemoScenario.POOL,
                    scenario.targetImageId(), SpecOverrides.none(), "demo", Instant.now()));
        }
    }

    static JsonNode pool(JsonNode snapshot) {
        return pool(snapshot, DemoScenario.POOL);
    }

    static JsonNode pool(JsonNode snapshot, String name) {
        for (JsonNode pool : snapshot.path("value")) {
            if (name.equals(pool.path("name").asText())) {
                return pool;
            }
        }
        throw new IllegalStateException("host pool " + name + " is not in the emulator");
    }

    static long forcedLogOffs(AzureEmulator emulator) {
        return emulator.audit().since(0, "UserSessionLoggedOff").stream()
                .filter(e -> Boolean.TRUE.equals(e.details().get("forced"))).count();
    }

    private static String elapsed(Instant since) {
        long s = Duration.between(since, Instant.now()).toSeconds();
        return String.format("%02d:%02d", s / 60, s % 60);
    }

    private static DemoScenario parse(String[] args) {
        DemoScenario d = DemoScenario.defaults();
        return new DemoScenario(
                Integer.parseInt(option(args, "--hosts", Integer.toString(d.standardHosts()))),
                Integer.parseInt(option(args, "--dr", Integer.toString(d.drHosts()))),
                d.usersPerHost(),
                Integer.parseInt(option(args, "--max-unavailable", Integer.toString(d.maxUnavailable()))),
                Integer.parseInt(option(args, "--floor", Integer.toString(d.minAvailableHosts()))),
                Duration.ofSeconds(Long.parseLong(option(args, "--grace-seconds", Long.toString(d.gracePeriod().toSeconds())))),
                d.bakeTime(), d.speed(), d.randomSeed());
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

}
