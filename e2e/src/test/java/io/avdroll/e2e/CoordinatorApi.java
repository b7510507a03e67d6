package io.avdroll.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What an operator sees of a pool's rollout: scheduler-service's status API (state, hosts, history, recent events). */
record CoordinatorApi(ServiceProcess scheduler, String token) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code GET /api/v1/pools/{resourceGroup}/{hostPool}?history=200}. */
    JsonNode status(String hostPool) {
        return get(hostPool, "?history=200", "status");
    }

    /** {@code GET /api/v1/pools/{resourceGroup}/{hostPool}/history}: the lines, with a report where a rollout ended. */
    JsonNode history(String hostPool) {
        return get(hostPool, "/history", "history");
    }

    private JsonNode get(String hostPool, String pathAndQuery, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + scheduler.port() + "/api/v1/pools/"
                        + DemoScenario.RESOURCE_GROUP + "/" + hostPool + pathAndQuery))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " of " + hostPool + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " of " + hostPool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The record's view of one host, matched by its VM name (session host names may carry the domain). */
    static JsonNode host(JsonNode status, String vmName) {
        for (JsonNode host : status.path("hosts")) {
            if (RolloutAudit.hostVmName("/sessionHosts/" + host.path("host").asText()).equals(vmName)) {
                return host;
            }
        }
        return null;
    }
}
