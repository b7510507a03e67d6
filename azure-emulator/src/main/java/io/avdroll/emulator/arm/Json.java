package io.avdroll.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** One shared Jackson mapper and small helpers for building ARM JSON bodies. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** A deep copy of {@code node} as an object, or an empty object when it is missing or not an object. */
    public static ObjectNode copyObject(JsonNode node) {
        return node != null && node.isObject() ? ((ObjectNode) node).deepCopy() : object();
    }

    /** Text at a dotted path ("properties.storageProfile.osDisk.name"), or null. */
    public static String text(JsonNode root, String dottedPath) {
        JsonNode node = at(root, dottedPath);
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String part : dottedPath.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    /** The object at a dotted path, created (with its parents) if missing. */
    public static ObjectNode with(ObjectNode root, String dottedPath) {
        ObjectNode node = root;
        for (String part : dottedPath.split("\\.")) {
            JsonNode child = node.get(part);
            if (child == null || !child.isObject()) {
                child = node.putObject(part);
            }
            node = (ObjectNode) child;
        }
        return node;
    }

    /** Deep merge of {@code patch} into {@code target} (JSON merge-patch semantics, nulls remove). */
    public static void merge(ObjectNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return;
        }
        patch.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            JsonNode existing = target.get(e.getKey());
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        });
    }
}
