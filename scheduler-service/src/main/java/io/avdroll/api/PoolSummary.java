package io.avdroll.api;

import java.time.Instant;

/** One line of {@code list}: a pool this instance knows and its current or last rollout. */
public record PoolSummary(String resourceGroup, String hostPool, String rolloutId, String state,
                          Instant stateChangedAt, RolloutView.Counters counters) {
}
