package io.avdroll.rollout;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link RolloutSpec#validated(int)} with every violation found, not just the first. */
public final class InvalidRolloutSpecException extends IllegalArgumentException {
    private final List<SpecViolation> violations;

    public InvalidRolloutSpecException(List<SpecViolation> violations) {
        super("invalid rollout spec: " + violations.stream().map(SpecViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<SpecViolation> violations() {
        return violations;
    }
}
