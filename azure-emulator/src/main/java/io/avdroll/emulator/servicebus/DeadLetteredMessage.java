package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A message in a dead-letter sub-queue, for operators and tests. */
public record DeadLetteredMessage(long sequenceNumber, String messageId, String sessionId, String reason,
                                  String description, int deliveryCount, Instant enqueuedTime, byte[] body) {

    static DeadLetteredMessage of(StoredMessage m) {
        byte[] body;
        if (m.amqp.getBody() instanceof Data data) {
            Binary b = data.getValue();
            body = java.util.Arrays.copyOfRange(b.getArray(), b.getArrayOffset(), b.getArrayOffset() + b.getLength());
        } else if (m.amqp.getBody() instanceof AmqpValue value) {
            body = String.valueOf(value.getValue()).getBytes(StandardCharsets.UTF_8);
        } else {
            body = new byte[0];
        }
        return new DeadLetteredMessage(m.sequenceNumber, m.messageId, m.sessionId, m.deadLetterReason,
                m.deadLetterDescription, m.deliveryCount, m.enqueuedTime, body);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
