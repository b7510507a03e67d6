package io.avdroll.coordinator;

import java.time.Instant;

/**
 * The one re-plan the coordinator has scheduled to itself for a pool, kept so it never schedules a second one.
 *
 * @param rolloutId      the rollout it was scheduled for (a tick of an earlier rollout does not count)
 * @param at             when it becomes visible; also its {@code requestedAt}, so the tick is recognised on arrival
 * @param messageId      its MessageId
 * @param sequenceNumber the broker's sequence number, to cancel it
 */
public record PendingTick(String rolloutId, Instant at, String messageId, long sequenceNumber) {
}
