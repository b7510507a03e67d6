package io.avdroll.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Structural comparison against an official example: every field of the example exists in the actual
 * response with the same JSON type, recursively. An example {@code null} only requires the field to exist
 * (the example does not tell its type). Arrays: each actual element must match the example's first element;
 * an empty actual array where the example has elements is a mismatch (nothing could be checked).
 * {@code tags} is a free-form map: only its being an object is checked.
 */
public final class JsonShape {
    private JsonShape() {
    }

    /** The mismatches, each as "path: reason"; empty when the shapes agree. */
    public static List<String> mismatches(JsonNode example, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", example, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode example, JsonNode actual, List<String> out) {
        if (actual == null || actual.isMissingNode()) {
            out.add(path + ": missing");
            return;
        }
        if (example.isNull()) {
            return;
        }
        if (!kind(example).equals(kind(actual))) {
            out.add(path + ": expected " + kind(example) + " but was " + kind(actual));
            return;
        }
        if (example.isObject() && !path.endsWith(".tags")) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) example::fields) {
                compare(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()), out);
            }
        } else if (example.isArray() && !example.isEmpty()) {
            if (actual.isEmpty()) {
                out.add(path + ": empty array, example has elements");
            }
            for (int i = 0; i < actual.size(); i++) {
                compare(path + "[" + i + "]", example.get(0), actual.get(i), out);
            }
        }
    }

    private static String kind(JsonNode n) {
        if (n.isNumber()) {
            return "number";
        }
        return n.getNodeType().name().toLowerCase();
    }
}
