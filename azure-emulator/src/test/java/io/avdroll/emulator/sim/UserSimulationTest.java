package io.avdroll.emulator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** User behaviour on virtual time: nothing happens until the test moves the clock. */
class UserSimulationTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    AzureEmulator emulator;
    ManualSimScheduler clock = new ManualSimScheduler(T0);

    AzureEmulator start(String usersJson) {
        emulator = AzureEmulator.start(EmulatorOptions.defaults().scheduler(clock).randomSeed(7).seed(Seed.parse("""
                {"galleries":[{"subscription":"s","resourceGroup":"rg","name":"g","location":"westeurope",
                   "images":[{"name":"i","versions":[{"name":"1.0.0"}]}]}],
                 "hostPools":[{"subscription":"s","resourceGroup":"rg","name":"hp","location":"westeurope","image":"g/i/1.0.0",
                   "maxSessionLimit":4,"standardHosts":{"count":3},"usersPerHost":2,"users":%s}]}
                """.formatted(usersJson))));
        return emulator;
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    int sessions() {
        return emulator.snapshot().get("value").get(0).get("sessions").asInt();
    }

    @Test
    void usersLogOffOnTheirOwnWithinTheirSessionDurations() {
        start("{\"sessionMinutesMin\":30,\"sessionMinutesMax\":60}");
        assertThat(sessions()).isEqualTo(6);

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions()).isEqualTo(6);
        clock.advance(Duration.ofMinutes(32));

        assertThat(sessions()).isZero();
        assertThat(emulator.audit().since(0, "UserSessionLoggedOff")).hasSize(6)
                .allMatch(e -> e.details().get("forced").equals(false) && e.actor().equals("user"));
    }

    @Test
    void usersWhoNeverLogOffStay() {
        start("{\"sessionMinutesMin\":30,\"sessionMinutesMax\":60}");
        FaultRule fault = new FaultRule();
        fault.kind = "usersNeverLogOff";
        fault.hostPool = "hp";
        emulator.faults().add(fault);

        clock.advance(Duration.ofHours(5));

        assertThat(sessions()).isEqualTo(6);
    }

    @Test
    void arrivalsFillThePoolUpToTheTargetBreadthFirst() {
        start("{\"logonIntervalSeconds\":60,\"sessionMinutesMin\":600,\"sessionMinutesMax\":600,\"targetSessions\":9}");

        clock.advance(Duration.ofHours(2));

        assertThat(sessions()).isEqualTo(9);
        JsonNode hosts = emulator.snapshot().get("value").get(0).get("hosts");
        assertThat(hosts).allMatch(h -> h.get("sessions").asInt() == 3);
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        start("{\"logonIntervalSeconds\":60,\"sessionMinutesMin\":5,\"sessionMinutesMax\":50,\"targetSessions\":8}");
        clock.advance(Duration.ofHours(3));
        var first = emulator.audit().all().stream().map(e -> e.time() + e.type() + e.resource()).toList();
        emulator.close();

        clock = new ManualSimScheduler(T0);
        start("{\"logonIntervalSeconds\":60,\"sessionMinutesMin\":5,\"sessionMinutesMax\":50,\"targetSessions\":8}");
        clock.advance(Duration.ofHours(3));
        var second = emulator.audit().all().stream().map(e -> e.time() + e.type() + e.resource()).toList();

        assertThat(second).isEqualTo(first);
        assertThat(first.stream().filter(s -> s.contains("UserSessionLoggedOff")).count()).isGreaterThan(5);
    }

    @Test
    void auditTimesFollowTheInjectedClock() {
        start("{\"sessionMinutesMin\":10,\"sessionMinutesMax\":10}");
        clock.advance(Duration.ofMinutes(15));

        assertThat(emulator.audit().since(0, "UserSessionLoggedOff")).extracting(AuditLog.Entry::time)
                .allMatch(t -> t.equals(T0.plus(Duration.ofMinutes(10))));
    }
}
