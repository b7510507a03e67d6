package io.avdroll.drain;

import java.util.Map;
import java.util.Set;

/** One side effect the drain handler executes, in order, each with the reason it is done. */
public sealed interface DrainAction {

    String reason();

    /** Sets {@code put} and removes {@code remove} on the VM's tags, keeping every other tag. */
    record TagVm(Map<String, String> put, Set<String> remove, String reason) implements DrainAction {
        public TagVm {
            put = Map.copyOf(put);
            remove = Set.copyOf(remove);
        }
    }

    /**
     * Records on the VM's tags that notice {@code noticesSent - 1} went out: the count, and when {@code firstNotice},
     * the instant the handler records it, read from its clock after the messages were sent. The grace period and the
     * reminders count from that instant, so the decider cannot know it in advance.
     */
    record RecordNotice(int noticesSent, boolean firstNotice, String reason) implements DrainAction {
    }

    /** {@code allowNewSession = false} on the session host. */
    record SetDrainMode(String reason) implements DrainAction {
    }

    record SendMessage(String sessionId, String user, String title, String body, String reason) implements DrainAction {
    }

    /** Logs a user off; every log-off by drain-service is a forced one and is counted as such. */
    record LogOff(String sessionId, String user, Cause cause, String reason) implements DrainAction {
    }

    enum Cause {
        /** The session was disconnected and the policy logs those off at once. */
        DISCONNECTED_EARLY,
        /** The grace period is over. */
        DEADLINE
    }
}
