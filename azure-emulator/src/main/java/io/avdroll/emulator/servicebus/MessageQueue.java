package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Something a client receives from: a queue, a subscription, or the dead-letter sub-queue of either. Holds the
 * messages, their peek-locks and (for session-enabled entities) the sessions, and hands messages to the attached
 * receivers. Runs on the broker's single thread only.
 */
final class MessageQueue {

    static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";

    final String path;
    final EntitySettings settings;
    /** Null for a dead-letter queue itself. */
    final MessageQueue deadLetterQueue;
    /** Messages scheduled on this queue (always empty for subscriptions: topics hold their scheduled messages). */
    final TreeMap<Long, StoredMessage> scheduled = new TreeMap<>();
    final DuplicateDetector duplicates;

    private final Clock clock;
    private final Timers timers;
    private final TreeMap<Long, StoredMessage> available = new TreeMap<>();
    private final Map<UUID, StoredMessage> locked = new HashMap<>();
    private final TreeMap<Long, StoredMessage> deferred = new TreeMap<>();
    private final Map<String, SessionSlot> sessions = new HashMap<>();
    private final List<ReceiverLink> consumers = new ArrayList<>();
    private final ArrayDeque<ReceiverLink> sessionWaiters = new ArrayDeque<>();
    private int nextConsumer;
    private boolean dispatching;

    MessageQueue(String path, EntitySettings settings, boolean withDeadLetterQueue, Clock clock, Timers timers) {
        this.path = path;
        this.settings = settings;
        this.clock = clock;
        this.timers = timers;
        this.duplicates = new DuplicateDetector(settings.duplicateDetectionWindow());
        this.deadLetterQueue = withDeadLetterQueue
                ? new MessageQueue(path + "/$deadletterqueue", settings.forDeadLetterQueue(), false, clock, timers)
                : null;
    }

    boolean requiresSession() {
        return settings.requiresSession();
    }

    // ---------------------------------------------------------------- enqueue and dispatch

    void enqueue(StoredMessage message) {
        if (message.isExpired(clock.instant())) {
            return; // expired before it became active: dropped, as Azure does without dead-lettering on expiry
        }
        available.put(message.sequenceNumber, message);
        if (requiresSession()) {
            SessionSlot slot = sessions.computeIfAbsent(message.sessionId, SessionSlot::new);
            slot.available.put(message.sequenceNumber, message);
            if (!slot.isLocked()) {
                offerToWaiter(slot);
            }
        }
        dispatch();
    }

    void addConsumer(ReceiverLink link) {
        consumers.add(link);
        dispatch();
    }

    void removeConsumer(ReceiverLink link) {
        consumers.remove(link);
        sessionWaiters.remove(link);
        if (link.sessionWaitTimer >= 0) {
            timers.cancel(link.sessionWaitTimer);
            link.sessionWaitTimer = -1;
        }
        if (link.session != null) {
            releaseSession(link.session);
        }
    }

    /** Sends available messages to receivers that have credit, round-robin, and answers drain requests. */
    void dispatch() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            boolean progress = true;
            while (progress) {
                progress = false;
                ReceiverLink[] snapshot = consumers.toArray(new ReceiverLink[0]);
                for (int i = 0; i < snapshot.length; i++) {
                    ReceiverLink link = snapshot[(nextConsumer + i) % snapshot.length];
                    if (!link.canSend()) {
                        continue;
                    }
                    StoredMessage next = nextFor(link);
                    if (next != null) {
                        deliver(link, next);
                        progress = true;
                    }
                }
                if (snapshot.length > 0) {
                    nextConsumer = (nextConsumer + 1) % snapshot.length;
                }
            }
            for (ReceiverLink link : consumers) {
                link.drainedIfRequested();
            }
        } finally {
            dispatching = false;
        }
    }

    private StoredMessage nextFor(ReceiverLink link) {
        TreeMap<Long, StoredMessage> source;
        if (requiresSession()) {
            source = link.session == null ? null : link.session.available;
        } else {
            source = available;
        }
        Instant now = clock.instant();
        while (source != null && !source.isEmpty()) {
            StoredMessage candidate = source.firstEntry().getValue();
            if (!candidate.isExpired(now)) {
                return candidate;
            }
            removeAvailable(candidate);
        }
        return null;
    }

    private void deliver(ReceiverLink link, StoredMessage message) {
        removeAvailable(message);
        if (link.receiveAndDelete) {
            link.send(WireFormats.lockTokenToDeliveryTag(UUID.randomUUID()),
                    MessageCodec.encode(MessageCodec.forDelivery(message)), true);
            return;
        }
        UUID token = UUID.randomUUID();
        message.lockToken = token;
        message.lockedBy = link;
        if (requiresSession()) {
            message.lockedUntil = link.session.lockedUntil;
        } else {
            message.lockedUntil = clock.instant().plus(settings.lockDuration());
            message.lockTimer = timers.schedule(settings.lockDuration(), () -> onLockTimer(message, token));
        }
        locked.put(token, message);
        link.unsettled.add(token);
        link.send(WireFormats.lockTokenToDeliveryTag(token), MessageCodec.encode(MessageCodec.forDelivery(message)),
                false);
    }

    private void removeAvailable(StoredMessage message) {
        available.remove(message.sequenceNumber);
        if (requiresSession()) {
            SessionSlot slot = sessions.get(message.sessionId);
            if (slot != null) {
                slot.available.remove(message.sequenceNumber);
            }
        }
    }

    private void requeue(StoredMessage message) {
        available.put(message.sequenceNumber, message);
        if (requiresSession()) {
            SessionSlot slot = sessions.computeIfAbsent(message.sessionId, SessionSlot::new);
            slot.available.put(message.sequenceNumber, message);
            if (!slot.isLocked()) {
                offerToWaiter(slot);
            }
        }
    }

    // ---------------------------------------------------------------- locks and settlement

    private void onLockTimer(StoredMessage message, UUID token) {
        if (!token.equals(message.lockToken)) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(message.lockedUntil)) {
            message.lockTimer = timers.schedule(Duration.between(now, message.lockedUntil),
                    () -> onLockTimer(message, token));
            return;
        }
        abandon(message, Map.of());
        dispatch();
    }

    private void releaseLock(StoredMessage message) {
        if (message.lockToken == null) {
            return;
        }
        locked.remove(message.lockToken);
        if (message.lockedBy != null) {
            message.lockedBy.unsettled.remove(message.lockToken);
        }
        if (message.lockTimer >= 0) {
            timers.cancel(message.lockTimer);
        }
        message.clearLock();
    }

    /** Finds a message by lock token whose lock is still held, or fails with lock-lost / session-lock-lost. */
    private StoredMessage lockedMessage(UUID token) {
        StoredMessage message = locked.get(token);
        if (message == null) {
            throw BrokerError.lockLost(token);
        }
        if (requiresSession()) {
            SessionSlot slot = sessions.get(message.sessionId);
            if (slot == null || slot.owner != message.lockedBy || slot.owner == null) {
                throw BrokerError.sessionLockLost(message.sessionId);
            }
        } else if (!clock.instant().isBefore(message.lockedUntil)) {
            abandon(message, Map.of());
            dispatch();
            throw BrokerError.lockLost(token);
        }
        return message;
    }

    /** Settlement sent on the receive link; returns the outcome to echo, or a rejection explaining the failure. */
    DeliveryState settle(ReceiverLink link, UUID token, DeliveryState remoteState) {
        DeliveryState outcome = remoteState instanceof TransactionalState tx ? (DeliveryState) tx.getOutcome()
                : remoteState;
        try {
            StoredMessage message = lockedMessage(token);
            if (message.lockedBy != link && requiresSession()) {
                throw BrokerError.sessionLockLost(message.sessionId);
            }
            if (outcome instanceof Accepted) {
                complete(message);
            } else if (outcome instanceof Rejected rejected) {
                Map<?, ?> info = rejected.getError() == null ? null : rejected.getError().getInfo();
                deadLetter(message, info == null ? null : stringOrNull(info.get(MessageCodec.DEAD_LETTER_REASON)),
                        info == null ? null : stringOrNull(info.get(MessageCodec.DEAD_LETTER_DESCRIPTION)));
            } else if (outcome instanceof Modified modified) {
                Map<Symbol, Object> annotations = symbolMap(modified.getMessageAnnotations());
                if (Boolean.TRUE.equals(modified.getUndeliverableHere())) {
                    defer(message, annotations);
                } else {
                    abandon(message, annotations);
                }
            } else if (outcome instanceof Released) {
                releaseLock(message);
                requeue(message);
            } else {
                throw BrokerError.badRequest("unsupported delivery outcome " + outcome);
            }
            dispatch();
            return remoteState;
        } catch (BrokerError e) {
            Rejected rejected = new Rejected();
            rejected.setError(e.toErrorCondition());
            return rejected;
        }
    }

    /** Settlement by lock token through {@code $management} (update-disposition). */
    void settleByLockToken(UUID token, String status, String reason, String description,
                           Map<?, ?> propertiesToModify) {
        StoredMessage message = lockedMessage(token);
        Map<Symbol, Object> annotations = new HashMap<>();
        if (propertiesToModify != null) {
            propertiesToModify.forEach((k, v) -> annotations.put(Symbol.valueOf(String.valueOf(k)), v));
        }
        switch (status) {
            case "completed" -> complete(message);
            case "abandoned" -> abandon(message, annotations);
            case "suspended" -> deadLetter(message, reason, description);
            case "defered", "deferred" -> defer(message, annotations);
            default -> throw BrokerError.badRequest("disposition-status '" + status + "' is not one of completed, "
                    + "abandoned, suspended, defered");
        }
        dispatch();
    }

    Instant renewLock(UUID token) {
        StoredMessage message = lockedMessage(token);
        if (requiresSession()) {
            throw new BrokerError(BrokerError.NOT_ALLOWED, 400,
                    "Messages of a session are locked by the session; renew the session lock instead.");
        }
        message.lockedUntil = clock.instant().plus(settings.lockDuration());
        return message.lockedUntil;
    }

    private void complete(StoredMessage message) {
        releaseLock(message);
        forgetSessionIfIdle(message.sessionId);
    }

    private void abandon(StoredMessage message, Map<Symbol, Object> annotations) {
        releaseLock(message);
        message.modifiedAnnotations.putAll(annotations);
        message.deliveryCount++;
        if (message.deliveryCount >= settings.maxDeliveryCount()) {
            deadLetter(message, MAX_DELIVERY_COUNT_EXCEEDED, "Message could not be consumed after "
                    + settings.maxDeliveryCount() + " delivery attempts.");
        } else {
            requeue(message);
        }
    }

    private void defer(StoredMessage message, Map<Symbol, Object> annotations) {
        releaseLock(message);
        message.modifiedAnnotations.putAll(annotations);
        deferred.put(message.sequenceNumber, message);
    }

    /** Moves a message to the dead-letter sub-queue with a reason, as Service Bus does. */
    void deadLetter(StoredMessage message, String reason, String description) {
        releaseLock(message);
        removeAvailable(message);
        forgetSessionIfIdle(message.sessionId);
        if (deadLetterQueue == null) {
            return; // settling a dead-lettered message with dead-letter removes it, as completing would
        }
        StoredMessage dead = message.copy(Instant.MAX);
        dead.deadLetterReason = reason;
        dead.deadLetterDescription = description;
        deadLetterQueue.enqueue(dead);
    }

    // ---------------------------------------------------------------- sessions

    /**
     * Locks a session for the link: the named one, or (id null) the unlocked session with the oldest message.
     * Returns null when no session is free now; fails when the named session is held by another receiver.
     */
    SessionSlot acceptSession(ReceiverLink link, String sessionId) {
        if (sessionId != null) {
            SessionSlot slot = sessions.computeIfAbsent(sessionId, SessionSlot::new);
            if (slot.isLocked()) {
                throw new BrokerError(BrokerError.SESSION_CANNOT_BE_LOCKED, 410, "The requested session '"
                        + sessionId + "' cannot be accepted. It may be locked by another receiver.");
            }
            lockSession(slot, link);
            return slot;
        }
        Instant now = clock.instant();
        SessionSlot best = null;
        for (SessionSlot slot : sessions.values()) {
            if (slot.isLocked()) {
                continue;
            }
            slot.available.values().removeIf(m -> {
                if (m.isExpired(now)) {
                    available.remove(m.sequenceNumber);
                    return true;
                }
                return false;
            });
            Long oldest = slot.oldestSequenceNumber();
            if (oldest != null && (best == null || oldest < best.oldestSequenceNumber())) {
                best = slot;
            }
        }
        if (best != null) {
            lockSession(best, link);
        }
        return best;
    }

    void waitForSession(ReceiverLink link, Duration timeout) {
        sessionWaiters.add(link);
        link.sessionWaitTimer = timers.schedule(timeout, () -> {
            link.sessionWaitTimer = -1;
            if (sessionWaiters.remove(link)) {
                link.refuse(new BrokerError(BrokerError.TIMEOUT, 408,
                        "No session available to accept within the server timeout of " + timeout.toMillis() + " ms."));
            }
        });
    }

    private void offerToWaiter(SessionSlot slot) {
        while (!slot.isLocked() && !slot.available.isEmpty() && !sessionWaiters.isEmpty()) {
            ReceiverLink waiter = sessionWaiters.poll();
            if (waiter.sessionWaitTimer >= 0) {
                timers.cancel(waiter.sessionWaitTimer);
                waiter.sessionWaitTimer = -1;
            }
            if (waiter.isClosed()) {
                continue;
            }
            lockSession(slot, waiter);
            waiter.completeAttach();
            consumers.add(waiter);
        }
    }

    private void lockSession(SessionSlot slot, ReceiverLink link) {
        slot.owner = link;
        link.session = slot;
        slot.lockedUntil = clock.instant().plus(settings.lockDuration());
        slot.lockTimer = timers.schedule(settings.lockDuration(), () -> onSessionLockTimer(slot, link));
    }

    private void onSessionLockTimer(SessionSlot slot, ReceiverLink link) {
        if (slot.owner != link) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(slot.lockedUntil)) {
            slot.lockTimer = timers.schedule(Duration.between(now, slot.lockedUntil),
                    () -> onSessionLockTimer(slot, link));
            return;
        }
        consumers.remove(link);
        releaseSession(slot);
        link.closeWithError(BrokerError.sessionLockLost(slot.id));
        dispatch();
    }

    /** The receiver let go of the session (link closed or lock lost): its unsettled messages count as abandoned. */
    private void releaseSession(SessionSlot slot) {
        ReceiverLink owner = slot.owner;
        if (slot.lockTimer >= 0) {
            timers.cancel(slot.lockTimer);
            slot.lockTimer = -1;
        }
        slot.owner = null;
        slot.lockedUntil = null;
        if (owner != null) {
            owner.session = null;
            for (StoredMessage message : List.copyOf(locked.values())) {
                if (message.lockedBy == owner) {
                    abandon(message, Map.of());
                }
            }
        }
        if (!slot.available.isEmpty()) {
            offerToWaiter(slot);
        }
        forgetSessionIfIdle(slot.id);
        dispatch();
    }

    private void forgetSessionIfIdle(String sessionId) {
        if (!requiresSession() || sessionId == null) {
            return;
        }
        SessionSlot slot = sessions.get(sessionId);
        if (slot != null && !slot.isLocked() && slot.available.isEmpty() && slot.state == null) {
            sessions.remove(sessionId);
        }
    }

    Instant renewSessionLock(String sessionId) {
        SessionSlot slot = ownedSession(sessionId);
        slot.lockedUntil = clock.instant().plus(settings.lockDuration());
        for (StoredMessage message : locked.values()) {
            if (sessionId.equals(message.sessionId)) {
                message.lockedUntil = slot.lockedUntil;
            }
        }
        return slot.lockedUntil;
    }

    byte[] sessionState(String sessionId) {
        SessionSlot slot = sessions.get(sessionId);
        return slot == null ? null : slot.state;
    }

    void setSessionState(String sessionId, byte[] state) {
        SessionSlot slot = ownedSession(sessionId);
        slot.state = state;
    }

    private SessionSlot ownedSession(String sessionId) {
        if (!requiresSession()) {
            throw new BrokerError(BrokerError.NOT_ALLOWED, 400, "The entity '" + path + "' is not session-enabled.");
        }
        SessionSlot slot = sessions.get(sessionId);
        if (slot == null || !slot.isLocked() || !clock.instant().isBefore(slot.lockedUntil)) {
            throw BrokerError.sessionLockLost(sessionId);
        }
        return slot;
    }

    // ---------------------------------------------------------------- inspection

    List<StoredMessage> peek(long fromSequenceNumber, int count, String sessionId) {
        purgeExpired();
        return Stream.of(available.values(), locked.values(), deferred.values(), scheduled.values())
                .flatMap(java.util.Collection::stream)
                .filter(m -> m.sequenceNumber >= fromSequenceNumber)
                .filter(m -> sessionId == null || sessionId.equals(m.sessionId))
                .sorted(Comparator.comparingLong(m -> m.sequenceNumber))
                .limit(Math.max(0, count))
                .toList();
    }

    /** Active messages as Azure Monitor counts them: available plus locked (not deferred, not scheduled). */
    long activeCount() {
        purgeExpired();
        return available.size() + locked.size();
    }

    List<StoredMessage> allMessages() {
        purgeExpired();
        return Stream.of(available.values(), locked.values(), deferred.values())
                .flatMap(java.util.Collection::stream)
                .sorted(Comparator.comparingLong(m -> m.sequenceNumber))
                .toList();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        for (StoredMessage message : List.copyOf(available.values())) {
            if (message.isExpired(now)) {
                removeAvailable(message);
                forgetSessionIfIdle(message.sessionId);
            }
        }
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Map<Symbol, Object> symbolMap(Map<Symbol, Object> annotations) {
        Map<Symbol, Object> out = new HashMap<>();
        if (annotations != null) {
            annotations.forEach((k, v) -> out.put(Symbol.valueOf(String.valueOf(k)), v));
        }
        return out;
    }
}
