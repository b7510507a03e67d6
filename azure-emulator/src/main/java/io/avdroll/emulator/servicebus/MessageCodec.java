package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.message.Message;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Encoding and decoding of AMQP messages as Service Bus sends and receives them. */
final class MessageCodec {

    /** Message format of a batch: an envelope followed by one Data section per encoded message. */
    static final long BATCH_MESSAGE_FORMAT = 0x80013700L;

    static final Symbol SEQUENCE_NUMBER = Symbol.valueOf("x-opt-sequence-number");
    static final Symbol ENQUEUE_SEQUENCE_NUMBER = Symbol.valueOf("x-opt-enqueue-sequence-number");
    static final Symbol ENQUEUED_TIME = Symbol.valueOf("x-opt-enqueued-time");
    static final Symbol LOCKED_UNTIL = Symbol.valueOf("x-opt-locked-until");
    static final Symbol SCHEDULED_ENQUEUE_TIME = Symbol.valueOf("x-opt-scheduled-enqueue-time");
    static final Symbol DEAD_LETTER_SOURCE = Symbol.valueOf("x-opt-deadletter-source");
    static final String DEAD_LETTER_REASON = "DeadLetterReason";
    static final String DEAD_LETTER_DESCRIPTION = "DeadLetterErrorDescription";

    private MessageCodec() {
    }

    /** Decodes one transfer's payload into the messages it carries (one, or several for a batch). */
    static List<Message> decodeTransfer(byte[] payload, long messageFormat) {
        if (messageFormat != BATCH_MESSAGE_FORMAT) {
            return List.of(decode(payload, 0, payload.length));
        }
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        decoder.setByteBuffer(buffer);
        List<Message> messages = new ArrayList<>();
        while (buffer.hasRemaining()) {
            Object section = decoder.readObject();
            if (section instanceof Data data) {
                Binary inner = data.getValue();
                messages.add(decode(inner.getArray(), inner.getArrayOffset(), inner.getLength()));
            }
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("batch transfer carries no Data section");
        }
        return messages;
    }

    static Message decode(byte[] bytes, int offset, int length) {
        Message message = Proton.message();
        message.decode(bytes, offset, length);
        return message;
    }

    static byte[] encode(Message message) {
        int size = 1024;
        Binary body = message.getBody() instanceof Data d ? d.getValue() : null;
        if (body != null) {
            size += body.getLength();
        }
        while (true) {
            byte[] buffer = new byte[size];
            try {
                int written = message.encode(buffer, 0, buffer.length);
                return java.util.Arrays.copyOf(buffer, written);
            } catch (BufferOverflowException e) {
                size *= 2;
            }
        }
    }

    /**
     * The message as a receiver gets it: the sender's sections plus the broker's annotations (sequence number,
     * enqueued time, lock expiry), the delivery count in the header, and dead-letter details where they apply.
     */
    static Message forDelivery(StoredMessage stored) {
        Message original = stored.amqp;
        Message out = Proton.message();
        Header header = new Header();
        Header originalHeader = original.getHeader();
        if (originalHeader != null) {
            header.setDurable(originalHeader.getDurable());
            header.setPriority(originalHeader.getPriority());
            header.setTtl(originalHeader.getTtl());
        }
        header.setDeliveryCount(UnsignedInteger.valueOf(stored.deliveryCount));
        out.setHeader(header);

        Map<Symbol, Object> annotations = new HashMap<>();
        if (original.getMessageAnnotations() != null && original.getMessageAnnotations().getValue() != null) {
            annotations.putAll(original.getMessageAnnotations().getValue());
        }
        annotations.putAll(stored.modifiedAnnotations);
        annotations.put(SEQUENCE_NUMBER, stored.sequenceNumber);
        annotations.put(ENQUEUE_SEQUENCE_NUMBER, stored.sequenceNumber);
        annotations.put(ENQUEUED_TIME, Date.from(stored.enqueuedTime));
        if (stored.lockedUntil != null) {
            annotations.put(LOCKED_UNTIL, Date.from(stored.lockedUntil));
        }
        if (stored.scheduledEnqueueTime != null) {
            annotations.put(SCHEDULED_ENQUEUE_TIME, Date.from(stored.scheduledEnqueueTime));
        }
        if (stored.deadLetterSource != null) {
            annotations.put(DEAD_LETTER_SOURCE, stored.deadLetterSource);
        }
        out.setMessageAnnotations(new MessageAnnotations(annotations));
        out.setProperties(original.getProperties());

        Map<String, Object> appProperties = new HashMap<>();
        if (original.getApplicationProperties() != null && original.getApplicationProperties().getValue() != null) {
            appProperties.putAll(original.getApplicationProperties().getValue());
        }
        if (stored.deadLetterReason != null) {
            appProperties.put(DEAD_LETTER_REASON, stored.deadLetterReason);
        }
        if (stored.deadLetterDescription != null) {
            appProperties.put(DEAD_LETTER_DESCRIPTION, stored.deadLetterDescription);
        }
        if (!appProperties.isEmpty()) {
            out.setApplicationProperties(new ApplicationProperties(appProperties));
        }
        out.setBody(original.getBody() == null ? new Data(new Binary(new byte[0])) : original.getBody());
        out.setFooter(original.getFooter());
        return out;
    }

    static java.time.Instant annotationInstant(Message message, Symbol key) {
        if (message.getMessageAnnotations() == null || message.getMessageAnnotations().getValue() == null) {
            return null;
        }
        Object value = message.getMessageAnnotations().getValue().get(key);
        return value instanceof Date date ? date.toInstant() : null;
    }
}
