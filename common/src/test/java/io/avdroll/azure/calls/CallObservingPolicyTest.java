package io.avdroll.azure.calls;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.support.RecordingArmServer;
import io.avdroll.azure.support.RecordingArmServer.Canned;
import io.avdroll.azure.support.TestConnections;
import io.avdroll.azure.support.TestTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy sits behind the real ARM pipeline's retry policy, over real HTTPS. */
class CallObservingPolicyTest {

    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
    private static RecordingArmServer server;
    private static final List<String> calls = new CopyOnWriteArrayList<>();
    private static AzureConnection connection;

    @BeforeAll
    static void start() {
        TestTls tls = TestTls.shared();
        server = new RecordingArmServer(tls);
        connection = AzureConnection.open(TestConnections.emulatorConfig(SUBSCRIPTION, server.endpoint(), tls).build(),
                (operation, status, elapsed) -> calls.add(operation + " " + status));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aThrottledAttemptRetriedByThePipelineIsReportedBesideTheAttemptThatSucceeded() {
        AtomicInteger n = new AtomicInteger();
        server.respond(r -> n.incrementAndGet() == 1
                ? new Canned(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}", Map.of("Retry-After", "0"))
                : Canned.json(200, "{}"));
        String url = server.endpoint() + "subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp?api-version=2024-04-03";

        try (HttpResponse response = connection.pipeline().sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            assertThat(response.getStatusCode()).isEqualTo(200);
        }

        assertThat(calls).containsExactly("GET microsoft.desktopvirtualization/hostpools 429",
                "GET microsoft.desktopvirtualization/hostpools 200");
    }
}
