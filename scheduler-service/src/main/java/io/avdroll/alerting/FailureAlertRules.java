package io.avdroll.alerting;

import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.RolloutState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The failure conditions of one pool's rollout, from its record and spec, what the pool serves and the time:
 * paused by the failure budget (or stalled), capacity below the floor, a host in a stage past its timeout, and a
 * maintenance window that closed with hosts still waiting. Pure: no Azure, no clock.
 *
 * <p>A stage's timeout is {@code inFlightAllowance}, plus the drain grace period for DRAINING. The coordinator's
 * record moves a host PENDING → DRAINING → VERIFIED/FAILED (the intermediate stages are the other services'), so
 * DRAINING there spans drain, redeploy and verify: the allowance must cover redeploy + verify.
 */
public final class FailureAlertRules {

    private FailureAlertRules() {
    }

    public static List<Alert> evaluate(CoordinatorState state, Optional<ServingCapacity> capacity, Instant now,
                                       Duration inFlightAllowance) {
        RolloutRecord record = state.record();
        RolloutSpec spec = state.spec();
        if (record == null || spec == null || record.state().terminal()) {
            return List.of();
        }
        List<Alert> alerts = new ArrayList<>();
        paused(record, now).ifPresent(alerts::add);
        capacity.flatMap(c -> belowFloor(record, spec, c, now)).ifPresent(alerts::add);
        alerts.addAll(stuck(record, spec, now, inFlightAllowance));
        missedWindow(record, spec, now).ifPresent(alerts::add);
        return alerts;
    }

    static Optional<Alert> paused(RolloutRecord record, Instant now) {
        if (record.state() != RolloutState.PAUSED || record.stateReason() == null) {
            return Optional.empty();
        }
        AlertKind kind;
        if (record.stateReason().startsWith("failure budget exceeded")) {
            kind = AlertKind.FAILURE_BUDGET_EXCEEDED;
        } else if (record.stateReason().startsWith("stalled")) {
            kind = AlertKind.ROLLOUT_STALLED;
        } else {
            return Optional.empty(); // paused by a person: they know
        }
        return Optional.of(new Alert(kind, record.rolloutId() + "/paused/" + record.stateChangedAt(), record.rolloutId(),
                record.hostPool(), Optional.empty(), RolloutState.PAUSED.name(), record.stateReason(),
                "rollout " + record.rolloutId() + " on " + record.hostPool() + " paused: " + record.stateReason(), now));
    }

    static Optional<Alert> belowFloor(RolloutRecord record, RolloutSpec spec, ServingCapacity capacity, Instant now) {
        if (spec.capacityFloor().heldBy(capacity.servingHosts(), capacity.maxSessionLimit())) {
            return Optional.empty();
        }
        String reason = capacity.servingHosts() + " host(s) serving (" + (long) capacity.servingHosts() * capacity.maxSessionLimit()
                + " session slots) < floor " + spec.capacityFloor().minAvailableHosts() + " host(s) / "
                + spec.capacityFloor().minSessionSlots() + " slots";
        return Optional.of(new Alert(AlertKind.CAPACITY_BELOW_FLOOR, record.rolloutId() + "/capacity", record.rolloutId(),
                record.hostPool(), Optional.empty(), "", reason,
                "capacity of " + record.hostPool() + " below its floor during rollout " + record.rolloutId() + ": " + reason
                        + "; " + record.inFlightCount() + " host(s) out for the rollout", now));
    }

    static List<Alert> stuck(RolloutRecord record, RolloutSpec spec, Instant now, Duration inFlightAllowance) {
        List<Alert> alerts = new ArrayList<>();
        for (HostProgress host : record.hosts().values()) {
            if (!host.stage().inFlight() || host.stageSince() == null) {
                continue;
            }
            Duration timeout = host.stage() == HostStage.DRAINING
                    ? spec.drain().gracePeriod().plus(inFlightAllowance) : inFlightAllowance;
            Duration in = Duration.between(host.stageSince(), now);
            if (in.compareTo(timeout) > 0) {
                String reason = host.stage() + " for " + in + " > timeout " + timeout;
                alerts.add(new Alert(AlertKind.HOST_STUCK,
                        record.rolloutId() + "/" + host.host() + "/" + host.attempt() + "/" + host.stage(),
                        record.rolloutId(), record.hostPool(), Optional.of(host.host()), host.stage().name(), reason,
                        "host " + host.host() + " of " + record.hostPool() + " stuck: " + reason + " (since "
                                + host.stageSince() + ", attempt " + host.attempt() + ")", now));
            }
        }
        return alerts;
    }

    /**
     * Missed: an occurrence of the window opened after the rollout was created (or was open then), has closed by now,
     * and hosts are still PENDING.
     */
    static Optional<Alert> missedWindow(RolloutRecord record, RolloutSpec spec, Instant now) {
        MaintenanceWindow window = spec.maintenanceWindow();
        int pending = record.count(HostStage.PENDING);
        if (window == null || pending == 0 || window.openAt(now)) {
            return Optional.empty();
        }
        Optional<Instant> closed = lastClosingBefore(window, record.createdAt(), now);
        if (closed.isEmpty()) {
            return Optional.empty();
        }
        String reason = "window " + window + " closed at " + closed.get() + " with " + pending + " host(s) not started";
        return Optional.of(new Alert(AlertKind.MISSED_MAINTENANCE_WINDOW, record.rolloutId() + "/window/" + closed.get(),
                record.rolloutId(), record.hostPool(), Optional.empty(), HostStage.PENDING.name(), reason,
                "rollout " + record.rolloutId() + " on " + record.hostPool() + " missed its maintenance window: " + reason
                        + window.nextOpening(now).map(t -> "; next opening " + t).orElse(""), now));
    }

    private static Optional<Instant> lastClosingBefore(MaintenanceWindow window, Instant since, Instant now) {
        Optional<Instant> last = Optional.empty();
        Instant cursor = since;
        for (int i = 0; i < 400 && cursor.isBefore(now); i++) {
            Optional<Instant> opening = window.nextOpening(cursor);
            if (opening.isEmpty() || !opening.get().isBefore(now)) {
                break;
            }
            Optional<Instant> closing = window.closingAfter(opening.get());
            if (closing.isEmpty() || closing.get().isAfter(now)) {
                break;
            }
            last = closing;
            cursor = closing.get();
        }
        return last;
    }
}
