package io.avdroll.emulator.servicebus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Service Bus entities the emulator serves, read from the project's single topology file
 * ({@code topology.json} on the classpath) or from any document of the same shape.
 */
public record Topology(List<Queue> queues, List<Topic> topics) {

    public static final String CLASSPATH_RESOURCE = "topology.json";

    public record Queue(String name, EntitySettings settings) { }

    public record Subscription(String name, EntitySettings settings) { }

    public record Topic(String name, EntitySettings settings, List<Subscription> subscriptions) { }

    /**
     * The same entities with every queue and subscription locking messages (and sessions) for {@code lockDuration}
     * instead of what the topology declares. For test runs only: a receiver killed while holding a lock then frees
     * its message in seconds, not after the production lock of a minute; live receivers renew either way.
     */
    public Topology withLockDuration(Duration lockDuration) {
        if (lockDuration == null || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("lockDuration must be positive, was " + lockDuration);
        }
        return new Topology(
                queues.stream().map(q -> new Queue(q.name(), q.settings().withLockDuration(lockDuration))).toList(),
                topics.stream().map(t -> new Topic(t.name(), t.settings().withLockDuration(lockDuration),
                        t.subscriptions().stream().map(s -> new Subscription(s.name(),
                                s.settings().withLockDuration(lockDuration))).toList())).toList());
    }

    /** The project's topology, packaged into this module's jar from deploy/topology.json. */
    public static Topology fromClasspath() {
        try (InputStream in = Topology.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource '" + CLASSPATH_RESOURCE + "' is missing");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource '" + CLASSPATH_RESOURCE + "'", e);
        }
    }

    public static Topology parse(String json) {
        return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Topology parse(byte[] json) {
        final JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("topology is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode defaults = root.path("defaults");
        List<Queue> queues = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode q : root.path("queues")) {
            String name = requiredName(q, "queues[]");
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("queues[].name '" + name + "' is declared twice");
            }
            queues.add(new Queue(name, settings(q, defaults, "queue '" + name + "'")));
        }
        List<Topic> topics = new ArrayList<>();
        for (JsonNode t : root.path("topics")) {
            String name = requiredName(t, "topics[]");
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("topics[].name '" + name + "' clashes with another entity name");
            }
            EntitySettings topicSettings = settings(t, defaults, "topic '" + name + "'");
            List<Subscription> subs = new ArrayList<>();
            Set<String> subNames = new HashSet<>();
            for (JsonNode s : t.path("subscriptions")) {
                String subName = requiredName(s, "topics[" + name + "].subscriptions[]");
                if (!subNames.add(subName.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("subscription '" + subName + "' of topic '" + name
                            + "' is declared twice");
                }
                subs.add(new Subscription(subName,
                        settings(s, defaults, "subscription '" + name + "/" + subName + "'")));
            }
            topics.add(new Topic(name, topicSettings, List.copyOf(subs)));
        }
        Topology topology = new Topology(List.copyOf(queues), List.copyOf(topics));
        topology.checkForwardTargets();
        return topology;
    }

    private void checkForwardTargets() {
        for (Topic t : topics) {
            for (Subscription s : t.subscriptions()) {
                String target = s.settings().forwardTo();
                if (target != null && queues.stream().noneMatch(q -> q.name().equalsIgnoreCase(target))) {
                    throw new IllegalArgumentException("subscription '" + t.name() + "/" + s.name()
                            + "' has forwardTo '" + target + "', which is not a declared queue");
                }
            }
        }
    }

    private static String requiredName(JsonNode node, String where) {
        String name = node.path("name").asText("");
        if (name.isBlank()) {
            throw new IllegalArgumentException(where + ".name is missing or blank");
        }
        return name;
    }

    private static EntitySettings settings(JsonNode node, JsonNode defaults, String where) {
        return new EntitySettings(
                intValue(node, defaults, "maxDeliveryCount", 10, where),
                duration(node, defaults, "lockDuration", "PT1M", where),
                duration(node, defaults, "defaultMessageTimeToLive", "P14D", where),
                duration(node, defaults, "duplicateDetectionHistoryTimeWindow", "PT10M", where),
                node.path("requiresDuplicateDetection").asBoolean(false),
                node.path("requiresSession").asBoolean(false),
                intValue(node, defaults, "maxMessageSizeBytes", 262144, where),
                node.hasNonNull("forwardTo") ? node.get("forwardTo").asText() : null);
    }

    private static int intValue(JsonNode node, JsonNode defaults, String key, int fallback, String where) {
        JsonNode value = node.has(key) ? node.get(key) : defaults.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() <= 0) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a positive integer, got " + value);
        }
        return value.asInt();
    }

    private static Duration duration(JsonNode node, JsonNode defaults, String key, String fallback, String where) {
        JsonNode value = node.has(key) ? node.get(key) : defaults.get(key);
        String text = value == null || value.isNull() ? fallback : value.asText();
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(where + ": '" + key + "' must be positive, got " + text);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": '" + key + "' is not an ISO-8601 duration: " + text, e);
        }
    }
}
