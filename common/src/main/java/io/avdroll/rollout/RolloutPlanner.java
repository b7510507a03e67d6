package io.avdroll.rollout;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rollout logic as a pure function: {@code (observed pool, spec, record, now) -> plan}. It reads no clock
 * and calls nothing; callers execute the actions and feed them back through {@link RolloutRecord#apply}.
 * <p>
 * Capacity is judged in the worst case: a host counts as serving only if the snapshot shows it Available,
 * accepting sessions and running, and the rollout does not have it in flight or failed; a host admitted in
 * this plan stops counting at once (its sessions are treated as lost capacity even while users finish).
 * A resumed surge host counts only once the snapshot shows it serving.
 */
public final class RolloutPlanner {

    private RolloutPlanner() {
    }

    public static Plan plan(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now) {
        return new Planning(pool, spec, record, now).run();
    }

    /** Order in which the given pending hosts would be admitted under {@code strategy}. */
    public static List<SessionHost> order(List<SessionHost> hosts, OrderingStrategy strategy) {
        Comparator<SessionHost> byName = Comparator.comparing(SessionHost::name, NaturalOrder.INSTANCE);
        Comparator<SessionHost> comparator = strategy == OrderingStrategy.BY_NAME ? byName
                : Comparator.comparingInt(RolloutPlanner::disruptionRank)
                        .thenComparingInt(SessionHost::sessions)
                        .thenComparing(byName);
        return hosts.stream().sorted(comparator).toList();
    }

    /** 0 = unhealthy, 1 = unavailable for another reason (asleep, drain mode), 2 = serving users. */
    private static int disruptionRank(SessionHost host) {
        if (host.status().unhealthy()) {
            return 0;
        }
        return host.serving() ? 2 : 1;
    }

    /** One planning pass; holds the working counters so the steps read as prose. */
    private static final class Planning {
        private final HostPoolSnapshot pool;
        private final RolloutSpec spec;
        private final RolloutRecord record;
        private final Instant now;
        private final Map<String, SessionHost> observed;
        private final int limit;
        private final CapacityFloor floor;
        private final List<PlanAction> actions = new ArrayList<>();
        private final List<String> why = new ArrayList<>();
        private final Set<String> skippedNow = new HashSet<>();
        private final Set<String> admittedNow = new HashSet<>();
        private int serving;
        private int inFlight;
        private int window;

        Planning(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now) {
            this.pool = pool;
            this.spec = spec;
            this.record = record;
            this.now = now;
            this.observed = pool.byName();
            this.limit = pool.maxSessionLimit();
            this.floor = spec.capacityFloor();
            this.serving = (int) pool.hosts().stream().filter(this::countsAsServing).count();
            this.inFlight = record.inFlightCount();
            this.window = spec.resolvedMaxUnavailable(record.hosts().size());
        }

        Plan run() {
            switch (record.state()) {
                case COMPLETED -> {
                    why.add("rollout completed: " + record.stateReason());
                    returnSurgeHostsNotNeeded();
                }
                case CANCELLED -> {
                    why.add("rollout cancelled (" + record.stateReason() + "): no new admissions, "
                            + inFlight + " host(s) in flight finish");
                    if (inFlight == 0) {
                        returnSurgeHostsNotNeeded();
                    }
                }
                case PAUSED -> {
                    why.add("rollout paused (" + record.stateReason() + "): no new admissions, "
                            + inFlight + " host(s) in flight finish");
                    if (inFlight == 0) {
                        returnSurgeHostsNotNeeded();
                    }
                }
                case RUNNING -> planRunning();
            }
            return new Plan(actions, why, new Plan.Capacity(serving, (long) serving * limit, inFlight, window));
        }

        private void planRunning() {
            skipMatchingHosts();
            int scope = record.hostsInScope() - skippedNow.size();
            int budget = spec.resolvedFailureBudget(scope);
            List<HostProgress> failed = record.inStage(HostStage.FAILED);
            if (failed.size() > budget) {
                String reason = "failure budget exceeded: " + failed.size() + " failed host(s) ("
                        + failed.stream().map(HostProgress::host).collect(Collectors.joining(", ")) + ") > budget "
                        + budget + " (" + spec.failureBudget() + " of " + scope + " hosts in scope); failed hosts stay drained for inspection";
                actions.add(new PlanAction.PauseRollout(reason));
                why.add(reason);
                return;
            }
            List<HostProgress> pending = record.inStage(HostStage.PENDING).stream()
                    .filter(h -> !skippedNow.contains(h.host())).toList();
            if (pending.isEmpty() && inFlight == 0) {
                returnSurgeHostsNotNeeded();
                String reason = "all " + record.hosts().size() + " hosts done: " + record.count(HostStage.VERIFIED)
                        + " verified, " + (record.count(HostStage.SKIPPED) + skippedNow.size()) + " skipped, "
                        + failed.size() + " failed (budget " + budget + ")";
                actions.add(new PlanAction.CompleteRollout(reason));
                why.add(reason);
                return;
            }
            if (pending.isEmpty()) {
                why.add("no pending hosts left; waiting for " + inFlight + " host(s) in flight");
                return;
            }
            MaintenanceWindow mw = spec.maintenanceWindow();
            if (mw != null && !mw.openAt(now)) {
                why.add("outside maintenance window " + mw + ": no new admissions"
                        + mw.nextOpening(now).map(t -> ", next opening " + t).orElse("")
                        + (inFlight > 0 ? "; " + inFlight + " host(s) in flight finish" : ""));
                if (inFlight == 0) {
                    returnSurgeHostsNotNeeded();
                }
                return;
            }
            int admissionsBefore = actions.size();
            admit(pending);
            long surgeStarting = record.surgeHosts().keySet().stream()
                    .filter(name -> !(observed.containsKey(name) && countsAsServing(observed.get(name)))).count();
            boolean progressed = actions.size() > admissionsBefore || inFlight > 0 || surgeStarting > 0;
            if (!progressed) {
                String reason = "stalled: nothing in flight and no pending host can be admitted ("
                        + String.join("; ", why) + ")";
                actions.add(new PlanAction.PauseRollout(reason));
                why.add(reason);
            }
        }

        private void skipMatchingHosts() {
            if (!spec.skipMatching()) {
                return;
            }
            for (HostProgress progress : record.inStage(HostStage.PENDING)) {
                SessionHost host = observed.get(progress.host());
                if (host != null && host.onImage(spec.targetImageVersion())) {
                    actions.add(new PlanAction.SkipHost(host.name(), host.imageVersion(), "skip " + host.name()
                            + ": already on target image " + host.imageVersion() + " (" + host.status().apiValue() + ")"));
                    skippedNow.add(host.name());
                }
            }
        }

        private void admit(List<HostProgress> pending) {
            int canarySize = Math.min(spec.canary().size(), record.hostsInScope() - skippedNow.size());
            int verified = record.count(HostStage.VERIFIED);
            String windowNote;
            if (verified < canarySize) {
                window = Math.min(window, canarySize - verified);
                windowNote = "canary: " + verified + "/" + canarySize + " canary host(s) verified, window " + window;
            } else if (spec.canary().widen()) {
                int widened = Math.max(1, Math.max(canarySize, verified));
                windowNote = widened < window ? "widening: window " + widened + " = hosts verified so far, up to maxUnavailable " + window
                        : "window " + window + " (maxUnavailable " + spec.maxUnavailable() + ")";
                window = Math.min(window, widened);
            } else {
                windowNote = "window " + window + " (maxUnavailable " + spec.maxUnavailable() + ")";
            }

            List<SessionHost> candidates = new ArrayList<>();
            for (HostProgress p : pending) {
                SessionHost host = observed.get(p.host());
                if (host == null) {
                    why.add(p.host() + " is not in the pool snapshot: not admitted until it is seen again");
                } else if (record.surgeHosts().containsKey(host.name()) && !countsAsServing(host)) {
                    why.add(host.name() + " is starting as surge capacity: admitted once it serves");
                } else {
                    candidates.add(host);
                }
            }
            List<SessionHost> blockedByFloor = new ArrayList<>();
            for (SessionHost host : order(candidates, spec.ordering())) {
                if (inFlight >= window) {
                    break;
                }
                boolean costsCapacity = countsAsServing(host);
                int after = costsCapacity ? serving - 1 : serving;
                if (costsCapacity && !floor.heldBy(after, limit)) {
                    blockedByFloor.add(host);
                    continue;
                }
                inFlight++;
                serving = after;
                admittedNow.add(host.name());
                actions.add(new PlanAction.AdmitHost(host.name(), host.hostClass(),
                        record.hosts().get(host.name()).attempt() + 1, returnPowerState(host),
                        admissionReason(host, costsCapacity, after, windowNote)));
            }
            int stillPending = pending.size() - admittedNow.size();
            if (inFlight >= window && stillPending > 0) {
                why.add("window full: " + inFlight + "/" + window + " in flight; " + windowNote + "; "
                        + stillPending + " host(s) wait");
            }
            if (!blockedByFloor.isEmpty()) {
                SessionHost first = blockedByFloor.get(0);
                why.add("capacity floor: admitting " + first.name() + " (" + first.sessions() + " sessions) would leave "
                        + (serving - 1) + " serving host(s) / " + (long) (serving - 1) * limit + " slots, below floor "
                        + floor.minAvailableHosts() + " hosts / " + floor.minSessionSlots() + " slots");
                surgeFor(Math.min(blockedByFloor.size(), Math.max(0, window - inFlight)));
            }
        }

        /** Wakes sleeping DR hosts so that {@code blocked} more floor-blocked admissions become possible. */
        private void surgeFor(int blocked) {
            if (!spec.drAsSurge()) {
                why.add("DR surge is off: waiting for hosts in flight to return");
                return;
            }
            if (blocked == 0) {
                return;
            }
            int needed = floor.hostsNeeded(limit) - serving + blocked;
            long starting = record.surgeHosts().keySet().stream()
                    .filter(name -> !(observed.containsKey(name) && countsAsServing(observed.get(name)))).count();
            int toResume = (int) (needed - starting);
            if (starting > 0) {
                why.add("waiting for " + starting + " surge host(s) to start serving");
            }
            if (toResume <= 0) {
                return;
            }
            List<SessionHost> sleeping = pool.hosts().stream()
                    .filter(h -> h.hostClass() == HostClass.DR && h.powerState().asleep())
                    .filter(h -> !record.surgeHosts().containsKey(h.name()) && !admittedNow.contains(h.name()))
                    .filter(h -> record.host(h.name()).map(p -> !p.stage().inFlight() && p.stage() != HostStage.FAILED).orElse(true))
                    .sorted(Comparator.comparing((SessionHost h) -> !h.onImage(spec.targetImageVersion()))
                            .thenComparing(SessionHost::name, NaturalOrder.INSTANCE))
                    .toList();
            for (SessionHost host : sleeping.subList(0, Math.min(toResume, sleeping.size()))) {
                actions.add(new PlanAction.ResumeForSurge(host.name(), host.powerState(), "resume DR host "
                        + host.name() + " (" + host.powerState().name().toLowerCase() + ") for surge: floor "
                        + floor.hostsNeeded(limit) + " serving hosts needs " + needed + " more to admit " + blocked
                        + " waiting host(s)"));
            }
            if (sleeping.size() < toResume) {
                why.add("no sleeping DR host left to resume for surge (" + (toResume - sleeping.size()) + " more needed)");
            }
        }

        /** Puts surge hosts back to sleep, keeping those the floor still needs. */
        private void returnSurgeHostsNotNeeded() {
            for (Map.Entry<String, PowerState> surge : record.surgeHosts().entrySet()) {
                SessionHost host = observed.get(surge.getKey());
                boolean servingNow = host != null && countsAsServing(host);
                if (servingNow && !floor.heldBy(serving - 1, limit)) {
                    why.add("keep surge host " + surge.getKey() + " awake: without it " + (serving - 1)
                            + " serving host(s) would be below the floor");
                    continue;
                }
                if (servingNow) {
                    serving--;
                }
                actions.add(new PlanAction.ReturnToSleep(surge.getKey(), surge.getValue(), "return surge host "
                        + surge.getKey() + " to " + surge.getValue().name().toLowerCase() + ": no longer needed ("
                        + serving + " serving host(s) hold the floor of " + floor.hostsNeeded(limit) + ")"));
            }
        }

        private boolean countsAsServing(SessionHost host) {
            if (!host.serving()) {
                return false;
            }
            HostProgress progress = record.hosts().get(host.name());
            return progress == null || !(progress.stage().inFlight() || progress.stage() == HostStage.FAILED);
        }

        private PowerState returnPowerState(SessionHost host) {
            if (host.hostClass() != HostClass.DR) {
                return null;
            }
            PowerState beforeSurge = record.surgeHosts().get(host.name());
            if (beforeSurge != null) {
                return beforeSurge;
            }
            return host.powerState().asleep() ? host.powerState() : null;
        }

        private String admissionReason(SessionHost host, boolean costsCapacity, int after, String windowNote) {
            String state = host.status().apiValue() + (host.allowNewSession() ? "" : ", drain mode")
                    + ", " + host.sessions() + " session(s)";
            String capacity = costsCapacity
                    ? (after + 1) + " serving - 1 = " + after + " >= floor " + floor.minAvailableHosts() + " hosts, "
                    + (long) after * limit + " >= " + floor.minSessionSlots() + " slots"
                    : "not serving, so no capacity lost (" + after + " serving)";
            return "admit " + host.name() + " (" + state + "): " + capacity + "; " + inFlight + "/" + window
                    + " in flight; " + windowNote;
        }
    }
}
