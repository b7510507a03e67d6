package io.avdroll.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.servicebus.SentMessage;
import io.avdroll.emulator.support.ArmHttp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With traffic auditing on, every ARM request and every Service Bus send lands in the audit log, named after the
 * caller whose token made it (never the token), so a benchmark can time hand-offs between services from outside.
 */
class TrafficAuditTest {
    static final String SUB = "00000000-0000-0000-0000-0000000000ae";
    static final String POOL = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.DesktopVirtualization/hostPools/hp";
    static final String V = "?api-version=2025-10-10";
    static final List<SentMessage> heard = new CopyOnWriteArrayList<>();
    static AzureEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start(EmulatorOptions.defaults().serviceBusPort(0).bearerToken("main-token")
                .caller("drain-secret-token", "drain-service").auditTraffic(true).onBusMessage(heard::add)
                .seed(Seed.parse("""
                {"galleries":[{"subscription":"%1$s","resourceGroup":"rg","name":"g","location":"westeurope",
                   "images":[{"name":"i","versions":[{"name":"1.0.0"}]}]}],
                 "hostPools":[{"subscription":"%1$s","resourceGroup":"rg","name":"hp","location":"westeurope","image":"g/i/1.0.0",
                   "standardHosts":{"count":2}}]}
                """.formatted(SUB))));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void anArmRequestIsRecordedWithItsCallerOperationAndStatusButNotItsToken() {
        Instant before = Instant.now();
        ArmHttp.Reply asDrain = new ArmHttp(emulator).withAuthorization("Bearer drain-secret-token").get(POOL + "/sessionHosts" + V);
        ArmHttp.Reply unknownToken = new ArmHttp(emulator).withAuthorization("Bearer someone-else").get(POOL + V);

        assertThat(asDrain.status()).isEqualTo(200);
        assertThat(unknownToken.status()).isEqualTo(401);
        List<AuditLog.Entry> requests = emulator.audit().since(0, "ArmRequest");
        assertThat(requests).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("drain-service");
            assertThat(e.resource()).isEqualTo(POOL + "/sessionHosts");
            assertThat(e.details()).containsEntry("method", "GET").containsEntry("status", 200);
            assertThat((String) e.details().get("operation")).containsIgnoringCase("sessionhosts");
            assertThat(e.time()).isAfterOrEqualTo(before.minusMillis(5));
        });
        assertThat(requests).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("api");
            assertThat(e.details()).containsEntry("status", 401);
        });
        assertThat(emulator.audit().all().toString()).doesNotContain("drain-secret-token").doesNotContain("someone-else");
    }

    @Test
    void aServiceBusSendIsRecordedWithItsMessageIdAndHandedToTheListenerWithItsBody() {
        try (ServiceBusSenderClient sender = new ServiceBusClientBuilder().connectionString(emulator.serviceBusConnectionString())
                .sender().topicName("host-drained").buildClient()) {
            ServiceBusMessage message = new ServiceBusMessage("{\"x\":1}");
            message.setMessageId("hp/r1/host-1/drained");
            message.setSubject("host-drained");
            sender.sendMessage(message);
            sender.sendMessage(message);
        }

        List<AuditLog.Entry> sends = emulator.audit().since(0, "BusMessageSent").stream()
                .filter(e -> "hp/r1/host-1/drained".equals(e.details().get("messageId"))).toList();
        assertThat(sends).hasSize(2);
        assertThat(sends.get(0).resource()).isEqualTo("host-drained");
        assertThat(sends.get(0).details()).containsEntry("subject", "host-drained").containsEntry("duplicate", false);
        assertThat(sends.get(1).details()).as("the second copy is dropped by duplicate detection").containsEntry("duplicate", true);
        assertThat(heard).anySatisfy(m -> {
            assertThat(m.messageId()).isEqualTo("hp/r1/host-1/drained");
            assertThat(new String(m.body())).isEqualTo("{\"x\":1}");
        });
    }
}
