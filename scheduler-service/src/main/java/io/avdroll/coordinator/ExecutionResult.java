package io.avdroll.coordinator;

import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.rollout.RolloutRecord;
import java.util.List;
import java.util.Optional;

/**
 * What executing a plan did: the record with every executed action applied, history lines for people, and the
 * retryable Azure failure that stopped execution part-way (the actions before it are done and in the record).
 */
public record ExecutionResult(RolloutRecord record, List<String> history, Optional<AzureFailure> interruptedBy) {

    public ExecutionResult {
        history = List.copyOf(history);
    }
}
