package io.avdroll.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs each alert as JSON that a Teams or Slack incoming webhook shows as-is ({@code text}), with the structured
 * fields beside it ({@code alert}) for anything that parses them (Logic Apps, a pager bridge). The URL carries a
 * secret token in both products, so it never appears in logs or exceptions: only its host does.
 */
public final class WebhookAlertSink implements AlertSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookAlertSink(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    static String body(Alert alert) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", alert.summary() + (alert.reason().isBlank() ? "" : " — reason: " + alert.reason()));
        ObjectNode fields = root.putObject("alert");
        fields.put("kind", alert.kind().name());
        fields.put("rolloutId", alert.rolloutId());
        fields.put("hostPool", alert.hostPool());
        fields.put("host", alert.host().orElse(null));
        fields.put("stage", alert.stage());
        fields.put("reason", alert.reason());
        fields.put("text", alert.text());
        fields.put("at", alert.at().toString());
        return root.toString();
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert))).build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IOException("webhook on " + url.getHost() + " unreachable: " + e.getClass().getSimpleName(), null);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook on " + url.getHost() + " answered " + response.statusCode());
        }
    }

    @Override
    public String name() {
        return "webhook(" + url.getHost() + ")";
    }
}
