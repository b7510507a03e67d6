package io.avdroll.rollout;

import java.util.EnumSet;
import java.util.Set;

/** State of a rollout as a whole. Running ⇄ Paused; Running/Paused → Cancelled; Running → Completed. */
public enum RolloutState {
    RUNNING,
    PAUSED,
    CANCELLED,
    COMPLETED;

    /** The table of legal rollout-level moves. */
    public Set<RolloutState> legalNext() {
        return switch (this) {
            case RUNNING -> EnumSet.of(PAUSED, CANCELLED, COMPLETED);
            case PAUSED -> EnumSet.of(RUNNING, CANCELLED);
            case CANCELLED, COMPLETED -> EnumSet.noneOf(RolloutState.class);
        };
    }

    public boolean terminal() {
        return this == CANCELLED || this == COMPLETED;
    }
}
