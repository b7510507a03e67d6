package io.avdroll.e2e;

import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: the local Azure emulator (ARM over HTTPS, Service Bus over AMQP) and the four
 * services as separate processes, configured as an operator would configure them in Azure — only endpoints and
 * credentials differ. Secrets reach the services through their environment, never their command line.
 */
public final class LocalDeployment implements AutoCloseable {

    public static final List<String> SERVICES = List.of("scheduler-service", "drain-service", "provisioner-service", "verifier-service");
    static final String TOKEN = "local-emulator-token";

    private final AzureEmulator emulator;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private LocalDeployment(AzureEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * @param subscriptionId the subscription the services work in (the seed's)
     * @param settings       per-service system properties ({@code avdroll.*} tuning, pool specs); key = service name
     */
    public static LocalDeployment start(EmulatorOptions options, Seed seed, String subscriptionId,
                                        Map<String, Map<String, String>> settings, Path logDir) {
        return start(options, seed, subscriptionId, settings, Map.of(), logDir);
    }

    /**
     * @param extraEnvironment more environment variables for every service, e.g. {@code AVDROLL_API_LOCAL_TOKEN}:
     *                         secrets go here, never into {@code settings} (those become command-line flags)
     */
    public static LocalDeployment start(EmulatorOptions options, Seed seed, String subscriptionId,
                                        Map<String, Map<String, String>> settings, Map<String, String> extraEnvironment,
                                        Path logDir) {
        AzureEmulator emulator = AzureEmulator.start(options.serviceBusPort(0).bearerToken(TOKEN).seed(seed));
        LocalDeployment deployment = new LocalDeployment(emulator);
        try {
            Map<String, String> environment = environment(emulator, subscriptionId);
            environment.putAll(extraEnvironment);
            for (String service : SERVICES) {
                ServiceProcess process = new ServiceProcess(service, runJar(service), logDir, environment,
                        settings.getOrDefault(service, Map.of()));
                deployment.services.put(service, process);
            }
            // all four at once: start-up is mostly JIT and client set-up, which overlaps well
            deployment.services.values().parallelStream().forEach(ServiceProcess::start);
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
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

    public String serviceBusConnectionString() {
        return emulator.serviceBusConnectionString();
    }

    @Override
    public void close() {
        services.values().parallelStream().forEach(ServiceProcess::close);
        emulator.close();
    }

    private static Map<String, String> environment(AzureEmulator emulator, String subscriptionId) {
        return serviceEnvironment(emulator, subscriptionId, TOKEN, Duration.ofMillis(500));
    }

    /**
     * What a service needs to reach the emulator as it would reach Azure: the endpoints, a bearer token for ARM (one
     * per service lets the emulator's audit name the caller), the certificate to trust, the Service Bus connection.
     */
    public static Map<String, String> serviceEnvironment(AzureEmulator emulator, String subscriptionId, String token,
                                                         Duration lroPollInterval) {
        Map<String, String> env = new HashMap<>();
        env.put("AVDROLL_AZURE_SUBSCRIPTION_ID", subscriptionId);
        env.put("AVDROLL_AZURE_ARM_ENDPOINT", emulator.armEndpoint());
        env.put("AVDROLL_AZURE_CREDENTIAL", "static-token");
        env.put("AVDROLL_AZURE_STATIC_TOKEN", token);
        env.put("AVDROLL_AZURE_TRUST_STORE_PATH", emulator.trustStorePath().toString());
        env.put("AVDROLL_AZURE_TRUST_STORE_PASSWORD", emulator.trustStorePassword());
        env.put("AVDROLL_AZURE_LRO_DEFAULT_POLL_INTERVAL", lroPollInterval.toString());
        env.put("AVDROLL_SERVICEBUS_CONNECTION_STRING", emulator.serviceBusConnectionString());
        return env;
    }

    public static Path repoDir() {
        return Path.of(System.getProperty("avdroll.repo.dir", ".")).toAbsolutePath().normalize();
    }

    private static Path runJar(String service) {
        return repoDir().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
