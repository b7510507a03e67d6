package io.avdroll.azure.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A real HTTPS endpoint on a free port that records every request and answers with whatever the test's responder
 * says — used to hold the adapters' requests against the official OpenAPI examples byte for byte.
 */
public final class RecordingArmServer implements AutoCloseable {

    public record Recorded(String method, String path, Map<String, String> query, String body, Map<String, List<String>> headers) {
    }

    public record Canned(int status, String body, Map<String, String> headers) {
        public static Canned json(int status, String body) {
            return new Canned(status, body, Map.of());
        }
    }

    private final HttpsServer server;
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Recorded, Canned> responder = r -> Canned.json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no responder\"}}");

    public RecordingArmServer(TestTls tls) {
        try {
            server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/");
    }

    public void respond(Function<Recorded, Canned> responder) {
        this.responder = responder;
        requests.clear();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> query = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Recorded recorded = new Recorded(exchange.getRequestMethod(), uri.getRawPath(), query, body,
                Map.copyOf(exchange.getRequestHeaders()));
            requests.add(recorded);
            Canned canned = responder.apply(recorded);
            canned.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = canned.body() == null ? new byte[0] : canned.body().getBytes(StandardCharsets.UTF_8);
            if (out.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(canned.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
