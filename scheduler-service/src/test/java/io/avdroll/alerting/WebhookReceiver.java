package io.avdroll.alerting;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A local HTTP endpoint on a free port standing in for a Teams / Slack incoming webhook; the service under test
 * is pointed at it through {@code avdroll.alerts.webhook-url}, and watchers look every second.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    static final BlockingQueue<String> BODIES = new LinkedBlockingQueue<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hooks/alerts", exchange -> {
            BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "avdroll.alerts.webhook-url", "http://localhost:" + server.getAddress().getPort() + "/hooks/alerts?token=s3cr3t",
                "avdroll.alerts.dead-letter-interval", "PT1S",
                "avdroll.alerts.evaluate-interval", "PT1S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
