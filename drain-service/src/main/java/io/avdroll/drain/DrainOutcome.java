package io.avdroll.drain;

import java.time.Instant;

/** What happens after the actions: the host is drained, look again later, the host failed, or the event is not ours. */
public sealed interface DrainOutcome {

    String reason();

    /** No session left: publish {@code host-drained}. */
    record Drained(String reason) implements DrainOutcome {
    }

    /** Schedule the next check of this drain to drain-service itself at {@code at}. */
    record CheckAgain(Instant at, String reason) implements DrainOutcome {
    }

    /** The host cannot be drained: publish {@code host-failed} (stage drain). */
    record Failed(String errorCode, String errorMessage, String reason) implements DrainOutcome {
    }

    /** Nothing to do for this event (stale, of another rollout, or the host is past drain); complete it. */
    record Ignore(String reason) implements DrainOutcome {
    }
}
