package io.avdroll.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.events.InvalidEventException;
import io.avdroll.events.SpecOverrides;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the JSON body of a start, plan or control request field by field, so every problem is a 400 that names the
 * field (dotted, e.g. {@code overrides.drainGracePeriod}) and the reason.
 */
final class RequestBody {

    private static final Set<String> OVERRIDE_FIELDS = Set.of("maxUnavailable", "canaryHosts", "maxFailedPercent",
            "drainGracePeriod", "bakeTime", "minAvailableHosts");

    private final JsonNode body;

    RequestBody(JsonNode body) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw ApiProblem.badRequest("$", "the body must be a JSON object");
        }
        this.body = body == null || body.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : body;
    }

    String requiredText(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw ApiProblem.badRequest(field, "is required");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiProblem.badRequest(field, "must be a JSON string");
        }
        if (node.asText().isBlank()) {
            throw ApiProblem.badRequest(field, "must not be blank");
        }
        return node.asText().strip();
    }

    /** The request's spec overrides; an unknown field is refused rather than silently ignored. */
    SpecOverrides overrides() {
        JsonNode node = body.get("overrides");
        if (node == null || node.isNull()) {
            return SpecOverrides.none();
        }
        if (!node.isObject()) {
            throw ApiProblem.badRequest("overrides", "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OVERRIDE_FIELDS.contains(name)) {
                throw ApiProblem.badRequest("overrides." + name, "unknown override; the overrides are "
                        + String.join(", ", OVERRIDE_FIELDS.stream().sorted().toList()));
            }
        }
        try {
            return new SpecOverrides(countOrPercent(node, "maxUnavailable"), integer(node, "canaryHosts"),
                    integer(node, "maxFailedPercent"), duration(node, "drainGracePeriod"), duration(node, "bakeTime"),
                    integer(node, "minAvailableHosts"));
        } catch (InvalidEventException e) {
            throw ApiProblem.badRequest("overrides." + e.field(), e.reason());
        }
    }

    private static String countOrPercent(JsonNode overrides, String field) {
        JsonNode node = overrides.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isInt()) {
            return Integer.toString(node.asInt());
        }
        if (!node.isTextual()) {
            throw ApiProblem.badRequest("overrides." + field, "must be a host count like \"2\" or a percent like \"25%\"");
        }
        return node.asText().strip();
    }

    private static Integer integer(JsonNode overrides, String field) {
        JsonNode node = overrides.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isInt()) {
            throw ApiProblem.badRequest("overrides." + field, "must be a JSON integer");
        }
        return node.asInt();
    }

    private static Duration duration(JsonNode overrides, String field) {
        JsonNode node = overrides.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiProblem.badRequest("overrides." + field, "must be an ISO-8601 duration string such as \"PT30M\"");
        }
        try {
            return Duration.parse(node.asText().strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("overrides." + field, "must be an ISO-8601 duration such as \"PT30M\" (was \""
                    + node.asText() + "\")");
        }
    }
}
