package io.avdroll.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place events become JSON and back.
 *
 * <p>Wire shape: a flat JSON object {@code {"type": "<topic name>", "schemaVersion": 1, ...record fields}};
 * instants and durations are ISO-8601 strings, absent optional fields are omitted.
 *
 * <p>Reading is strict about what the code needs and lenient about what it does not:
 * an unknown {@code type}, a {@code schemaVersion} other than {@link EventType#SCHEMA_VERSION}, a missing
 * required field, a field of the wrong JSON type or a value out of its domain each raise
 * {@link InvalidEventException} naming the field. <b>Unknown extra fields are tolerated and ignored</b>, so a
 * newer writer may add optional fields without breaking older readers; a change that removes or retypes a
 * field, or adds a required one, needs a new schema version.
 *
 * <p>Thread-safe; build one and share it.
 */
public final class EventCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public byte[] encode(Event event) {
        return toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    public String toJson(Event event) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", event.type().wireName());
        root.put("schemaVersion", EventType.SCHEMA_VERSION);
        root.setAll((ObjectNode) mapper.valueToTree(event));
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write event " + event.messageId(), e);
        }
    }

    /** Reads any event; the body's {@code type} says which. */
    public Event decode(byte[] body) {
        JsonNode root = parse(body);
        EventType type = typeOf(root);
        requireSupportedVersion(root, type);
        checkShape(root, type.recordClass(), "");
        return bind(root, type.recordClass());
    }

    public Event decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads an event that must be of the given record type. */
    public <E extends Event> E decode(byte[] body, Class<E> expected) {
        Event event = decode(body);
        if (!expected.isInstance(event)) {
            throw new InvalidEventException("type", "expected " + wireNameOf(expected) + " but was " + event.type().wireName());
        }
        return expected.cast(event);
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidEventException("$", "body is empty");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new InvalidEventException("$", "body is not valid JSON (" + detail + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("$", "body must be a JSON object");
        }
        return root;
    }

    private static EventType typeOf(JsonNode root) {
        JsonNode type = root.get("type");
        if (type == null || type.isNull()) {
            throw new InvalidEventException("type", "is required");
        }
        if (!type.isTextual()) {
            throw new InvalidEventException("type", "must be a string");
        }
        return EventType.fromWireName(type.asText()).orElseThrow(() -> new InvalidEventException("type",
                "unknown event type '" + type.asText() + "'; known types: " + Arrays.stream(EventType.values())
                        .map(EventType::wireName).collect(Collectors.joining(", "))));
    }

    private static void requireSupportedVersion(JsonNode root, EventType type) {
        JsonNode version = root.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new InvalidEventException("schemaVersion", "is required");
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new InvalidEventException("schemaVersion", "must be an integer");
        }
        if (version.intValue() != EventType.SCHEMA_VERSION) {
            throw new InvalidEventException("schemaVersion", "version " + version.intValue() + " of " + type.wireName()
                    + " is not supported; this reader understands version " + EventType.SCHEMA_VERSION);
        }
    }

    /** Presence and JSON type of every record component, so errors name the field in plain words. */
    private void checkShape(JsonNode object, Class<?> recordClass, String prefix) {
        for (RecordComponent component : recordClass.getRecordComponents()) {
            String field = prefix + component.getName();
            JsonNode value = object.get(component.getName());
            if (value == null || value.isNull()) {
                if (!component.isAnnotationPresent(OptionalField.class)) {
                    throw new InvalidEventException(field, "is required");
                }
                continue;
            }
            checkType(value, component.getGenericType(), field);
        }
    }

    private void checkType(JsonNode value, Type type, String field) {
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            expect(value.isArray(), field, "must be a JSON array");
            Type element = generic.getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                String item = field + "[" + i + "]";
                expect(!value.get(i).isNull(), item, "must not be null");
                checkType(value.get(i), element, item);
            }
        } else if (type instanceof Class<?> plain) {
            checkType(value, plain, field);
        }
    }

    private void checkType(JsonNode value, Class<?> type, String field) {
        if (type == String.class) {
            expect(value.isTextual(), field, "must be a string");
        } else if (type == int.class || type == Integer.class) {
            expect(value.isIntegralNumber() && value.canConvertToInt(), field, "must be an integer");
        } else if (type == long.class || type == Long.class) {
            expect(value.isIntegralNumber() && value.canConvertToLong(), field, "must be an integer");
        } else if (type == boolean.class || type == Boolean.class) {
            expect(value.isBoolean(), field, "must be true or false");
        } else if (type == Instant.class) {
            expect(value.isTextual(), field, "must be an ISO-8601 instant string such as \"2025-01-31T02:00:00Z\"");
        } else if (type == Duration.class) {
            expect(value.isTextual(), field, "must be an ISO-8601 duration string such as \"PT30M\"");
        } else if (type.isEnum()) {
            expect(value.isTextual() && enumWireNames(type).contains(value.asText()), field,
                    "must be one of " + enumWireNames(type));
        } else if (type.isRecord()) {
            expect(value.isObject(), field, "must be a JSON object");
            checkShape(value, type, field + ".");
        }
    }

    private java.util.List<String> enumWireNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> mapper.valueToTree(c).asText()).toList();
    }

    private static void expect(boolean ok, String field, String reason) {
        if (!ok) {
            throw new InvalidEventException(field, reason);
        }
    }

    private <E> E bind(JsonNode root, Class<E> recordClass) {
        try {
            return mapper.treeToValue(root, recordClass);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidEventException invalid) {
                String parent = pathOf(e);
                throw parent.isEmpty() ? invalid : invalid.under(parent);
            }
            throw new InvalidEventException(orWhole(pathOf(e)), e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            String field = orWhole(pathOf(e));
            throw new InvalidEventException(field, reasonFor(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("$", e.getOriginalMessage(), e);
        }
    }

    private static String reasonFor(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.contains("java.time.Instant")) {
            return "is not an ISO-8601 instant such as \"2025-01-31T02:00:00Z\"";
        }
        if (message != null && message.contains("java.time.Duration")) {
            return "is not an ISO-8601 duration such as \"PT30M\"";
        }
        return "has an invalid value (" + message + ")";
    }

    /** {@code drainPolicy.reminderOffsets[1]}: dots between fields, array indexes appended. */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static String orWhole(String path) {
        return path.isEmpty() ? "$" : path;
    }

    private static String wireNameOf(Class<? extends Event> recordClass) {
        return Arrays.stream(EventType.values()).filter(t -> t.recordClass() == recordClass)
                .map(EventType::wireName).findFirst().orElse(recordClass.getSimpleName());
    }
}
