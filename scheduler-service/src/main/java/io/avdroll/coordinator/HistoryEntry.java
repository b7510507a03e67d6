package io.avdroll.coordinator;

import java.time.Instant;

/**
 * One line of a pool's coordinator history, for people: a rollout started, a request refused, a transition
 * rejected, a control command applied.
 *
 * @param rolloutId the rollout the line is about (for a refused request: the refused one)
 */
public record HistoryEntry(Instant at, String rolloutId, String text) {
}
