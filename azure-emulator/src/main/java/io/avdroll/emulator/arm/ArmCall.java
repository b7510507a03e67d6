package io.avdroll.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** One matched ARM request as handlers see it: path parameters, query, body and the server's base URL. */
public final class ArmCall {
    private final String method;
    private final String path;
    private final Map<String, String> params;
    private final Map<String, String> query;
    private final JsonNode body;
    private final String baseUrl;

    public ArmCall(String method, String path, Map<String, String> params, Map<String, String> query, JsonNode body,
                   String baseUrl) {
        this.method = method;
        this.path = path;
        this.params = params;
        this.query = query;
        this.body = body;
        this.baseUrl = baseUrl;
    }

    public String method() {
        return method;
    }

    /** The request path (no query), as sent. */
    public String path() {
        return path;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** Query parameter by case-insensitive name, or null. */
    public String query(String name) {
        return query.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean queryFlag(String name) {
        return "true".equalsIgnoreCase(query(name));
    }

    public String apiVersion() {
        return query("api-version");
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The body as an object; 400 {@code InvalidRequestContent} if missing or not an object. */
    public ObjectNode bodyObject() {
        if (body == null || !body.isObject()) {
            throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: a JSON object body is required.");
        }
        return (ObjectNode) body;
    }

    public ObjectNode bodyOrEmpty() {
        return body != null && body.isObject() ? (ObjectNode) body : Json.object();
    }

    /** Absolute URL for a path on this server. */
    public String url(String pathAndQuery) {
        return baseUrl + pathAndQuery;
    }
}
