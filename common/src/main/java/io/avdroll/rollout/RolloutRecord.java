package io.avdroll.rollout;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The durable record of one rollout, kept by the coordinator (as JSON in the pool's session state).
 * Immutable: every change returns a {@link TransitionResult} carrying a new record, or the unchanged one
 * with the reason it was a no-op or rejected.
 *
 * @param rolloutId          unique id of the rollout
 * @param hostPool           host pool name
 * @param targetImageVersion image version every host should end on
 * @param createdAt          when the rollout started
 * @param state              rollout state
 * @param stateReason        why it is in that state (e.g. the pause reason)
 * @param stateChangedAt     when it entered that state
 * @param hosts              per-host progress by host name
 * @param surgeHosts         DR hosts woken for surge, with the power state each slept in before
 * @param admissions         hosts admitted so far, retries included
 * @param failureCount       host failures so far, retried ones included
 */
public record RolloutRecord(String rolloutId, String hostPool, String targetImageVersion, Instant createdAt,
                            RolloutState state, String stateReason, Instant stateChangedAt,
                            SortedMap<String, HostProgress> hosts, SortedMap<String, PowerState> surgeHosts,
                            int admissions, int failureCount) {

    public RolloutRecord {
        hosts = Collections.unmodifiableSortedMap(new TreeMap<>(hosts == null ? new TreeMap<>() : hosts));
        surgeHosts = Collections.unmodifiableSortedMap(new TreeMap<>(surgeHosts == null ? new TreeMap<>() : surgeHosts));
    }

    /** A running rollout with every host of the pool PENDING. */
    public static RolloutRecord start(String rolloutId, HostPoolSnapshot pool, String targetImageVersion, Instant now) {
        TreeMap<String, HostProgress> hosts = new TreeMap<>();
        for (SessionHost h : pool.hosts()) {
            hosts.put(h.name(), HostProgress.pending(h.name(), h.hostClass(), now));
        }
        return new RolloutRecord(rolloutId, pool.hostPool(), targetImageVersion, now, RolloutState.RUNNING,
                "started", now, hosts, new TreeMap<>(), 0, 0);
    }

    public Optional<HostProgress> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public int count(HostStage stage) {
        return (int) hosts.values().stream().filter(h -> h.stage() == stage).count();
    }

    public List<HostProgress> inStage(HostStage stage) {
        return hosts.values().stream().filter(h -> h.stage() == stage).toList();
    }

    public int inFlightCount() {
        return (int) hosts.values().stream().filter(h -> h.stage().inFlight()).count();
    }

    /** Hosts this rollout redeploys: all except the skipped ones. */
    public int hostsInScope() {
        return hosts.size() - count(HostStage.SKIPPED);
    }

    // ---- host transitions ----

    /** Admits a PENDING host: it becomes DRAINING on its next attempt. */
    public TransitionResult admit(String host, PowerState returnPowerState, String reason, Instant now) {
        HostProgress current = hosts.get(host);
        if (current == null) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "admit " + host + ": not part of rollout " + rolloutId);
        }
        if (current.stage() != HostStage.PENDING) {
            return TransitionResult.unchanged(current.stage() == HostStage.DRAINING ? TransitionOutcome.DUPLICATE
                    : TransitionOutcome.REJECTED, this,
                    "admit " + host + ": host is " + current.stage() + ", only a PENDING host can be admitted");
        }
        if (state != RolloutState.RUNNING) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "admit " + host + ": rollout is " + state);
        }
        HostProgress admitted = current.admit(returnPowerState, reason, now);
        TreeMap<String, PowerState> surge = new TreeMap<>(surgeHosts);
        surge.remove(host);
        return TransitionResult.applied(withHost(admitted, surge, admissions + 1, failureCount),
                host + ": PENDING -> DRAINING (attempt " + admitted.attempt() + ")");
    }

    /**
     * Moves a host to {@code to} on behalf of an event of attempt {@code attempt}. Events of an earlier attempt
     * are STALE; a move to the current stage is a DUPLICATE; moves not in {@link HostStageTransitions} are REJECTED.
     */
    public TransitionResult advanceHost(String host, HostStage to, int attempt, String reason, Instant now) {
        return advanceHost(host, to, attempt, reason, null, now);
    }

    /** As {@link #advanceHost(String, HostStage, int, String, Instant)}, keeping what the verdict told of the stages. */
    public TransitionResult advanceHost(String host, HostStage to, int attempt, String reason, HostJourney journey,
                                        Instant now) {
        HostProgress current = hosts.get(host);
        String what = host + ": " + (current == null ? "?" : current.stage()) + " -> " + to + " (attempt " + attempt + ")";
        if (current == null) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, what + ": not part of rollout " + rolloutId);
        }
        if (to == HostStage.DRAINING || to == HostStage.PENDING || to == HostStage.SKIPPED) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this,
                    what + ": " + to + " is entered by admit, retry or skip, not by an event");
        }
        if (attempt < current.attempt()) {
            return TransitionResult.unchanged(TransitionOutcome.STALE, this,
                    what + ": event of an earlier attempt, host is on attempt " + current.attempt());
        }
        if (attempt > current.attempt()) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this,
                    what + ": host is on attempt " + current.attempt() + ", no such attempt was admitted");
        }
        TransitionOutcome outcome = HostStageTransitions.classify(current.stage(), to, current.failedIn());
        switch (outcome) {
            case DUPLICATE:
                return TransitionResult.unchanged(outcome, this, what + ": already " + to);
            case STALE:
                return TransitionResult.unchanged(outcome, this, what + ": late event, host is already " + current.stage());
            case REJECTED:
                return TransitionResult.unchanged(outcome, this, what + ": not a legal transition"
                        + (current.stage() == HostStage.FAILED ? " (host failed in " + current.failedIn() + ")" : ""));
            default:
                int failures = failureCount + (to == HostStage.FAILED ? 1 : 0);
                return TransitionResult.applied(withHost(current.moveTo(to, reason, journey, now), surgeHosts, admissions, failures), what);
        }
    }

    /** Marks a PENDING host SKIPPED (already on the target image). */
    public TransitionResult skip(String host, String reason, Instant now) {
        HostProgress current = hosts.get(host);
        if (current == null) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "skip " + host + ": not part of rollout " + rolloutId);
        }
        TransitionOutcome outcome = HostStageTransitions.classify(current.stage(), HostStage.SKIPPED, current.failedIn());
        if (outcome != TransitionOutcome.APPLIED) {
            return TransitionResult.unchanged(outcome, this, "skip " + host + ": host is " + current.stage());
        }
        return TransitionResult.applied(withHost(current.moveTo(HostStage.SKIPPED, reason, now), surgeHosts, admissions,
                failureCount), host + ": PENDING -> SKIPPED");
    }

    /** Puts one FAILED host back to PENDING so it is admitted again. */
    public TransitionResult retry(String host, Instant now) {
        HostProgress current = hosts.get(host);
        if (current == null) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "retry " + host + ": not part of rollout " + rolloutId);
        }
        if (state.terminal()) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "retry " + host + ": rollout is " + state);
        }
        if (current.stage() != HostStage.FAILED) {
            return TransitionResult.unchanged(current.stage() == HostStage.PENDING ? TransitionOutcome.DUPLICATE
                    : TransitionOutcome.REJECTED, this, "retry " + host + ": host is " + current.stage() + ", not FAILED");
        }
        return TransitionResult.applied(withHost(current.moveTo(HostStage.PENDING, "retry requested", now), surgeHosts,
                admissions, failureCount), host + ": FAILED -> PENDING");
    }

    /** Puts every FAILED host back to PENDING. A DUPLICATE when there is none. */
    public TransitionResult retryFailed(Instant now) {
        List<HostProgress> failed = inStage(HostStage.FAILED);
        if (state.terminal()) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "retry failed hosts: rollout is " + state);
        }
        if (failed.isEmpty()) {
            return TransitionResult.unchanged(TransitionOutcome.DUPLICATE, this, "retry failed hosts: none failed");
        }
        RolloutRecord next = this;
        for (HostProgress h : failed) {
            next = next.retry(h.host(), now).record();
        }
        return TransitionResult.applied(next, "retry " + failed.size() + " failed host(s): "
                + String.join(", ", failed.stream().map(HostProgress::host).toList()));
    }

    // ---- surge bookkeeping ----

    /** Records that a sleeping DR host was woken for surge (and how it slept, to put it back). */
    public TransitionResult surgeResumed(String host, PowerState earlierPowerState, Instant now) {
        if (surgeHosts.containsKey(host)) {
            return TransitionResult.unchanged(TransitionOutcome.DUPLICATE, this, host + ": already resumed for surge");
        }
        if (!hosts.containsKey(host)) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, host + ": not part of rollout " + rolloutId);
        }
        TreeMap<String, PowerState> surge = new TreeMap<>(surgeHosts);
        surge.put(host, earlierPowerState);
        return TransitionResult.applied(copy(hosts, surge, admissions, failureCount), host + ": resumed for surge");
    }

    /** Records that a surge host went back to sleep. */
    public TransitionResult surgeReturned(String host, Instant now) {
        if (!surgeHosts.containsKey(host)) {
            return TransitionResult.unchanged(TransitionOutcome.DUPLICATE, this, host + ": not a surge host (any more)");
        }
        TreeMap<String, PowerState> surge = new TreeMap<>(surgeHosts);
        surge.remove(host);
        return TransitionResult.applied(copy(hosts, surge, admissions, failureCount), host + ": returned to sleep");
    }

    // ---- rollout transitions ----

    public TransitionResult pause(String reason, Instant now) {
        return moveRollout(RolloutState.PAUSED, reason, now);
    }

    public TransitionResult resume(Instant now) {
        return moveRollout(RolloutState.RUNNING, "resumed", now);
    }

    public TransitionResult cancel(String reason, Instant now) {
        return moveRollout(RolloutState.CANCELLED, reason, now);
    }

    public TransitionResult complete(String reason, Instant now) {
        if (state == RolloutState.RUNNING && (count(HostStage.PENDING) > 0 || inFlightCount() > 0)) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "complete: " + count(HostStage.PENDING)
                    + " host(s) pending and " + inFlightCount() + " in flight");
        }
        return moveRollout(RolloutState.COMPLETED, reason, now);
    }

    private TransitionResult moveRollout(RolloutState to, String reason, Instant now) {
        if (state == to) {
            return TransitionResult.unchanged(TransitionOutcome.DUPLICATE, this, "rollout already " + to);
        }
        if (!state.legalNext().contains(to)) {
            return TransitionResult.unchanged(TransitionOutcome.REJECTED, this, "rollout " + state + " -> " + to
                    + " is not a legal transition");
        }
        RolloutRecord next = new RolloutRecord(rolloutId, hostPool, targetImageVersion, createdAt, to, reason, now,
                hosts, surgeHosts, admissions, failureCount);
        return TransitionResult.applied(next, "rollout " + state + " -> " + to + ": " + reason);
    }

    /** Applies one planner action to this record (the bookkeeping half; the side effects are the caller's). */
    public TransitionResult apply(PlanAction action, Instant now) {
        if (action instanceof PlanAction.AdmitHost a) {
            return admit(a.host(), a.returnPowerState(), a.reason(), now);
        } else if (action instanceof PlanAction.SkipHost s) {
            return skip(s.host(), s.reason(), now);
        } else if (action instanceof PlanAction.ResumeForSurge r) {
            return surgeResumed(r.host(), r.earlierPowerState(), now);
        } else if (action instanceof PlanAction.ReturnToSleep r) {
            return surgeReturned(r.host(), now);
        } else if (action instanceof PlanAction.PauseRollout p) {
            return pause(p.reason(), now);
        } else if (action instanceof PlanAction.CompleteRollout c) {
            return complete(c.reason(), now);
        }
        throw new IllegalArgumentException("action: unknown kind " + action);
    }

    private RolloutRecord withHost(HostProgress progress, SortedMap<String, PowerState> surge, int admitted, int failures) {
        TreeMap<String, HostProgress> copy = new TreeMap<>(hosts);
        copy.put(progress.host(), progress);
        return copy(copy, surge, admitted, failures);
    }

    private RolloutRecord copy(SortedMap<String, HostProgress> newHosts, SortedMap<String, PowerState> surge,
                               int admitted, int failures) {
        return new RolloutRecord(rolloutId, hostPool, targetImageVersion, createdAt, state, stateReason,
                stateChangedAt, newHosts, surge, admitted, failures);
    }
}
