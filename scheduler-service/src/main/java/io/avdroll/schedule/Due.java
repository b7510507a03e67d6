package io.avdroll.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * What a schedule asks for when it is checked at {@code now}, the previous check having been at {@code since}: start
 * the rollout of the latest firing in between, or report it missed, or nothing.
 * <p>
 * Catch-up rule: a firing is started late (after a restart, a slow check, or a service that was down at the time)
 * only while its maintenance window is still open. A firing whose whole window passed is missed and not started
 * later, because a late start would roll the pool in a night nobody planned for. Firings older than the latest one
 * in between are superseded by it.
 */
public record Due(Kind kind, Occurrence occurrence) {

    public enum Kind { FIRE, MISSED, NONE }

    public static Due check(Schedule schedule, Instant since, Instant now) {
        Optional<Occurrence> latest = schedule.latestAtOrBefore(now).filter(o -> o.fireAt().isAfter(since));
        if (latest.isEmpty()) {
            return new Due(Kind.NONE, null);
        }
        return new Due(latest.get().windowOpenAt(now) ? Kind.FIRE : Kind.MISSED, latest.get());
    }
}
