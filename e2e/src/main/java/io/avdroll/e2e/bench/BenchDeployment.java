package io.avdroll.e2e.bench;

import io.avdroll.bus.servicebus.ServiceBusEventBus;
import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.avdroll.e2e.ServiceProcess;
import io.avdroll.e2e.LocalDeployment;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.EventCodec;
import io.avdroll.events.SpecOverrides;
import io.avdroll.events.UpdateRequested;
import io.avdroll.topology.TopologyReader;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator with traffic auditing on and the four packaged services as processes, each with its own bearer
 * token so the audit log tells whose ARM call was whose. Otherwise configured like the end-to-end deployment.
 */
public final class BenchDeployment implements AutoCloseable {

    public static final List<String> SERVICES = List.of("scheduler-service", "drain-service", "provisioner-service", "verifier-service");

    private final AzureEmulator emulator;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final ServiceBusEventBus bus;

    private BenchDeployment(AzureEmulator emulator, ServiceBusEventBus bus) {
        this.emulator = emulator;
        this.bus = bus;
    }

    public static BenchDeployment start(FleetScenario scenario, String logLevel, RolloutWatcher watcher, Path logDir) {
        return start(scenario, logLevel, watcher, logDir, settings -> { });
    }

    /** @param tweak may change the per-service system properties (service name → key → value) before the start */
    public static BenchDeployment start(FleetScenario scenario, String logLevel, RolloutWatcher watcher, Path logDir,
                                        java.util.function.Consumer<Map<String, Map<String, String>>> tweak) {
        EmulatorOptions options = EmulatorOptions.defaults().serviceBusPort(0).bearerToken("bench-harness")
                .auditTraffic(true).onBusMessage(watcher::heard).seed(Seed.parse(scenario.seedJson()));
        for (String service : SERVICES) {
            options.caller(token(service), service);
        }
        AzureEmulator emulator = AzureEmulator.start(options);
        BenchDeployment deployment = null;
        try {
            deployment = new BenchDeployment(emulator, new ServiceBusEventBus(
                    ServiceBusSettings.from(Map.of(ServiceBusSettings.CONNECTION_STRING, emulator.serviceBusConnectionString())),
                    TopologyReader.fromClasspath(), new EventCodec(), Clock.systemUTC()));
            Map<String, Map<String, String>> settings = scenario.serviceSettings(logLevel);
            tweak.accept(settings);
            for (String service : SERVICES) {
                deployment.services.put(service, new ServiceProcess(service, runJar(service), logDir,
                        environment(emulator, service), settings.getOrDefault(service, Map.of())));
            }
            // all four at once (start-up overlaps well); on a loaded machine the start deadline is raised instead
            deployment.services.values().parallelStream().forEach(ServiceProcess::start);
            BenchDeployment started = deployment;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.services.values().forEach(ServiceProcess::kill),
                    "bench-services-stop"));
            return deployment;
        } catch (RuntimeException e) {
            if (deployment != null) {
                deployment.close();
            } else {
                emulator.close();
            }
            throw e;
        }
    }

    /** Services get 5 minutes to start unless told otherwise: the benchmarks share the machine with other work. */
    static void allowSlowStarts() {
        if (System.getProperty("avdroll.e2e.start-timeout-seconds") == null) {
            System.setProperty("avdroll.e2e.start-timeout-seconds", "300");
        }
    }

    public AzureEmulator emulator() {
        return emulator;
    }

    public ServiceProcess service(String name) {
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalArgumentException("unknown service " + name + "; known: " + services.keySet());
        }
        return process;
    }

    /** Asks for a rollout of {@code pool} to the scenario's target image, as any tool would: on update-requested. */
    public void requestRollout(FleetScenario scenario, String pool, String rolloutId, SpecOverrides overrides) {
        bus.publish(new UpdateRequested(rolloutId, FleetScenario.SUBSCRIPTION, FleetScenario.RESOURCE_GROUP, pool,
                scenario.targetImageId(), overrides, "benchmark", Instant.now()));
    }

    public String serviceBusConnectionString() {
        return emulator.serviceBusConnectionString();
    }

    @Override
    public void close() {
        services.values().parallelStream().forEach(ServiceProcess::close);
        bus.close();
        emulator.close();
    }

    /** Not a secret: the emulator accepts it only from this machine, and it only names the caller in the audit. */
    private static String token(String service) {
        return "bench-token-" + service;
    }

    private static Map<String, String> environment(AzureEmulator emulator, String service) {
        return LocalDeployment.serviceEnvironment(emulator, FleetScenario.SUBSCRIPTION, token(service), Duration.ofMillis(100));
    }

    static Path repoDir() {
        return LocalDeployment.repoDir();
    }

    private static Path runJar(String service) {
        return AppSnapshot.runJar(repoDir(), service);
    }
}
