package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A client's receive link on a queue, subscription or dead-letter queue (our proton-j sender end). */
final class ReceiverLink {

    static final Symbol SESSION_FILTER = Symbol.valueOf("com.microsoft:session-filter");
    static final Symbol LOCKED_UNTIL_UTC = Symbol.valueOf("com.microsoft:locked-until-utc");

    final AmqpConnection connection;
    final Sender sender;
    final MessageQueue queue;
    final boolean receiveAndDelete;
    final Set<UUID> unsettled = new HashSet<>();
    SessionSlot session;
    long sessionWaitTimer = -1;
    private boolean attached;
    private boolean closed;

    ReceiverLink(AmqpConnection connection, Sender sender, MessageQueue queue, boolean receiveAndDelete) {
        this.connection = connection;
        this.sender = sender;
        this.queue = queue;
        this.receiveAndDelete = receiveAndDelete;
    }

    boolean canSend() {
        return attached && !closed && sender.getRemoteCredit() > 0;
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    void send(byte[] tag, byte[] payload, boolean settled) {
        Delivery delivery = sender.delivery(tag);
        sender.send(payload, 0, payload.length);
        if (settled) {
            delivery.settle();
        }
        sender.advance();
        connection.requestFlush();
    }

    void drainedIfRequested() {
        if (attached && !closed && sender.getDrain() && sender.getRemoteCredit() > 0) {
            sender.drained();
            connection.requestFlush();
        }
    }

    /**
     * Answers the attach: echoes source and target, and for a session receiver the session it got in the
     * session filter plus the session lock expiry in .NET ticks, which the SDK reads from the link properties.
     */
    void completeAttach() {
        Source remote = (Source) sender.getRemoteSource();
        Source local = new Source();
        local.setAddress(remote.getAddress());
        local.setDefaultOutcome(remote.getDefaultOutcome());
        local.setOutcomes(remote.getOutcomes());
        local.setCapabilities(remote.getCapabilities());
        Map<Symbol, Object> filter = remote.getFilter() == null ? new HashMap<>() : new HashMap<>(remote.getFilter());
        if (session != null) {
            filter.put(SESSION_FILTER, session.id);
            Map<Symbol, Object> properties = new HashMap<>();
            properties.put(LOCKED_UNTIL_UTC, WireFormats.toDotNetTicks(session.lockedUntil));
            sender.setProperties(properties);
        }
        local.setFilter(filter.isEmpty() ? null : filter);
        sender.setSource(local);
        sender.setTarget(sender.getRemoteTarget());
        sender.setSenderSettleMode(sender.getRemoteSenderSettleMode());
        sender.setReceiverSettleMode(sender.getRemoteReceiverSettleMode() == null ? ReceiverSettleMode.FIRST
                : sender.getRemoteReceiverSettleMode());
        sender.open();
        attached = true;
        connection.requestFlush();
    }

    /** Refuses the attach the way Service Bus does: an attach without source, then a detach with the error. */
    void refuse(BrokerError error) {
        closed = true;
        sender.setSource(null);
        sender.setTarget(sender.getRemoteTarget());
        sender.open();
        sender.setCondition(error.toErrorCondition());
        sender.close();
        connection.requestFlush();
    }

    void closeWithError(BrokerError error) {
        if (closed) {
            return;
        }
        closed = true;
        sender.setCondition(error.toErrorCondition());
        sender.close();
        connection.requestFlush();
    }
}
