package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.message.Message;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A message held by the emulator: the client's AMQP message as sent, plus what the broker tracks about it. */
final class StoredMessage {

    final Message amqp;
    final long sequenceNumber;
    final Instant enqueuedTime;
    final Instant expiresAt;
    final String sessionId;
    final String messageId;
    /** Annotations changed by abandon/defer with properties-to-modify, layered over the original ones. */
    final Map<Symbol, Object> modifiedAnnotations = new HashMap<>();

    /** Failed delivery attempts so far; sent as the header's delivery-count (0 on first delivery). */
    int deliveryCount;
    Instant scheduledEnqueueTime;

    UUID lockToken;
    Instant lockedUntil;
    ReceiverLink lockedBy;
    long lockTimer = -1;

    String deadLetterReason;
    String deadLetterDescription;
    String deadLetterSource;

    StoredMessage(Message amqp, long sequenceNumber, Instant enqueuedTime, Instant expiresAt) {
        this.amqp = amqp;
        this.sequenceNumber = sequenceNumber;
        this.enqueuedTime = enqueuedTime;
        this.expiresAt = expiresAt;
        this.sessionId = amqp.getGroupId();
        this.messageId = amqp.getMessageId() == null ? null : String.valueOf(amqp.getMessageId());
    }

    /** A copy for another entity (topic fan-out, dead-lettering): same identity, fresh broker state. */
    StoredMessage copy(Instant newExpiresAt) {
        StoredMessage copy = new StoredMessage(amqp, sequenceNumber, enqueuedTime, newExpiresAt);
        copy.modifiedAnnotations.putAll(modifiedAnnotations);
        copy.deliveryCount = deliveryCount;
        return copy;
    }

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    boolean isLocked() {
        return lockToken != null;
    }

    void clearLock() {
        lockToken = null;
        lockedUntil = null;
        lockedBy = null;
        lockTimer = -1;
    }
}
