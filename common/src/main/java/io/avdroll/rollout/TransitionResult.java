package io.avdroll.rollout;

/**
 * Result of asking a {@link RolloutRecord} to change: the outcome, the record to keep (the original one
 * unless {@link TransitionOutcome#APPLIED}), and a human-readable reason.
 */
public record TransitionResult(TransitionOutcome outcome, RolloutRecord record, String reason) {

    public static TransitionResult applied(RolloutRecord record, String reason) {
        return new TransitionResult(TransitionOutcome.APPLIED, record, reason);
    }

    public static TransitionResult unchanged(TransitionOutcome outcome, RolloutRecord record, String reason) {
        if (outcome == TransitionOutcome.APPLIED) {
            throw new IllegalArgumentException("outcome: an unchanged record cannot be APPLIED");
        }
        return new TransitionResult(outcome, record, reason);
    }

    public boolean applied() {
        return outcome == TransitionOutcome.APPLIED;
    }

    public boolean rejected() {
        return outcome == TransitionOutcome.REJECTED;
    }

    /** The record after this result, throwing when the transition was rejected. For callers that expect success. */
    public RolloutRecord orThrow() {
        if (rejected()) {
            throw new IllegalStateException(reason);
        }
        return record;
    }

    @Override
    public String toString() {
        return outcome + ": " + reason;
    }
}
