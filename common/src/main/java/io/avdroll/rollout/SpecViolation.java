package io.avdroll.rollout;

/** One thing wrong with a rollout spec: which field, and why. */
public record SpecViolation(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
