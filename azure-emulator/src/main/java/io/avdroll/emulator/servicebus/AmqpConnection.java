package io.avdroll.emulator.servicebus;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.TransportException;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One client connection: a proton-j engine (SASL, framing, sessions, links) fed from a Vert.x socket.
 *
 * <p>Why proton-j directly rather than vertx-proton's link layer: vertx-proton hands a receiver a single decoded
 * {@code Message} per transfer, which loses every message but the first of an SDK batch (message format
 * 0x80013700, one Data section per message), and it has no hook for the raw payload. Everything here runs on the
 * broker's single Vert.x context.
 */
final class AmqpConnection {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    private static final String CBS = "$cbs";
    private static final String MANAGEMENT_SUFFIX = "/$management";
    private static final int INCOMING_CREDIT = 500;
    private static final Duration DEFAULT_SESSION_WAIT = Duration.ofSeconds(60);

    /** What a client's sending link is attached to. */
    private record IncomingNode(String kind, String entityPath, long maxMessageSize) { }

    private final NetSocket socket;
    private final Context context;
    private final Broker broker;
    private final CbsNode cbs;
    private final ManagementNode management;
    private final Transport transport = Proton.transport();
    private final Connection connection = Proton.connection();
    private final Collector collector = Proton.collector();
    private final Sasl sasl;
    private final Map<String, Instant> grants = new HashMap<>();
    private final Map<String, Sender> replyLinks = new HashMap<>();
    private final List<ReceiverLink> receiverLinks = new ArrayList<>();
    private final long tickTimer;
    private final Vertx vertx;
    private boolean flushScheduled;
    private boolean closed;
    private long replyTag;

    AmqpConnection(Vertx vertx, NetSocket socket, Broker broker, CbsNode cbs, ManagementNode management) {
        this.vertx = vertx;
        this.socket = socket;
        this.context = vertx.getOrCreateContext();
        this.broker = broker;
        this.cbs = cbs;
        this.management = management;
        transport.setIdleTimeout(0);
        connection.collect(collector);
        sasl = transport.sasl();
        sasl.server();
        sasl.setMechanisms("ANONYMOUS", "PLAIN", "MSSBCBS");
        transport.bind(connection);
        socket.handler(this::onBytes);
        socket.closeHandler(v -> onSocketClosed());
        socket.exceptionHandler(e -> LOG.debug("socket error: {}", e.toString()));
        tickTimer = vertx.setPeriodic(1000, id -> {
            if (!closed) {
                transport.tick(System.nanoTime() / 1_000_000);
                flush();
            }
        });
    }

    // ---------------------------------------------------------------- transport plumbing

    private void onBytes(Buffer data) {
        if (closed) {
            return;
        }
        byte[] bytes = data.getBytes();
        int offset = 0;
        try {
            while (offset < bytes.length) {
                int capacity = transport.capacity();
                if (capacity <= 0) {
                    break;
                }
                ByteBuffer tail = transport.tail();
                int n = Math.min(tail.remaining(), bytes.length - offset);
                tail.put(bytes, offset, n);
                offset += n;
                transport.process();
                completeSasl();
                processEvents();
            }
        } catch (TransportException | IllegalStateException | IllegalArgumentException e) {
            LOG.info("closing connection after a protocol error: {}", e.getMessage());
            flush();
            closeSocket();
            return;
        }
        flush();
    }

    /** SASL is only the doorway here: authorization is the $cbs token, as with Service Bus. */
    private void completeSasl() {
        if (sasl.getState() == Sasl.SaslState.PN_SASL_IDLE || sasl.getState() == Sasl.SaslState.PN_SASL_STEP) {
            String[] chosen = sasl.getRemoteMechanisms();
            if (chosen.length > 0) {
                if (sasl.pending() > 0) {
                    sasl.recv(new byte[sasl.pending()], 0, sasl.pending());
                }
                sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
            }
        }
    }

    /** Writes whatever the engine has produced; safe to call often (deferred so one burst makes one write). */
    void requestFlush() {
        if (!flushScheduled && !closed) {
            flushScheduled = true;
            context.runOnContext(v -> {
                flushScheduled = false;
                processEvents();
                flush();
            });
        }
    }

    private void flush() {
        if (closed) {
            return;
        }
        while (true) {
            int pending = transport.pending();
            if (pending < 0) {
                closeSocket();
                return;
            }
            if (pending == 0) {
                return;
            }
            ByteBuffer head = transport.head();
            byte[] out = new byte[pending];
            head.get(out);
            transport.pop(pending);
            socket.write(Buffer.buffer(out));
        }
    }

    private void closeSocket() {
        if (!closed) {
            onSocketClosed();
            socket.close();
        }
    }

    private void onSocketClosed() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(tickTimer);
        for (ReceiverLink link : List.copyOf(receiverLinks)) {
            detachReceiver(link);
        }
        replyLinks.clear();
    }

    private void processEvents() {
        Event event;
        while ((event = collector.peek()) != null) {
            try {
                handle(event);
            } finally {
                collector.pop();
            }
        }
    }

    private void handle(Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> {
                connection.setContainer("avdroll-servicebus-emulator");
                connection.open();
            }
            case CONNECTION_REMOTE_CLOSE -> connection.close();
            case SESSION_REMOTE_OPEN -> {
                Session session = event.getSession();
                if (session.getLocalState() == EndpointState.UNINITIALIZED) {
                    session.open();
                }
            }
            case SESSION_REMOTE_CLOSE -> event.getSession().close();
            case LINK_REMOTE_OPEN -> {
                Link link = event.getLink();
                if (link.getLocalState() == EndpointState.UNINITIALIZED) {
                    if (link instanceof Receiver receiver) {
                        openIncoming(receiver);
                    } else {
                        openOutgoing((Sender) link);
                    }
                }
            }
            case LINK_REMOTE_DETACH, LINK_REMOTE_CLOSE -> onLinkClosed(event.getLink());
            case LINK_FLOW -> {
                if (event.getLink().getContext() instanceof ReceiverLink link) {
                    link.queue.dispatch();
                }
            }
            case DELIVERY -> onDelivery(event.getDelivery());
            case TRANSPORT_ERROR -> {
                ErrorCondition condition = transport.getCondition();
                LOG.info("AMQP transport error: {}", condition == null ? "unknown" : condition.getDescription());
            }
            default -> { }
        }
    }

    // ---------------------------------------------------------------- attaching links

    private boolean authorized(String path) {
        String key = Broker.key(path);
        Instant now = broker.now();
        return grants.entrySet().stream()
                .anyMatch(g -> g.getValue().isAfter(now) && CbsNode.covers(g.getKey(), key));
    }

    /** The client sends on this link: to $cbs, to an entity's $management node, or to a queue or topic. */
    private void openIncoming(Receiver receiver) {
        Target target = (Target) receiver.getRemoteTarget();
        String address = target == null ? null : target.getAddress();
        IncomingNode node;
        if (address == null) {
            refuseIncoming(receiver, BrokerError.badRequest("The link has no target address."));
            return;
        } else if (CBS.equals(address)) {
            node = new IncomingNode(CBS, null, 0);
        } else if (address.endsWith(MANAGEMENT_SUFFIX)) {
            String entity = address.substring(0, address.length() - MANAGEMENT_SUFFIX.length());
            if (!broker.exists(entity)) {
                refuseIncoming(receiver, BrokerError.entityNotFound(entity));
                return;
            }
            node = new IncomingNode(MANAGEMENT_SUFFIX, entity, 0);
        } else {
            if (!broker.isSendTarget(address)) {
                refuseIncoming(receiver, broker.exists(address)
                        ? new BrokerError(BrokerError.NOT_ALLOWED, 400, "Cannot send to '" + address
                                + "': only queues and topics accept messages.")
                        : BrokerError.entityNotFound(address));
                return;
            }
            node = new IncomingNode("entity", address, broker.maxMessageSize(address));
        }
        if (node.entityPath() != null && !authorized(address)) {
            refuseIncoming(receiver, unauthorized(address));
            return;
        }
        receiver.setContext(node);
        receiver.setTarget(target);
        receiver.setSource(receiver.getRemoteSource());
        receiver.setSenderSettleMode(receiver.getRemoteSenderSettleMode());
        receiver.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        if (node.maxMessageSize() > 0) {
            receiver.setMaxMessageSize(UnsignedLong.valueOf(node.maxMessageSize()));
        }
        receiver.open();
        receiver.flow(INCOMING_CREDIT);
    }

    private static BrokerError unauthorized(String address) {
        return new BrokerError(BrokerError.UNAUTHORIZED, 401, "Unauthorized access to '" + address
                + "': no valid token was put on $cbs for this entity.");
    }

    private void refuseIncoming(Receiver receiver, BrokerError error) {
        receiver.setSource(receiver.getRemoteSource());
        receiver.setTarget(null);
        receiver.open();
        receiver.setCondition(error.toErrorCondition());
        receiver.close();
    }

    /** The client receives on this link: replies from $cbs / $management, or messages from an entity. */
    private void openOutgoing(Sender sender) {
        Source source = (Source) sender.getRemoteSource();
        String address = source == null ? null : source.getAddress();
        LOG.debug("receive link '{}' attaching to '{}' with filter {}", sender.getName(), address,
                source == null ? null : source.getFilter());
        if (address != null && (CBS.equals(address) || address.endsWith(MANAGEMENT_SUFFIX))) {
            if (!CBS.equals(address) && !authorized(address)) {
                refuseOutgoing(sender, unauthorized(address));
                return;
            }
            Target target = (Target) sender.getRemoteTarget();
            if (target != null && target.getAddress() != null) {
                replyLinks.put(target.getAddress(), sender);
            }
            sender.setContext(CBS);
            sender.setSource(source);
            sender.setTarget(target);
            sender.setSenderSettleMode(sender.getRemoteSenderSettleMode());
            sender.setReceiverSettleMode(sender.getRemoteReceiverSettleMode());
            sender.open();
            return;
        }
        MessageQueue queue = address == null ? null : broker.receivable(address);
        if (queue == null) {
            refuseOutgoing(sender, address != null && broker.isTopic(address)
                    ? new BrokerError(BrokerError.NOT_ALLOWED, 400, "Cannot receive from topic '" + address
                            + "': receive from one of its subscriptions.")
                    : BrokerError.entityNotFound(String.valueOf(address)));
            return;
        }
        if (!authorized(address)) {
            refuseOutgoing(sender, unauthorized(address));
            return;
        }
        boolean sessionFilter = source.getFilter() != null && source.getFilter().containsKey(ReceiverLink.SESSION_FILTER);
        if (queue.requiresSession() != sessionFilter) {
            refuseOutgoing(sender, new BrokerError(BrokerError.NOT_ALLOWED, 400, queue.requiresSession()
                    ? "The entity '" + queue.path + "' requires sessions: receive with a session receiver."
                    : "The entity '" + queue.path + "' is not session-enabled: use a non-session receiver."));
            return;
        }
        ReceiverLink link = new ReceiverLink(this, sender, queue,
                sender.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED);
        sender.setContext(link);
        receiverLinks.add(link);
        if (!sessionFilter) {
            link.completeAttach();
            queue.addConsumer(link);
            return;
        }
        Object requested = source.getFilter().get(ReceiverLink.SESSION_FILTER);
        try {
            SessionSlot slot = queue.acceptSession(link, requested == null ? null : String.valueOf(requested));
            if (slot == null) {
                queue.waitForSession(link, serverTimeout(sender));
                return;
            }
        } catch (BrokerError e) {
            receiverLinks.remove(link);
            link.refuse(e);
            return;
        }
        link.completeAttach();
        queue.addConsumer(link);
    }

    private static Duration serverTimeout(Link link) {
        Map<?, ?> properties = link.getRemoteProperties();
        Object timeout = properties == null ? null
                : properties.get(org.apache.qpid.proton.amqp.Symbol.valueOf("com.microsoft:timeout"));
        if (timeout instanceof UnsignedInteger ms && ms.longValue() > 0) {
            return Duration.ofMillis(ms.longValue());
        }
        if (timeout instanceof Number ms && ms.longValue() > 0) {
            return Duration.ofMillis(ms.longValue());
        }
        return DEFAULT_SESSION_WAIT;
    }

    private void refuseOutgoing(Sender sender, BrokerError error) {
        sender.setSource(null);
        sender.setTarget(sender.getRemoteTarget());
        sender.open();
        sender.setCondition(error.toErrorCondition());
        sender.close();
    }

    private void onLinkClosed(Link link) {
        LOG.debug("link '{}' detached by the client", link.getName());
        if (link.getContext() instanceof ReceiverLink receiverLink) {
            detachReceiver(receiverLink);
        } else if (CBS.equals(link.getContext()) && link.getRemoteTarget() != null) {
            replyLinks.remove(link.getRemoteTarget().getAddress());
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
    }

    private void detachReceiver(ReceiverLink link) {
        receiverLinks.remove(link);
        link.markClosed();
        link.queue.removeConsumer(link);
    }

    // ---------------------------------------------------------------- deliveries

    private void onDelivery(Delivery delivery) {
        Link link = delivery.getLink();
        if (link instanceof Receiver receiver) {
            onIncoming(receiver, delivery);
        } else if (link.getContext() instanceof ReceiverLink receiverLink) {
            onSettlement(receiverLink, delivery);
        } else if (delivery.remotelySettled()) {
            delivery.settle();
        }
    }

    private void onIncoming(Receiver receiver, Delivery delivery) {
        if (!(receiver.getContext() instanceof IncomingNode node) || !delivery.isReadable()) {
            return;
        }
        if (delivery.isPartial()) {
            long limit = Math.max(node.maxMessageSize(), 1 << 20) * 4L;
            if (delivery.pending() > limit) {
                receiver.setCondition(new ErrorCondition(BrokerError.MESSAGE_SIZE_EXCEEDED,
                        "The transfer exceeds the maximum message size of " + node.maxMessageSize() + " bytes."));
                receiver.close();
            }
            return;
        }
        int size = delivery.pending();
        byte[] payload = new byte[size];
        receiver.recv(payload, 0, size);
        long format = delivery.getMessageFormat() & 0xFFFFFFFFL;
        receiver.advance();
        DeliveryState outcome = switch (node.kind()) {
            case "entity" -> acceptMessages(node, payload, size, format);
            default -> answerRequest(node, payload);
        };
        if (!delivery.remotelySettled()) {
            delivery.disposition(outcome);
        }
        delivery.settle();
        receiver.flow(1);
    }

    private DeliveryState acceptMessages(IncomingNode node, byte[] payload, int size, long format) {
        if (size > node.maxMessageSize()) {
            return rejected(new BrokerError(BrokerError.MESSAGE_SIZE_EXCEEDED, 413, "The received message (size: "
                    + size + " bytes) exceeds the limit (" + node.maxMessageSize() + " bytes) of '"
                    + node.entityPath() + "'."));
        }
        final List<Message> messages;
        try {
            messages = MessageCodec.decodeTransfer(payload, format);
        } catch (RuntimeException e) {
            return rejected(new BrokerError(BrokerError.DECODE_ERROR, 400,
                    "The transfer is not a valid AMQP message: " + e.getMessage()));
        }
        try {
            for (Message message : messages) {
                broker.send(node.entityPath(), message);
            }
            return Accepted.getInstance();
        } catch (BrokerError e) {
            return rejected(e);
        }
    }

    private DeliveryState answerRequest(IncomingNode node, byte[] payload) {
        final Message request;
        try {
            request = MessageCodec.decode(payload, 0, payload.length);
        } catch (RuntimeException e) {
            return rejected(new BrokerError(BrokerError.DECODE_ERROR, 400, "The request is not a valid AMQP message."));
        }
        Message response;
        try {
            response = CBS.equals(node.kind())
                    ? cbs.handle(request, grants)
                    : management.handle(node.entityPath(), request);
            response.setCorrelationId(request.getMessageId());
            reply(request.getReplyTo(), response);
        } catch (RuntimeException e) {
            LOG.warn("request on '{}' failed: {}", node.kind(), e.toString());
            response = ManagementNode.response(500, "amqp:internal-error", "The emulator failed to answer: " + e,
                    java.util.Map.of());
            response.setCorrelationId(request.getMessageId());
            reply(request.getReplyTo(), response);
        }
        return Accepted.getInstance();
    }

    private void reply(String replyTo, Message response) {
        Sender sender = replyTo == null ? null : replyLinks.get(replyTo);
        if (sender == null) {
            LOG.info("dropping a response: no reply link attached for reply-to '{}'", replyTo);
            return;
        }
        byte[] tag = Long.toString(++replyTag).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Delivery delivery = sender.delivery(tag);
        byte[] bytes = MessageCodec.encode(response);
        sender.send(bytes, 0, bytes.length);
        if (sender.getSenderSettleMode() == SenderSettleMode.SETTLED) {
            delivery.settle();
        }
        sender.advance();
    }

    /** The client settled a message: apply the outcome and echo it settled (the SDK waits for the echo). */
    private void onSettlement(ReceiverLink link, Delivery delivery) {
        if (delivery.isSettled()) {
            return;
        }
        DeliveryState remote = delivery.getRemoteState();
        if (remote == null) {
            if (delivery.remotelySettled()) {
                delivery.settle();
            }
            return;
        }
        UUID token = WireFormats.deliveryTagToLockToken(delivery.getTag());
        DeliveryState echo = token == null ? remote : link.queue.settle(link, token, remote);
        delivery.disposition(echo);
        delivery.settle();
    }

    private static Rejected rejected(BrokerError error) {
        Rejected rejected = new Rejected();
        rejected.setError(error.toErrorCondition());
        return rejected;
    }
}
