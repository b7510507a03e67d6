package io.avdroll.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.events.EventType;
import io.avdroll.topology.QueueSpec;
import io.avdroll.topology.ReceiveEndpoint;
import io.avdroll.topology.SubscriptionSpec;
import io.avdroll.topology.TopicSpec;
import io.avdroll.topology.Topology;
import io.avdroll.topology.TopologyReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** (a) The Service Bus entities the code uses are the ones the templates deploy, from one file. */
class TopologyInTheTemplatesTest {

    private static final Path TOPOLOGY = Repo.deploy("topology.json");
    /** Keys of an entity in topology.json that describe it rather than configure Service Bus. */
    private static final Set<String> DESCRIPTIVE = Set.of("name", "description", "consumedBy", "publishedBy", "subscriptions", "$comment");

    private final Topology deployed = TopologyReader.read(Repo.read(TOPOLOGY), TOPOLOGY.toString());

    @Test
    void theServiceBusTemplateLoadsTheTopologyFileAndNoOtherCopy() {
        Bicep serviceBus = Bicep.of(Repo.deploy("modules/servicebus.bicep"));
        assertThat(serviceBus.loadedJsonFiles()).containsExactly(TOPOLOGY);
        assertThat(serviceBus.code)
                .contains("for queue in topology.queues")
                .contains("for topic in topology.topics")
                .contains("map(topic.subscriptions");
        for (Path file : Repo.bicepFiles()) {
            assertThat(Bicep.of(file).loadedJsonFiles()).as(file + " loads only the topology, the operations list or service properties")
                    .allMatch(p -> p.equals(TOPOLOGY) || p.equals(Repo.deploy("rbac/azure-operations.json"))
                            || p.equals(Repo.deploy("service-properties.json")));
        }
    }

    @Test
    void theCodeReadsTheVeryFileTheTemplatesLoad() throws IOException {
        try (InputStream packaged = TopologyReader.class.getClassLoader().getResourceAsStream(TopologyReader.CLASSPATH_RESOURCE)) {
            assertThat(packaged).as("topology.json on the services' class path").isNotNull();
            assertThat(new String(packaged.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the topology packaged into common is deploy/topology.json").isEqualTo(Repo.read(TOPOLOGY));
        }
    }

    @Test
    void everyEventTheCodeSendsHasItsTopicInTheDeployedTopology() {
        for (EventType type : EventType.values()) {
            TopicSpec topic = deployed.topicFor(type);
            assertThat(topic.name()).as(type + " is sent to its own topic").isEqualTo(type.wireName());
            assertThat(deployed.endpointsReachedFrom(topic.name())).as("someone receives " + type).isNotEmpty();
        }
    }

    @Test
    void everyServiceConsumesEntitiesTheTemplatesDeployAndGrantIt() throws IOException {
        String containerApps = Bicep.of(Repo.deploy("modules/container-apps.bicep")).varBody("services").orElseThrow();
        String main = Bicep.of(Repo.deploy("main.bicep")).varBody("services").orElseThrow();
        for (String service : Repo.SERVICES) {
            String applicationName = applicationName(service);
            List<ReceiveEndpoint> endpoints = deployed.endpointsConsumedBy(applicationName);
            assertThat(endpoints).as(applicationName + " consumes at least one deployed entity").isNotEmpty();
            assertThat(main).as("main.bicep gives " + applicationName + " an identity").contains("'" + applicationName + "'");
            assertThat(containerApps).as("container-apps.bicep runs " + applicationName).contains("'" + applicationName + "'");
        }
        Set<String> named = new TreeSet<>();
        for (TopicSpec topic : deployed.topics()) {
            topic.publishedBy().stream().filter(p -> !p.equals("external")).forEach(named::add);
            topic.subscriptions().stream().map(SubscriptionSpec::consumedBy).forEach(named::add);
        }
        deployed.queues().stream().map(QueueSpec::consumedBy).forEach(named::add);
        List<String> applicationNames = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            applicationNames.add(applicationName(service));
        }
        assertThat(applicationNames).as("every service the topology grants rights to runs in Azure")
                .containsAll(named);
    }

    @Test
    void theServiceBusTemplateAppliesEverySettingTheTopologyDeclares() {
        Set<String> settings = new TreeSet<>();
        JsonNode root = Repo.json(TOPOLOGY);
        root.path("defaults").fieldNames().forEachRemaining(settings::add);
        for (JsonNode queue : root.path("queues")) {
            queue.fieldNames().forEachRemaining(settings::add);
        }
        for (JsonNode topic : root.path("topics")) {
            topic.fieldNames().forEachRemaining(settings::add);
            for (JsonNode sub : topic.path("subscriptions")) {
                sub.fieldNames().forEachRemaining(settings::add);
            }
        }
        settings.removeAll(DESCRIPTIVE);
        String serviceBus = Bicep.of(Repo.deploy("modules/servicebus.bicep")).code;
        assertThat(settings).isNotEmpty().allSatisfy(setting -> assertThat(serviceBus)
                .as("servicebus.bicep applies topology setting '" + setting + "'")
                .containsPattern("\\.\\??" + Pattern.quote(setting) + "\\b"));
    }

    @Test
    void noTemplateSpellsAnEntityNameExceptTheFailureTopicItAlertsOn() {
        Set<String> entities = new TreeSet<>();
        deployed.queues().forEach(q -> entities.add(q.name()));
        deployed.topics().forEach(t -> entities.add(t.name()));
        for (Path file : Repo.bicepFiles()) {
            Bicep bicep = Bicep.of(file);
            List<String> spelled = bicep.stringLiterals().stream().filter(entities::contains).toList();
            if (file.getFileName().toString().equals("alerts.bicep")) {
                assertThat(bicep.code).containsPattern("var failureTopic = '" + EventType.HOST_FAILED.wireName() + "'");
                assertThat(spelled).as(file + ": only the failure topic").containsOnly(EventType.HOST_FAILED.wireName());
            } else {
                assertThat(spelled).as(file + " takes entity names from topology.json, not a copy").isEmpty();
            }
        }
        assertThat(deployed.topic(EventType.HOST_FAILED.wireName())).isPresent();
    }

    /**
     * The Sender roles come from publishedBy, so publishedBy must cover what the code sends: every event a service's
     * sources construct ({@code new HostFailed(}, {@code HostDrained.of(}), and the follow-ups it schedules to itself on
     * the topics it consumes. A source scan, not a proof: an event built in common on a service's behalf is not seen.
     */
    @Test
    void everyEventAServiceSendsGoesToATopicItIsGrantedToSendTo() throws IOException {
        for (String service : Repo.SERVICES) {
            String applicationName = applicationName(service);
            String sources = javaSources(Repo.root().resolve(service).resolve("src/main/java"));
            Set<String> sent = new TreeSet<>();
            for (EventType type : EventType.values()) {
                String record = type.recordClass().getSimpleName();
                if (Pattern.compile("new " + record + "\\(|\\b" + record + "\\.of\\(").matcher(sources).find()) {
                    sent.add(type.wireName());
                }
                boolean followUp = io.avdroll.events.FollowUp.class.isAssignableFrom(type.recordClass());
                boolean consumes = deployed.endpointsConsumedBy(applicationName).stream()
                        .anyMatch(e -> !e.isQueue() && type.wireName().equals(e.queueOrTopic()));
                if (followUp && consumes) {
                    sent.add(type.wireName());
                }
            }
            assertThat(sent).as(applicationName + " sends events").isNotEmpty();
            for (String topic : sent) {
                assertThat(deployed.topic(topic).orElseThrow().publishedBy())
                        .as("topology.json publishedBy of " + topic + " (the Sender role " + applicationName + " needs)")
                        .contains(applicationName);
            }
        }
    }

    /** A service reading dead letters (peek and re-submit across every entity) needs rights the topology does not list. */
    @Test
    void theServiceThatHandlesDeadLettersIsGrantedEveryDeadLetterQueue() throws IOException {
        Set<String> readers = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            if (javaSources(Repo.root().resolve(service).resolve("src/main/java")).contains("DeadLetterQueues")) {
                readers.add(applicationName(service));
            }
        }
        Set<String> granted = new TreeSet<>();
        java.util.regex.Matcher m = Pattern.compile("deadLetterOperator:\\s*'([^']*)'")
                .matcher(Bicep.of(Repo.deploy("main.bicep")).code);
        while (m.find()) {
            granted.add(m.group(1));
        }
        assertThat(granted).as("main.bicep deadLetterOperator covers the services using DeadLetterQueues").containsAll(readers)
                .hasSizeLessThanOrEqualTo(1);
        for (String service : granted) {
            assertThat(Repo.SERVICES).as("deadLetterOperator names a deployed service").contains(service);
        }
        String roles = Bicep.of(Repo.deploy("modules/servicebus-roles.bicep")).code;
        assertThat(roles).contains("map(topic.subscriptions, s =>").contains("map(topology.queues, q => q.name)")
                .contains("map(filter(topology.topics");
    }

    private static String javaSources(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }

    static String applicationName(String service) throws IOException {
        Path file = Repo.root().resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        String name = properties.getProperty("quarkus.application.name");
        assertThat(name).as(file + " names the service").isNotBlank();
        return name;
    }

}
