package io.avdroll.emulator.servicebus;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad tokens, unknown entities, oversized and malformed messages get Service Bus's errors; others keep going. */
class ServiceBusEmulatorRobustnessTest {

    private static final String KEY = "test-only-key";
    private static ServiceBusEmulator bus;

    @BeforeAll
    static void startEmulator() {
        bus = ServiceBusEmulator.builder().topology(Topology.parse(TestBus.TOPOLOGY)).sharedAccessKey(KEY).start();
    }

    @AfterAll
    static void stopEmulator() {
        bus.stop();
    }

    private static ServiceBusClientBuilder clientWith(String connectionString) {
        return new ServiceBusClientBuilder().connectionString(connectionString).retryOptions(TestBus.retry());
    }

    private static String sasConnectionString(String token) {
        return "Endpoint=sb://localhost:" + bus.port() + ";SharedAccessSignature=" + token
                + ";UseDevelopmentEmulator=true";
    }

    private static void assertSendFails(ServiceBusClientBuilder client, String queue, ServiceBusFailureReason reason) {
        try (ServiceBusSenderClient sender = client.sender().queueName(queue).buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("x")))
                    .isInstanceOf(ServiceBusException.class)
                    .satisfies(e -> assertThat(((ServiceBusException) e).getReason()).isEqualTo(reason));
        }
    }

    private static void assertStillServing() {
        String id = UUID.randomUUID().toString();
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().queueName("work").buildClient();
             ServiceBusReceiverClient receiver = TestBus.client(bus).receiver().queueName("work")
                     .disableAutoComplete().buildClient()) {
            sender.sendMessage(new ServiceBusMessage("still here").setMessageId(id));
            List<ServiceBusReceivedMessage> got = TestBus.receive(receiver, 10, Duration.ofSeconds(3));
            assertThat(got).extracting(ServiceBusReceivedMessage::getMessageId).contains(id);
            got.forEach(receiver::complete);
        }
    }

    @Test
    void aConnectionStringWithTheWrongKeyIsRefusedAsUnauthorized() {
        String wrongKey = bus.connectionString().replace("SharedAccessKey=" + KEY, "SharedAccessKey=not-the-key");
        assertSendFails(clientWith(wrongKey), "work", ServiceBusFailureReason.UNAUTHORIZED);
        assertStillServing();
    }

    @Test
    void aTokenForAnotherNamespaceIsRefusedAsUnauthorized() {
        String token = SasTokens.token("amqp://other-namespace.servicebus.windows.net/work",
                ServiceBusEmulator.DEFAULT_KEY_NAME, KEY, Instant.now().plusSeconds(3600));
        assertSendFails(clientWith(sasConnectionString(token)), "work", ServiceBusFailureReason.UNAUTHORIZED);
    }

    @Test
    void anExpiredTokenIsRefusedAsUnauthorized() {
        String token = SasTokens.token("amqp://localhost/work", ServiceBusEmulator.DEFAULT_KEY_NAME, KEY,
                Instant.now().minusSeconds(60));
        assertSendFails(clientWith(sasConnectionString(token)), "work", ServiceBusFailureReason.UNAUTHORIZED);
    }

    @Test
    void aValidTokenForTheEntityIsAccepted() {
        String token = SasTokens.token("amqp://localhost/work", ServiceBusEmulator.DEFAULT_KEY_NAME, KEY,
                Instant.now().plusSeconds(3600));
        try (ServiceBusSenderClient sender = clientWith(sasConnectionString(token)).sender().queueName("work")
                .buildClient()) {
            sender.sendMessage(new ServiceBusMessage("with sas").setMessageId(UUID.randomUUID().toString()));
        }
        assertStillServing();
    }

    @Test
    void anUnknownEntityIsReportedAsNotFound() {
        assertSendFails(TestBus.client(bus), "no-such-queue", ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND);
        assertStillServing();
    }

    @Test
    void theSdkRefusesAMessageLargerThanTheAdvertisedMaximum() {
        try (ServiceBusSenderClient sender = TestBus.client(bus).sender().queueName("work").buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage(BinaryData.fromBytes(new byte[300_000]))))
                    .isInstanceOf(ServiceBusException.class)
                    .satisfies(e -> assertThat(((ServiceBusException) e).getReason())
                            .isEqualTo(ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED));
        }
        assertStillServing();
    }

    private static void putToken(RawAmqpClient client, String entity) throws IOException {
        Receiver replies = client.receiver("$cbs", "raw-cbs-reply");
        Sender requests = client.sender("$cbs");
        Message request = Proton.message();
        request.setMessageId("1");
        request.setReplyTo("raw-cbs-reply");
        request.setApplicationProperties(new ApplicationProperties(Map.of("operation", "put-token",
                "type", "servicebus.windows.net:sastoken", "name", "amqp://localhost/" + entity)));
        request.setBody(new AmqpValue(SasTokens.token("amqp://localhost/" + entity,
                ServiceBusEmulator.DEFAULT_KEY_NAME, KEY, Instant.now().plusSeconds(600))));
        client.send(requests, MessageCodec.encode(request));
        Message reply = client.receive(replies);
        assertThat(reply.getApplicationProperties().getValue().get("status-code")).isEqualTo(202);
        assertThat(reply.getCorrelationId()).isEqualTo("1");
    }

    @Test
    void aTransferBeyondMaxMessageSizeIsRejectedWithMessageSizeExceeded() throws IOException {
        try (RawAmqpClient client = new RawAmqpClient(bus.port())) {
            putToken(client, "work");
            Sender sender = client.sender("work");
            Message big = Proton.message();
            big.setBody(new Data(new Binary(new byte[300_000])));
            DeliveryState outcome = client.send(sender, MessageCodec.encode(big));
            assertThat(outcome).isInstanceOf(Rejected.class);
            assertThat(((Rejected) outcome).getError().getCondition().toString())
                    .isEqualTo("amqp:link:message-size-exceeded");
        }
        assertThat(bus.counts("work").active()).isZero();
        assertStillServing();
    }

    @Test
    void bytesThatAreNotAnAmqpMessageAreRejectedWithDecodeError() throws IOException {
        try (RawAmqpClient client = new RawAmqpClient(bus.port())) {
            putToken(client, "work");
            Sender sender = client.sender("work");
            DeliveryState outcome = client.send(sender, "this is not AMQP".getBytes(StandardCharsets.UTF_8));
            assertThat(outcome).isInstanceOf(Rejected.class);
            assertThat(((Rejected) outcome).getError().getCondition().toString()).isEqualTo("amqp:decode-error");
        }
        assertStillServing();
    }

    @Test
    void aLinkAttachedWithoutATokenIsRefusedAsUnauthorized() throws IOException {
        try (RawAmqpClient client = new RawAmqpClient(bus.port())) {
            Sender sender = client.sender("work");
            client.await(() -> sender.getRemoteState() == EndpointState.CLOSED, Duration.ofSeconds(5));
            assertThat(sender.getRemoteTarget()).isNull();
            assertThat(sender.getRemoteCondition().getCondition().toString()).isEqualTo("amqp:unauthorized-access");
        }
    }

    @Test
    void garbageInsteadOfTheAmqpHeaderClosesOnlyThatConnection() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", bus.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buffer = new byte[1024];
            int total = 0;
            int n;
            while ((n = socket.getInputStream().read(buffer)) >= 0) {
                total += n;
            }
            assertThat(n).isEqualTo(-1);
            assertThat(total).isLessThan(1024);
        }
        assertStillServing();
    }
}
