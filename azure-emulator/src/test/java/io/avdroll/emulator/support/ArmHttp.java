package io.avdroll.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.emulator.AzureEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain java.net.http calls to the emulator over HTTPS (the AVD Java SDK is not available). */
public final class ArmHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AzureEmulator emulator;
    private final HttpClient client;
    private String bearer = "Bearer emulator-test-token";

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public ArmHttp(AzureEmulator emulator) {
        this.emulator = emulator;
        this.client = HttpClient.newBuilder().sslContext(emulator.sslContext()).build();
    }

    public ArmHttp withAuthorization(String header) {
        ArmHttp copy = new ArmHttp(emulator);
        copy.bearer = header;
        return copy;
    }

    public Reply send(String method, String pathAndQuery, Object body) {
        try {
            String url = pathAndQuery.startsWith("https://") ? pathAndQuery : emulator.armEndpoint() + pathAndQuery.substring(1);
            String json = body == null ? null : body instanceof String s ? s : MAPPER.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json");
            if (bearer != null) {
                b.header("Authorization", bearer);
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = r.body() == null || r.body().isBlank() ? null : MAPPER.readTree(r.body());
            return new Reply(r.statusCode(), parsed, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }
}
