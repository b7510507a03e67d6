package io.avdroll.azure.desktop;

import io.avdroll.azure.support.RecordingArmServer;
import io.avdroll.azure.support.RecordingArmServer.Canned;
import io.avdroll.azure.support.TestConnections;
import io.avdroll.azure.support.TestTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The session-host list as AVD pages it while hosts are being redeployed, over real HTTPS. */
class SessionHostPagingTest {

    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000bb";
    private static final HostPoolRef POOL = new HostPoolRef("rg-avd", "hp-1");
    private static RecordingArmServer server;
    private static SessionHosts sessionHosts;

    @BeforeAll
    static void start() {
        TestTls tls = TestTls.shared();
        server = new RecordingArmServer(tls);
        sessionHosts = new RestSessionHosts(TestConnections.open(SUBSCRIPTION, server.endpoint(), tls));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aHostThatMovedToTheNextPageWhileListingIsListedOnceAsTheLaterPageSawIt() {
        String path = "subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-avd/providers/Microsoft.DesktopVirtualization"
                + "/hostPools/hp-1/sessionHosts";
        server.respond(r -> r.query().containsKey("initialSkip")
                ? Canned.json(200, "{\"value\":[" + host("h2", "Available") + "," + host("h3", "Available") + "]}")
                : Canned.json(200, "{\"value\":[" + host("h1", "Available") + "," + host("h2", "Unavailable") + "],"
                        + "\"nextLink\":\"" + server.endpoint() + path + "?api-version=" + DesktopVirtualizationApi.API_VERSION
                        + "&pageSize=2&initialSkip=1\"}"));

        assertThat(sessionHosts.list(POOL)).extracting(SessionHostView::name).containsExactly("h1", "h2", "h3");
        assertThat(sessionHosts.list(POOL)).filteredOn(h -> h.name().equals("h2"))
                .extracting(SessionHostView::status).containsExactly("Available");
    }

    private static String host(String name, String status) {
        return """
                {"name": "hp-1/%s", "id": "/subscriptions/%s/resourceGroups/rg-avd/providers/Microsoft.DesktopVirtualization/hostPools/hp-1/sessionHosts/%s",
                 "properties": {"status": "%s", "allowNewSession": true, "sessions": 0,
                  "resourceId": "/subscriptions/%s/resourceGroups/rg-avd/providers/Microsoft.Compute/virtualMachines/%s"}}"""
                .formatted(name, SUBSCRIPTION, name, status, SUBSCRIPTION, name);
    }
}
