package io.avdroll.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code topology.json}. Unknown keys are rejected (a misspelt {@code requiresSessions}
 * would otherwise silently turn sessions off), except keys starting with {@code $} or {@code x-}, which are
 * free for comments and tool-specific extensions. Durations are ISO-8601.
 */
public final class TopologyReader {

    public static final String CLASSPATH_RESOURCE = "topology.json";

    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,259}");
    private static final Pattern SUBSCRIPTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
    private static final Set<String> SETTINGS_KEYS = Set.of("maxDeliveryCount", "lockDuration", "defaultMessageTimeToLive",
            "duplicateDetectionHistoryTimeWindow", "maxMessageSizeBytes");
    /** What Service Bus itself uses when neither the entity nor the file's defaults say. */
    private static final EntitySettings SERVICE_BUS_DEFAULTS =
            new EntitySettings(10, Duration.ofMinutes(1), Duration.ofDays(14), Duration.ofMinutes(10), 262144);

    private final String source;

    private TopologyReader(String source) {
        this.source = source;
    }

    /** The {@code topology.json} packaged on the classpath. */
    public static Topology fromClasspath() {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(TopologyReader.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + CLASSPATH_RESOURCE + " is missing");
            }
            return read(in, "classpath:" + CLASSPATH_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("could not read classpath resource " + CLASSPATH_RESOURCE, e);
        }
    }

    public static Topology read(InputStream json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new InvalidTopologyException(source, "$", "not valid JSON (" + e.getMessage() + ")");
        }
        return new TopologyReader(source).topology(root);
    }

    public static Topology read(String json, String source) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
    }

    private Topology topology(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw fail("$", "must be a JSON object");
        }
        allowOnly(root, "$", Set.of("defaults", "queues", "topics"));
        EntitySettings defaults = root.has("defaults")
                ? settings(object(root.get("defaults"), "defaults"), "defaults", SERVICE_BUS_DEFAULTS)
                : SERVICE_BUS_DEFAULTS;
        if (root.has("defaults")) {
            allowOnly(root.get("defaults"), "defaults", SETTINGS_KEYS);
        }

        Set<String> entityNames = new HashSet<>();
        List<QueueSpec> queues = new ArrayList<>();
        JsonNode queueNodes = array(root, "queues", "$");
        for (int i = 0; i < queueNodes.size(); i++) {
            QueueSpec queue = queue(object(queueNodes.get(i), "queues[" + i + "]"), "queues[" + i + "]", defaults);
            unique(entityNames, queue.name(), "queues[" + i + "].name");
            queues.add(queue);
        }
        Set<String> queueNames = new HashSet<>(entityNames);

        List<TopicSpec> topics = new ArrayList<>();
        JsonNode topicNodes = array(root, "topics", "$");
        for (int i = 0; i < topicNodes.size(); i++) {
            String path = "topics[" + i + "]";
            TopicSpec topic = topic(object(topicNodes.get(i), path), path, defaults, queueNames);
            unique(entityNames, topic.name(), path + ".name");
            topics.add(topic);
        }
        return new Topology(defaults, queues, topics);
    }

    private QueueSpec queue(JsonNode node, String path, EntitySettings defaults) {
        allowOnly(node, path, union(SETTINGS_KEYS, "name", "description", "requiresSession", "requiresDuplicateDetection",
                "consumedBy"));
        return new QueueSpec(name(node, path, ENTITY_NAME), optionalText(node, "description", path),
                bool(node, "requiresSession", path), bool(node, "requiresDuplicateDetection", path),
                text(node, "consumedBy", path), settings(node, path, defaults));
    }

    private TopicSpec topic(JsonNode node, String path, EntitySettings defaults, Set<String> queueNames) {
        allowOnly(node, path, union(SETTINGS_KEYS, "name", "description", "requiresDuplicateDetection", "publishedBy",
                "subscriptions"));
        String name = name(node, path, ENTITY_NAME);
        EntitySettings settings = settings(node, path, defaults);

        List<String> publishedBy = new ArrayList<>();
        JsonNode publishers = array(node, "publishedBy", path);
        for (int i = 0; i < publishers.size(); i++) {
            if (!publishers.get(i).isTextual() || publishers.get(i).asText().isBlank()) {
                throw fail(path + ".publishedBy[" + i + "]", "must be a service name");
            }
            publishedBy.add(publishers.get(i).asText());
        }

        List<SubscriptionSpec> subscriptions = new ArrayList<>();
        Set<String> subscriptionNames = new HashSet<>();
        JsonNode subs = array(node, "subscriptions", path);
        if (subs.isEmpty()) {
            throw fail(path + ".subscriptions", "topic '" + name + "' has no subscription; its messages would be dropped");
        }
        for (int i = 0; i < subs.size(); i++) {
            String subPath = path + ".subscriptions[" + i + "]";
            SubscriptionSpec sub = subscription(object(subs.get(i), subPath), subPath, name, settings, queueNames);
            unique(subscriptionNames, sub.name(), subPath + ".name");
            subscriptions.add(sub);
        }
        return new TopicSpec(name, optionalText(node, "description", path), bool(node, "requiresDuplicateDetection", path),
                publishedBy, subscriptions, settings);
    }

    private SubscriptionSpec subscription(JsonNode node, String path, String topic, EntitySettings topicSettings,
                                          Set<String> queueNames) {
        allowOnly(node, path, union(SETTINGS_KEYS, "name", "description", "forwardTo", "requiresSession", "consumedBy"));
        Optional<String> forwardTo = Optional.ofNullable(optionalText(node, "forwardTo", path));
        forwardTo.ifPresent(target -> {
            if (!queueNames.contains(target)) {
                throw fail(path + ".forwardTo", "'" + target + "' is not a declared queue (declared: " + queueNames + ")");
            }
        });
        return new SubscriptionSpec(topic, name(node, path, SUBSCRIPTION_NAME), forwardTo, bool(node, "requiresSession", path),
                text(node, "consumedBy", path), settings(node, path, topicSettings));
    }

    private EntitySettings settings(JsonNode node, String path, EntitySettings inherited) {
        int maxDeliveryCount = node.has("maxDeliveryCount")
                ? positiveInt(node, "maxDeliveryCount", path) : inherited.maxDeliveryCount();
        Duration lock = node.has("lockDuration")
                ? duration(node, "lockDuration", path, Duration.ofSeconds(5), Duration.ofMinutes(5)) : inherited.lockDuration();
        Duration ttl = node.has("defaultMessageTimeToLive")
                ? duration(node, "defaultMessageTimeToLive", path, Duration.ofSeconds(1), null) : inherited.defaultMessageTimeToLive();
        Duration window = node.has("duplicateDetectionHistoryTimeWindow")
                ? duration(node, "duplicateDetectionHistoryTimeWindow", path, Duration.ofSeconds(20), Duration.ofDays(7))
                : inherited.duplicateDetectionHistoryTimeWindow();
        int size = node.has("maxMessageSizeBytes") ? positiveInt(node, "maxMessageSizeBytes", path) : inherited.maxMessageSizeBytes();
        return new EntitySettings(maxDeliveryCount, lock, ttl, window, size);
    }

    private String name(JsonNode node, String path, Pattern pattern) {
        String name = text(node, "name", path);
        if (!pattern.matcher(name).matches()) {
            throw fail(path + ".name", "'" + name + "' is not a valid Service Bus entity name");
        }
        return name;
    }

    private String text(JsonNode node, String key, String path) {
        String value = optionalText(node, key, path);
        if (value == null) {
            throw fail(path + "." + key, "is required");
        }
        return value;
    }

    private String optionalText(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw fail(path + "." + key, "must be a non-blank string");
        }
        return value.asText();
    }

    private boolean bool(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw fail(path + "." + key, "must be true or false");
        }
        return value.asBoolean();
    }

    private int positiveInt(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw fail(path + "." + key, "must be a positive integer");
        }
        return value.intValue();
    }

    private Duration duration(JsonNode node, String key, String path, Duration min, Duration max) {
        JsonNode value = node.get(key);
        Duration duration;
        try {
            duration = Duration.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw fail(path + "." + key, "'" + value.asText() + "' is not an ISO-8601 duration such as PT1M");
        }
        if (!value.isTextual() || duration.compareTo(min) < 0 || (max != null && duration.compareTo(max) > 0)) {
            throw fail(path + "." + key, "must be an ISO-8601 duration between " + min + " and " + (max == null ? "unbounded" : max));
        }
        return duration;
    }

    private JsonNode array(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        String where = "$".equals(path) ? key : path + "." + key;
        if (value == null) {
            throw fail(where, "is required");
        }
        if (!value.isArray()) {
            throw fail(where, "must be an array");
        }
        return value;
    }

    private JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw fail(path, "must be a JSON object");
        }
        return node;
    }

    private void allowOnly(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key) && !key.startsWith("$") && !key.startsWith("x-")) {
                throw fail(("$".equals(path) ? "" : path + ".") + key, "unknown key; allowed here: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private void unique(Set<String> seen, String name, String path) {
        if (!seen.add(name)) {
            throw fail(path, "'" + name + "' is declared twice");
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private InvalidTopologyException fail(String path, String reason) {
        return new InvalidTopologyException(source, path, reason);
    }
}
