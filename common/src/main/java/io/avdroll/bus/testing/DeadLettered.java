package io.avdroll.bus.testing;

/** A message the in-memory bus moved to an endpoint's dead-letter list. */
public record DeadLettered(String messageId, String sessionId, String reason, String description, byte[] body) {
}
