package io.avdroll.bus;

import io.avdroll.events.Event;

import java.time.Instant;

/**
 * Sends events to the topic named after their type (as declared in topology.json), with the event's
 * deterministic MessageId and its pool as SessionId. A resend of the same event inside the duplicate
 * detection window is dropped by the broker.
 */
public interface EventPublisher {

    void publish(Event event, TraceContext trace);

    default void publish(Event event) {
        publish(event, null);
    }

    /** Schedules the event to become visible at {@code visibleAt}; the broker holds it until then. */
    ScheduledEvent publishAt(Event event, Instant visibleAt, TraceContext trace);

    default ScheduledEvent publishAt(Event event, Instant visibleAt) {
        return publishAt(event, visibleAt, null);
    }

    /** Cancels a scheduled message that is not yet due; cancelling one already delivered or cancelled is a no-op. */
    void cancelScheduled(ScheduledEvent scheduled);
}
