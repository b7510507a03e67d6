package io.avdroll.emulator.servicebus;

import java.time.Instant;
import java.util.TreeMap;

/** A message session of a session-enabled entity: its pending messages, its state and the receiver holding it. */
final class SessionSlot {

    final String id;
    final TreeMap<Long, StoredMessage> available = new TreeMap<>();
    byte[] state;
    ReceiverLink owner;
    Instant lockedUntil;
    long lockTimer = -1;

    SessionSlot(String id) {
        this.id = id;
    }

    boolean isLocked() {
        return owner != null;
    }

    Long oldestSequenceNumber() {
        return available.isEmpty() ? null : available.firstKey();
    }
}
