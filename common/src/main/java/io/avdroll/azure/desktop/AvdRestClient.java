package io.avdroll.azure.desktop;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.failure.AzureFailures;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * JSON over the shared ARM pipeline (same credential, retry on 429/5xx honouring Retry-After, header-only
 * logging). Bodies are never logged or put into exceptions: host pool responses carry the registration token.
 */
final class AvdRestClient {

    static final int MAX_PAGES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final String baseUrl;
    private final String subscriptionId;

    AvdRestClient(HttpPipeline pipeline, String baseUrl, String subscriptionId) {
        this.pipeline = pipeline;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.subscriptionId = subscriptionId;
    }

    String subscriptionId() {
        return subscriptionId;
    }

    /** Sends one request; returns the parsed body, or null for an empty one. */
    JsonNode send(HttpMethod method, String path, Map<String, String> query, Object body, String operation) {
        return exchange(method, url(path, query), body, operation);
    }

    /** GETs the first page and follows every {@code nextLink} (absolute, or relative to the ARM endpoint). */
    void forEachItem(String path, Map<String, String> query, String operation, Consumer<JsonNode> item) {
        String next = url(path, query);
        Set<String> seen = new HashSet<>();
        for (int page = 0; next != null; page++) {
            if (page >= MAX_PAGES || !seen.add(next)) {
                throw new AzureFailure(AzureFailureKind.TRANSIENT, operation, 0, "PagingLoop",
                    "the service returned a nextLink already followed (page " + page + ")", null);
            }
            JsonNode body = exchange(HttpMethod.GET, next, null, operation);
            if (body != null && body.path("value").isArray()) {
                body.path("value").forEach(item);
            }
            String link = body == null ? null : body.path("nextLink").asText(null);
            next = link == null || link.isBlank() ? null : absolute(link);
        }
    }

    private JsonNode exchange(HttpMethod method, String url, Object body, String operation) {
        HttpRequest request = new HttpRequest(method, url);
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            try {
                request.setBody(BinaryData.fromBytes(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise the request body of " + operation, e);
            }
        }
        try (HttpResponse response = AzureFailures.call(operation, () -> pipeline.sendSync(request, Context.NONE))) {
            int status = response.getStatusCode();
            String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            JsonNode json = parse(text);
            if (status >= 400) {
                JsonNode error = json == null ? null : json.has("error") ? json.get("error") : json;
                throw AzureFailures.of(operation, status,
                    error == null ? null : error.path("code").asText(null),
                    error == null ? null : error.path("message").asText(null),
                    response.getHeaders());
            }
            return json;
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    private String url(String path, Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("api-version", DesktopVirtualizationApi.API_VERSION);
        if (query != null) {
            all.putAll(query);
        }
        StringBuilder url = new StringBuilder(baseUrl).append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : all.entrySet()) {
            url.append(sep).append(DesktopVirtualizationApi.segment(e.getKey())).append('=')
                .append(DesktopVirtualizationApi.segment(e.getValue()));
            sep = '&';
        }
        return url.toString();
    }

    private String absolute(String link) {
        URI uri = URI.create(link);
        return uri.isAbsolute() ? link : baseUrl + (link.startsWith("/") ? link : "/" + link);
    }

    static List<JsonNode> collect(AvdRestClient client, String path, Map<String, String> query, String operation) {
        List<JsonNode> items = new ArrayList<>();
        client.forEachItem(path, query, operation, items::add);
        return items;
    }
}
