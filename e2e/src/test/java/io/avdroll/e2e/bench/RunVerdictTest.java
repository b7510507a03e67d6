package io.avdroll.e2e.bench;

import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.servicebus.SentMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos campaign's judge on hand-made audit logs: each invariant it promises to catch, caught. */
class RunVerdictTest {

    private static final String POOL = "hp-001";
    private static final String HOSTS = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp-001/sessionHosts/";
    private static final String VMS = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/";

    private final AuditLog audit = new AuditLog();
    private final RolloutWatcher watcher = new RolloutWatcher();
    private Instant clock = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void aRolloutThatKeptItsWindowAndFloorAndSettledEveryHostHasNoViolation() {
        seedHosts(3);
        rollHost("p001-std-00");
        rollHost("p001-std-01");
        rollHost("p001-std-02");

        RunVerdict verdict = RunVerdict.fromAudit(audit.all(), watcher, List.of(POOL), 1, 2);

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.pools().get(POOL).mostInFlight()).isEqualTo(1);
        assertThat(verdict.pools().get(POOL).lowestServing()).isEqualTo(2);
        assertThat(verdict.pools().get(POOL).verified()).isEqualTo(3);
    }

    @Test
    void twoHostsAdmittedBeforeEitherSettledExceedAWindowOfOne() {
        seedHosts(3);
        admit("p001-std-00");
        admit("p001-std-01");

        RunVerdict verdict = RunVerdict.fromAudit(audit.all(), watcher, List.of(POOL), 1, 0);

        assertThat(verdict.violations()).anySatisfy(v -> assertThat(v).contains("window exceeded").contains("2 hosts in flight > 1"));
    }

    @Test
    void drainingAHostThatTakesServingBelowTheFloorIsCaught() {
        seedHosts(2);
        admit("p001-std-00");
        drainMode("p001-std-00", false);

        RunVerdict verdict = RunVerdict.fromAudit(audit.all(), watcher, List.of(POOL), 1, 2);

        assertThat(verdict.violations()).anySatisfy(v -> assertThat(v).contains("capacity floor broken").contains("1 serving < floor 2"));
    }

    @Test
    void aHostDrainedTwiceBeforeItsOldVmWasDeletedIsCaught() {
        seedHosts(2);
        admit("p001-std-00");
        drainMode("p001-std-00", false);
        drainMode("p001-std-00", true);
        drainMode("p001-std-00", false);

        RunVerdict verdict = RunVerdict.fromAudit(audit.all(), watcher, List.of(POOL), 1, 0);

        assertThat(verdict.violations()).anySatisfy(v -> assertThat(v).contains("p001-std-00 drained 2 times"));
    }

    @Test
    void aHostNeitherVerifiedNorFailedIsCaughtAndAFailureCarriesItsReason() {
        seedHosts(2);
        admit("p001-std-00");
        send("host-failed", POOL + "/r1/p001-std-00/failed", "{\"stage\":\"provision\",\"reason\":\"AllocationFailed three times\"}");

        RunVerdict verdict = RunVerdict.fromAudit(audit.all(), watcher, List.of(POOL), 1, 0);

        assertThat(verdict.violations()).containsExactly(POOL + ": p001-std-01 ended neither verified nor failed");
        assertThat(verdict.failures()).containsExactly("p001-std-00 provision: AllocationFailed three times");
    }

    @Test
    void aHostReportedBothVerifiedAndFailedIsCaught() {
        seedHosts(1);
        rollHost("p001-std-00");
        send("host-failed", POOL + "/r1/p001-std-00/failed", "{\"stage\":\"drain\",\"reason\":\"host vanished while being drained\"}");

        RunVerdict verdict = RunVerdict.fromAudit(audit.all(), watcher, List.of(POOL), 1, 0);

        assertThat(verdict.violations()).anySatisfy(v -> assertThat(v).contains("p001-std-00 reported both verified and failed"));
    }

    @Test
    void followUpsRetriesAndDuplicatesDoNotCountAsAdmissions() {
        seedHosts(3);
        admit("p001-std-00");
        send("drain-requested", POOL + "/r1/p001-std-01/drain/check-2", "{}");
        send("drain-requested", POOL + "/r1/p001-std-02/drain/retry-1", "{}");

        RunVerdict verdict = RunVerdict.fromAudit(audit.all(), watcher, List.of(POOL), 1, 0);

        assertThat(verdict.violations()).noneMatch(v -> v.contains("window"));
        assertThat(verdict.pools().get(POOL).mostInFlight()).isEqualTo(1);
    }

    // --- a tiny rollout, written as the emulator would record it -------------------------------------------------

    private void seedHosts(int count) {
        for (int i = 0; i < count; i++) {
            String name = String.format("p001-std-%02d", i);
            record("VmSeeded", "admin", VMS + name);
            record("SessionHostRegistered", "admin", HOSTS + name, "vm", VMS + name, "status", "Available", "reRegistered", false);
        }
    }

    private void rollHost(String name) {
        admit(name);
        drainMode(name, false);
        record("SessionHostDeleted", "api", HOSTS + name);
        record("VmDeleted", "api", VMS + name);
        record("VmCreated", "api", VMS + name);
        record("SessionHostRegistered", "simulation", HOSTS + name, "vm", VMS + name, "reRegistered", false);
        record("SessionHostStatusChanged", "simulation", HOSTS + name, "from", "Unavailable", "to", "Available");
        send("host-verified", POOL + "/r1/" + name + "/verified", "{}");
    }

    private void admit(String name) {
        send("drain-requested", POOL + "/r1/" + name + "/drain", "{}");
    }

    private void drainMode(String name, boolean allow) {
        record("AllowNewSessionChanged", "api", HOSTS + name, "from", !allow, "to", allow, "sessions", 0);
    }

    private void send(String topic, String messageId, String body) {
        clock = clock.plusMillis(10);
        record("BusMessageSent", "bus", topic, "messageId", messageId, "subject", topic, "scheduledFor", "", "duplicate", false);
        watcher.heard(new SentMessage(topic, messageId, topic, "s/rg/" + POOL, clock, null, false, body.getBytes(StandardCharsets.UTF_8)));
    }

    private void record(String type, String actor, String resource, Object... details) {
        clock = clock.plusMillis(10);
        audit.record(clock, type, actor, resource, details);
    }
}
