package io.avdroll.rollout;

/** What became of a requested transition. Only {@link #APPLIED} changes the record. */
public enum TransitionOutcome {
    /** Legal; the returned record carries the change. */
    APPLIED,
    /** The record is already in the requested state (e.g. a redelivered event): nothing to do. */
    DUPLICATE,
    /** The event is older than what the record knows (an earlier stage or attempt arriving late): nothing to do. */
    STALE,
    /** Not a legal move; the record is unchanged and the caller should log the reason. */
    REJECTED;

    public boolean noOp() {
        return this == DUPLICATE || this == STALE;
    }
}
