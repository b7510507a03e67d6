package io.avdroll.simulation;

/** An invariant broke during a simulation; the message says which, when, and the seed to replay it. */
public final class InvariantViolation extends AssertionError {
    public InvariantViolation(String message) {
        super(message);
    }
}
