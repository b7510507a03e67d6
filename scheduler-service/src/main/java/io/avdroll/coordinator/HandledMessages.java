package io.avdroll.coordinator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The last messages the coordinator handled and what became of each, newest last; for the status page and tests. */
public final class HandledMessages {

    /** One handled message: its id, pool session and the outcome in words. */
    public record Handled(String messageId, String sessionId, String outcome, Instant at) {
    }

    private final int capacity;
    private final Deque<Handled> recent = new ArrayDeque<>();

    public HandledMessages(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Handled handled) {
        recent.addLast(handled);
        while (recent.size() > capacity) {
            recent.removeFirst();
        }
    }

    /** The latest handling of the message with this id. */
    public synchronized Optional<Handled> last(String messageId) {
        return recent.stream().filter(h -> h.messageId().equals(messageId)).reduce((a, b) -> b);
    }

    public synchronized List<Handled> recent() {
        return List.copyOf(recent);
    }
}
