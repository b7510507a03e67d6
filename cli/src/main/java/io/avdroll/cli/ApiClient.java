package io.avdroll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The on-demand API over HTTP with the bearer token; every non-2xx answer becomes an {@link ApiException}. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;
    private final URI base;
    private final String token;

    ApiClient(String baseUrl, String token) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.root = trimmed + "/api/v1";
        this.base = URI.create(root + "/pools");
        this.token = token;
    }

    /** An answer of the API: status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** GET of a path under {@code /api/v1} rather than under the pools, e.g. {@code /dead-letters}. */
    Answer getFromApi(String apiPath) {
        return send(HttpRequest.newBuilder(URI.create(root + apiPath)).GET());
    }

    /** POST without a body to a path under {@code /api/v1}. */
    Answer postToApi(String apiPath) {
        return send(HttpRequest.newBuilder(URI.create(root + apiPath)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Answer send(HttpRequest.Builder request) {
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(60));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, null, "cannot reach the API at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, null, "interrupted");
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), null, "the API answered " + response.statusCode()
                    + " with a body that is not JSON");
        }
        if (response.statusCode() >= 300) {
            String message = body.path("message").asText("HTTP " + response.statusCode());
            String field = body.hasNonNull("field") ? body.get("field").asText() : null;
            throw new ApiException(response.statusCode(), field, message);
        }
        return new Answer(response.statusCode(), body);
    }

    /** A non-2xx answer (status 0: no answer at all). */
    static final class ApiException extends RuntimeException {
        final int status;
        final String field;

        ApiException(int status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }

        int exitCode() {
            return status == 0 ? ExitCodes.UNAVAILABLE : ExitCodes.forHttpStatus(status);
        }
    }
}
