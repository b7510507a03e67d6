package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.message.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A bare proton-j AMQP client for what the SDK never does: ignoring max-message-size, sending bytes that are not
 * an AMQP message, attaching without a token.
 */
final class RawAmqpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Transport transport = Proton.transport();
    private final Connection connection = Proton.connection();
    private final Collector collector = Proton.collector();
    private final Session session;
    private int tag;

    RawAmqpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(50);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        Sasl sasl = transport.sasl();
        sasl.client();
        sasl.setMechanisms("ANONYMOUS");
        connection.setHostname("localhost");
        connection.setContainer("raw-test-client");
        connection.collect(collector);
        transport.bind(connection);
        connection.open();
        session = connection.session();
        session.open();
        pump();
    }

    void pump() throws IOException {
        while (transport.pending() > 0) {
            ByteBuffer head = transport.head();
            byte[] bytes = new byte[head.remaining()];
            head.get(bytes);
            transport.pop(bytes.length);
            out.write(bytes);
        }
        out.flush();
        byte[] buffer = new byte[65536];
        try {
            int n = in.read(buffer);
            if (n < 0) {
                transport.close_tail();
                return;
            }
            int offset = 0;
            while (offset < n) {
                ByteBuffer tail = transport.tail();
                int chunk = Math.min(tail.remaining(), n - offset);
                tail.put(buffer, offset, chunk);
                offset += chunk;
                transport.process();
            }
        } catch (SocketTimeoutException ignored) {
            // nothing to read now
        }
        while (collector.peek() != null) {
            collector.pop();
        }
    }

    <T> T await(Supplier<T> condition, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            pump();
            T value = condition.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
        }
        throw new AssertionError("condition not met within " + within);
    }

    Sender sender(String address) throws IOException {
        Sender sender = session.sender("raw-sender-" + address + "-" + (++tag));
        Target target = new Target();
        target.setAddress(address);
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.open();
        awaitAttachAnswered(sender);
        return sender;
    }

    Receiver receiver(String address, String replyTo) throws IOException {
        Receiver receiver = session.receiver("raw-receiver-" + address + "-" + (++tag));
        Source source = new Source();
        source.setAddress(address);
        Target target = new Target();
        target.setAddress(replyTo);
        receiver.setSource(source);
        receiver.setTarget(target);
        receiver.open();
        receiver.flow(10);
        awaitAttachAnswered(receiver);
        return receiver;
    }

    private void awaitAttachAnswered(Link link) throws IOException {
        await(() -> link.getRemoteState() != EndpointState.UNINITIALIZED, Duration.ofSeconds(5));
    }

    /** Sends raw bytes as one transfer and waits for the broker's outcome. */
    DeliveryState send(Sender sender, byte[] payload) throws IOException {
        Delivery delivery = sender.delivery(("t" + (++tag)).getBytes());
        sender.send(payload, 0, payload.length);
        sender.advance();
        return await(delivery::getRemoteState, Duration.ofSeconds(10));
    }

    Message receive(Receiver receiver) throws IOException {
        Delivery delivery = await(() -> {
            Delivery d = receiver.current();
            return d != null && d.isReadable() && !d.isPartial() ? d : null;
        }, Duration.ofSeconds(10));
        byte[] bytes = new byte[delivery.pending()];
        receiver.recv(bytes, 0, bytes.length);
        receiver.advance();
        delivery.settle();
        Message message = Proton.message();
        message.decode(bytes, 0, bytes.length);
        return message;
    }

    /** True once the server has closed the socket. */
    boolean serverClosed() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
