package io.avdroll.service.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs a reachability probe at most once per {@code validFor}, so a container platform polling health every few
 * seconds does not become load on Service Bus or ARM.
 */
final class CachedProbe {

    /** What a probe found: up or not, and a short text for people (never a secret). */
    record Result(boolean up, String detail) {
    }

    private final Supplier<Result> probe;
    private final Duration validFor;
    private final Clock clock;
    private Result last;
    private Instant takenAt = Instant.MIN;

    CachedProbe(Supplier<Result> probe, Duration validFor, Clock clock) {
        this.probe = probe;
        this.validFor = validFor;
        this.clock = clock;
    }

    synchronized Result get() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(takenAt.plus(validFor))) {
            Result result;
            try {
                result = probe.get();
            } catch (RuntimeException e) {
                result = new Result(false, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            last = result;
            takenAt = now;
        }
        return last;
    }
}
