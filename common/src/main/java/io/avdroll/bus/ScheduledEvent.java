package io.avdroll.bus;

import io.avdroll.events.EventType;

/** A message scheduled for later; keep it to cancel the message before it is due. */
public record ScheduledEvent(EventType type, String messageId, long sequenceNumber) {
}
