package io.avdroll.e2e.bench;

import io.avdroll.emulator.admin.AuditLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-off latency and calls per host read from a hand-made traffic audit. */
class ArmTrafficTest {

    private static final String VM = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/";
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private final AuditLog audit = new AuditLog();

    @Test
    void aHandOffLastsFromTheBrokerAcceptingTheEventToTheNextStagesFirstCallAboutThatHost() {
        send(0, "host-drained", "hp-000/r1/p000-std-01/drained");
        call(5, "provisioner-service", VM + "p000-std-02"); // another host: not the reaction
        call(7, "drain-service", VM + "p000-std-01");        // another service: not the reaction
        call(12, "provisioner-service", VM + "p000-std-01");
        call(30, "provisioner-service", VM + "p000-std-01");

        Map<String, List<Double>> handOffs = new ArmTraffic(audit.all()).handOffMillis(Duration.ofSeconds(60));

        assertThat(handOffs.get("host-drained")).singleElement().satisfies(ms -> assertThat(ms).isCloseTo(12.0, within(0.01)));
    }

    @Test
    void followUpsAServiceSchedulesToItselfAreNotHandOffs() {
        send(0, "host-drained", "hp-000/r1/p000-std-01/drained/check-3");
        call(12, "provisioner-service", VM + "p000-std-01");

        assertThat(new ArmTraffic(audit.all()).handOffMillis(Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void theCoordinatorsHandOffIsItsFirstCallAfterTheResult() {
        send(0, "host-verified", "hp-000/r1/p000-std-01/verified");
        call(3, "scheduler-service", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp-000");

        assertThat(new ArmTraffic(audit.all()).handOffMillis(Duration.ofSeconds(60)).get("host-verified")).containsExactly(3.0);
    }

    @Test
    void callsAreCountedByServiceAndHostWithSessionHostDomainsDropped() {
        call(1, "drain-service", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp/sessionHosts/p000-std-01.contoso.com");
        call(2, "provisioner-service", VM + "P000-STD-01");
        call(3, "provisioner-service", "/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/abc");
        call(4, "scheduler-service", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp/sessionHosts");

        ArmTraffic traffic = new ArmTraffic(audit.all());

        assertThat(traffic.callsByService()).containsEntry("drain-service", 1L).containsEntry("provisioner-service", 2L)
                .containsEntry("scheduler-service", 1L);
        assertThat(traffic.hostScopedCalls()).containsExactly(Map.entry("p000-std-01", 2L));
    }

    private void send(long atMillis, String topic, String messageId) {
        audit.record(T0.plusMillis(atMillis), "BusMessageSent", "bus", topic, "messageId", messageId, "subject", topic,
                "scheduledFor", "", "duplicate", false);
    }

    private void call(long atMillis, String caller, String path) {
        audit.record(T0.plusMillis(atMillis), "ArmRequest", caller, path, "method", "GET", "operation", "x", "status", 200);
    }
}
