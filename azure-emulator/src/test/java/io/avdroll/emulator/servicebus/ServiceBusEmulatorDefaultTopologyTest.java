package io.avdroll.emulator.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Without options the emulator serves the project's topology.json: the coordinator chain works end to end. */
class ServiceBusEmulatorDefaultTopologyTest {

    private static ServiceBusEmulator bus;

    @BeforeAll
    static void startEmulator() {
        bus = ServiceBusEmulator.start();
    }

    @AfterAll
    static void stopEmulator() {
        bus.stop();
    }

    @Test
    void theProjectTopologyIsServed() {
        assertThat(bus.entityPaths()).contains("coordinator", "update-requested",
                "update-requested/subscriptions/coordinator", "drain-requested/subscriptions/drain-service",
                "host-verified/subscriptions/coordinator");
        assertThat(bus.connectionString()).startsWith("Endpoint=sb://localhost:" + bus.port() + ";")
                .endsWith(";UseDevelopmentEmulator=true");
    }

    @Test
    void anUpdateRequestReachesTheCoordinatorSessionForItsHostPool() {
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().topicName("update-requested")
                .buildClient()) {
            sender.sendMessage(new ServiceBusMessage("{\"pool\":\"hp-weu-01\"}").setSessionId("hp-weu-01")
                    .setMessageId("r-1/hp-weu-01/update-requested"));
        }
        try (ServiceBusSessionReceiverClient sessions = TestBus.client(bus).sessionReceiver().queueName("coordinator")
                .disableAutoComplete().buildClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession("hp-weu-01")) {
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 1, Duration.ofSeconds(10));
            assertThat(got).extracting(ServiceBusReceivedMessage::getMessageId)
                    .containsExactly("r-1/hp-weu-01/update-requested");
            receiver.complete(got.get(0));
        }
        assertThat(bus.counts("coordinator")).isEqualTo(new EntityCounts(0, 0, 0));
    }
}
