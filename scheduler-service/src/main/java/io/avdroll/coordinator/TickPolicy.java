package io.avdroll.coordinator;

import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When the coordinator must look at a pool again without waiting for an event: while hosts are in flight or surge
 * hosts are awake (so an observed change, such as a host going unavailable, is taken into account), and when the
 * maintenance window next opens for a running rollout with hosts still to do. Pure.
 */
public final class TickPolicy {

    private final Duration replanInterval;

    public TickPolicy(Duration replanInterval) {
        this.replanInterval = replanInterval;
    }

    /** The next re-plan, or empty when only an event can change anything. */
    public Optional<Instant> next(RolloutRecord record, RolloutSpec spec, Instant now) {
        if (record == null) {
            return Optional.empty();
        }
        Optional<Instant> next = Optional.empty();
        if (record.inFlightCount() > 0 || !record.surgeHosts().isEmpty()) {
            next = Optional.of(periodic(now));
        }
        boolean waitsForWindow = record.state() == RolloutState.RUNNING && record.count(HostStage.PENDING) > 0;
        MaintenanceWindow window = spec == null ? null : spec.maintenanceWindow();
        if (waitsForWindow && window != null && !window.openAt(now)) {
            Optional<Instant> opening = window.nextOpening(now);
            if (opening.isPresent() && (next.isEmpty() || opening.get().isBefore(next.get()))) {
                next = opening;
            }
        }
        return next;
    }

    /**
     * {@code now + interval}, rounded up to the whole second: a re-plan replayed within the same second asks for the
     * same instant, so its tick gets the same MessageId and the broker drops the copy.
     */
    private Instant periodic(Instant now) {
        Instant at = now.plus(replanInterval);
        Instant truncated = at.truncatedTo(ChronoUnit.SECONDS);
        return truncated.equals(at) ? at : truncated.plusSeconds(1);
    }
}
