package io.avdroll.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.azure.client.AzureClientConfig;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.client.CredentialMode;
import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.avdroll.events.EventCodec;
import io.avdroll.service.ServiceConfig;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * (c) Every key a service needs at start is set by its Container App. Each service's configuration is assembled as it
 * is in Azure — the environment variables of container-apps.bicep (mapped to keys by SmallRye's own rules), the
 * serviceProperties file mounted as config/application.properties, and the service's packaged application.properties
 * — and then every startup method that reads configuration (each method taking {@link ServiceConfig}, found by
 * scanning the service's classes and service-kit) runs on it, as does every {@code @ConfigProperty} without a default.
 */
class ContainerAppConfigurationTest {

    private static final Pattern ENV_ENTRY = Pattern.compile("\\{\\s*name:\\s*'([A-Za-z0-9_]+)',\\s*value:\\s*(.+?)\\s*}");
    /** What each Bicep expression the env uses becomes in Azure (shape only; the validators check shapes). */
    private static final Map<String, String> DEPLOYED_VALUES = Map.of(
            "subscription().subscriptionId", "6f1d2c3b-0000-4000-8000-00000000abcd",
            "tenant().tenantId", "72f988bf-0000-4000-8000-00000000abcd",
            "serviceBusFullyQualifiedNamespace", "sb-avdroll-x7.servicebus.windows.net",
            "appInsightsConnectionString", "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            "string(httpPort)", "8080",
            "identities[service].clientId", "1b2c3d4e-0000-4000-8000-00000000abcd",
            "resourceGroup().name", "rg-avdroll",
            "image.outputs.imageDefinitionId", "/subscriptions/6f1d2c3b-0000-4000-8000-00000000abcd/resourceGroups/rg-avdroll"
                    + "/providers/Microsoft.Compute/galleries/gal_avdroll/images/avd-win11-multisession",
            "string(imageWatch)", "true");
    private static final String DEPLOYED_POOL = "hp-avdroll";
    static final Map<String, String> ANCHORS = Map.of(
            "scheduler-service", "io.avdroll.coordinator.CoordinatorBeans",
            "drain-service", "io.avdroll.drain.DrainService",
            "provisioner-service", "io.avdroll.provision.ProvisionerBeans",
            "verifier-service", "io.avdroll.verify.VerifierService");

    @Test
    void everyServiceStartsOnWhatItsContainerAppSets() throws Exception {
        for (String service : Repo.SERVICES) {
            List<String> checked = startupChecks(service, containerAppEnv(), serviceProperties(service));
            assertThat(checked).as(service + ": startup methods reading configuration").isNotEmpty();
        }
    }

    @Test
    void inAzureTheServicesUseManagedIdentityAndTheNamespaceNeverAConnectionString() {
        Map<String, String> env = containerAppEnv();
        assertThat(env).doesNotContainKeys("AVDROLL_SERVICEBUS_CONNECTION_STRING", "AVDROLL_AZURE_STATIC_TOKEN")
                .containsKeys("AZURE_CLIENT_ID");
        ServiceConfig config = serviceConfig(env, Map.of(), new Properties());
        assertThat(AzureClientConfig.fromProperties(config::get).credentialMode()).isEqualTo(CredentialMode.DEFAULT);
        ServiceBusSettings bus = ServiceBusSettings.from(config.values(ServiceBusSettings.KEYS));
        assertThat(bus.usesConnectionString()).isFalse();
        assertThat(bus.fullyQualifiedNamespace()).endsWith(".servicebus.windows.net");

        String apps = Bicep.of(Repo.deploy("modules/container-apps.bicep")).code;
        assertThat(apps).as("KEDA scales on Service Bus with the service's scaler identity, no connection secret")
                .contains("type: 'azure-servicebus'").contains("identity: identities[service].scalerId").doesNotContain("auth:");
        assertThat(Bicep.of(Repo.deploy("modules/servicebus.bicep")).code).contains("disableLocalAuth: true");
        for (Path file : Repo.bicepFiles()) {
            assertThat(Bicep.of(file).code).as(file + " creates or reads no Service Bus key")
                    .doesNotContain("authorizationRules").doesNotContain("listConnectionStrings");
        }
    }

    @Test
    void aRequiredKeyMissingFromTheContainerAppFailsTheCheckNamingIt() {
        Map<String, String> env = new HashMap<>(containerAppEnv());
        env.remove("AVDROLL_AZURE_SUBSCRIPTION_ID");
        assertThatThrownBy(() -> startupChecks("drain-service", env, serviceProperties("drain-service")))
                .hasStackTraceContaining(AzureClientConfig.SUBSCRIPTION_ID);
        Map<String, String> noBus = new HashMap<>(containerAppEnv());
        noBus.remove("AVDROLL_SERVICEBUS_NAMESPACE");
        assertThatThrownBy(() -> startupChecks("verifier-service", noBus, serviceProperties("verifier-service")))
                .hasStackTraceContaining(ServiceBusSettings.CONNECTION_STRING);
    }

    @Test
    void theRolloutSettingsTheTemplatesMountAreValidatedByTheCoordinatorItself() throws Exception {
        assertThat(startupChecks("scheduler-service", containerAppEnv(), serviceProperties("scheduler-service")))
                .contains("CoordinatorBeans.poolSpecs", "CoordinatorBeans.settings", "TriggerBeans.poolKeys");
        assertThat(poolTriggerProperties()).containsKeys("avdroll.pools." + DEPLOYED_POOL + ".gallery-image",
                "avdroll.pools." + DEPLOYED_POOL + ".resource-group");
        Map<String, String> bad = new LinkedHashMap<>(serviceProperties("scheduler-service"));
        bad.put("avdroll.pools.defaults.max-unavailable", "a few");
        assertThatThrownBy(() -> startupChecks("scheduler-service", containerAppEnv(), bad))
                .hasStackTraceContaining("avdroll.pools.defaults.max-unavailable");
    }

    /** Runs the service's configuration-reading startup methods; returns their names. */
    private static List<String> startupChecks(String service, Map<String, String> env, Map<String, String> mounted)
            throws Exception {
        Class<?> anchor = Class.forName(ANCHORS.get(service));
        ServiceConfig config = serviceConfig(env, mounted, packagedProperties(service));
        Map<Class<?>, Object> known = new HashMap<>();
        known.put(ServiceConfig.class, config);
        known.put(Topology.class, TopologyReader.read(Repo.read(Repo.deploy("topology.json")), "topology.json"));
        known.put(EventCodec.class, new EventCodec());
        known.put(Clock.class, Clock.systemUTC());
        List<String> checked = new ArrayList<>();
        List<Class<?>> classes = new ArrayList<>(classesBeside(anchor));
        classes.addAll(classesBeside(ServiceConfig.class));
        // the connection first: other startup methods take it
        Method connection = Stream.of(Class.forName("io.avdroll.service.AzureClients").getDeclaredMethods())
                .filter(m -> m.getReturnType().equals(AzureConnection.class)).findFirst().orElseThrow();
        known.put(AzureConnection.class, invoke(connection, known));
        for (Class<?> type : classes) {
            for (Method method : type.getDeclaredMethods()) {
                if (List.of(method.getParameterTypes()).contains(ServiceConfig.class) && !type.equals(ServiceConfig.class)) {
                    Object result = invoke(method, known);
                    if (result instanceof AutoCloseable closeable) {
                        closeable.close();
                    }
                    checked.add(type.getSimpleName() + "." + method.getName());
                }
                for (Parameter p : method.getParameters()) {
                    requireConfigProperty(p.getAnnotation(ConfigProperty.class), config, type + "." + method.getName());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                requireConfigProperty(f.getAnnotation(ConfigProperty.class), config, type + "." + f.getName());
            }
        }
        return checked;
    }

    private static void requireConfigProperty(ConfigProperty property, ServiceConfig config, String where) {
        if (property != null && property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE)) {
            assertThat(config.get(property.name())).as(where + " needs " + property.name()).isPresent();
        }
    }

    private static Object invoke(Method method, Map<Class<?>, Object> known) throws Exception {
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Object value = known.computeIfAbsent(types[i], ContainerAppConfigurationTest::standIn);
            if (value == null) {
                throw new AssertionError(method + " reads configuration at start but takes a " + types[i].getName()
                        + ": teach ContainerAppConfigurationTest to build one so its keys are checked");
            }
            args[i] = value;
        }
        Constructor<?> constructor = method.getDeclaringClass().getDeclaredConstructor();
        constructor.setAccessible(true);
        method.setAccessible(true);
        try {
            return method.invoke(java.lang.reflect.Modifier.isStatic(method.getModifiers()) ? null : constructor.newInstance(), args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + " refuses the Container App's configuration: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Plain implementations of collaborators a startup method may take besides configuration. */
    private static Object standIn(Class<?> type) {
        if (type.getName().equals("io.micrometer.core.instrument.MeterRegistry")) {
            try {
                return Class.forName("io.micrometer.core.instrument.simple.SimpleMeterRegistry").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        if (type.getName().equals("io.opentelemetry.api.trace.Tracer")) {
            try {
                Object openTelemetry = Class.forName("io.opentelemetry.api.OpenTelemetry").getMethod("noop").invoke(null);
                return openTelemetry.getClass().getMethod("getTracer", String.class).invoke(openTelemetry, "deploy-check");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    /** Every class compiled beside {@code anchor} (its module's classes directory or jar). */
    static List<Class<?>> classesBeside(Class<?> anchor) throws Exception {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(f -> f.toString().endsWith(".class")).forEach(f ->
                        names.add(location.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
            }
        } else {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(location.toFile())) {
                jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith(".class"))
                        .forEach(n -> names.add(n.replace('/', '.').replaceAll("\\.class$", "")));
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("io.avdroll.") && !name.contains("$")) {
                classes.add(Class.forName(name, false, anchor.getClassLoader()));
            }
        }
        return classes;
    }

    /** The env entries of container-apps.bicep, valued as Azure would value them. */
    static Map<String, String> containerAppEnv() {
        String code = Bicep.of(Repo.deploy("modules/container-apps.bicep")).code;
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV_ENTRY.matcher(code);
        while (m.find()) {
            env.put(m.group(1), value(m.group(2).trim()));
        }
        assertThat(env).as("container-apps.bicep env entries").isNotEmpty();
        return env;
    }

    private static String value(String expression) {
        if (expression.startsWith("'") && expression.endsWith("'") && !expression.contains("${")) {
            return expression.substring(1, expression.length() - 1);
        }
        String value = DEPLOYED_VALUES.get(expression);
        if (value == null) {
            throw new AssertionError("container-apps.bicep sets an env value from '" + expression
                    + "': add what it becomes in Azure to ContainerAppConfigurationTest.DEPLOYED_VALUES");
        }
        return value;
    }

    /** service-properties.json for the service, plus what main.bicep adds for the deployed host pool (scheduler). */
    private static Map<String, String> serviceProperties(String service) {
        JsonNode all = Repo.json(Repo.deploy("service-properties.json"));
        Map<String, String> values = new LinkedHashMap<>();
        all.path(service).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        if (service.equals("scheduler-service")) {
            values.putAll(poolTriggerProperties());
        }
        return values;
    }

    /** main.bicep's poolTriggerProperties, valued as in a deployment of the default host pool name. */
    static Map<String, String> poolTriggerProperties() {
        String body = Bicep.of(Repo.deploy("main.bicep")).varBody("poolTriggerProperties").orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("'([^']+)':\\s*(.+)").matcher(body);
        while (m.find()) {
            values.put(m.group(1).replace("${poolKey}", DEPLOYED_POOL), value(m.group(2).trim()));
        }
        assertThat(values).as("main.bicep poolTriggerProperties").isNotEmpty();
        return values;
    }

    private static Properties packagedProperties(String service) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(Repo.root().resolve(service).resolve("src/main/resources/application.properties"))));
        return properties;
    }

    private static ServiceConfig serviceConfig(Map<String, String> env, Map<String, String> mounted, Properties packaged) {
        Map<String, String> packagedMap = new HashMap<>();
        packaged.forEach((k, v) -> packagedMap.put((String) k, (String) v));
        Config config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(mounted, "config/application.properties (serviceProperties)", 260))
                .withSources(new PropertiesConfigSource(packagedMap, "application.properties", 250))
                .build();
        try {
            Constructor<ServiceConfig> constructor = ServiceConfig.class.getDeclaredConstructor(Config.class);
            constructor.setAccessible(true);
            return constructor.newInstance(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ServiceConfig(Config) is how the check builds a service's configuration", e);
        }
    }

}
