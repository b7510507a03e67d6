package io.avdroll.emulator.servicebus;

import java.time.Instant;

/**
 * A message a client handed to a queue or topic (or that auto-forwarding passed on), as the broker accepted it:
 * for benchmarks and audits that time hand-offs between services. {@code body} is the raw AMQP data section.
 *
 * @param scheduledFor the scheduled enqueue time when the sender scheduled it for later, else null
 * @param duplicate    true when duplicate detection dropped it
 */
public record SentMessage(String entityPath, String messageId, String subject, String sessionId, Instant time,
                          Instant scheduledFor, boolean duplicate, byte[] body) {
}
