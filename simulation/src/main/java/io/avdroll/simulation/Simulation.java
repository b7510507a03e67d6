package io.avdroll.simulation;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.HostStageTransitions;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.PlanAction;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.RolloutState;
import io.avdroll.rollout.TransitionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Discrete-event simulation of one rollout: a virtual clock, seeded random durations, random delivery order
 * of simultaneous events, duplicated reports and injected failures, driven by an {@link AdmissionStrategy}
 * (the real planner by default) and the real {@link RolloutRecord} transitions. After every step it checks the
 * invariants and throws {@link InvariantViolation} on the first one broken.
 * <p>
 * The simulated services behave like the real chain: drain (users sign out over the grace period, the rest
 * are forced off at the deadline), then the VM is deleted (the session host disappears) and recreated,
 * registers in drain mode, is verified for a bake time and only then accepts sessions again — a DR host
 * instead goes back to its earlier power state. Each stage is reported to the coordinator after a random
 * delivery delay, sometimes twice. Every report goes through the record's transition table; the strategy is
 * consulted, like the real coordinator, when a host is verified or failed, when a surge host has started and
 * when the maintenance window opens.
 */
public final class Simulation {

    /** Figures after a step, for progress output. */
    public record Status(int pending, int inFlight, int verified, int failed, int skipped, int servingHosts,
                         long sessionSlots, RolloutState state) {
    }

    private enum Kind { LOGOFF, DRAIN_DEADLINE, EMPTY_DRAINED, PROVISIONED, REGISTERED, BAKE_DONE, SURGE_READY, REPORT, WAKE }

    private record Event(Instant at, long order, Kind kind, String host, int attempt, HostStage stage, String reason)
            implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }

    private final SimulationConfig config;
    private final RolloutSpec spec;
    private final AdmissionStrategy strategy;
    private final SimulationListener listener;
    private final SplittableRandom interleaving;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final Map<String, SimHost> hosts = new LinkedHashMap<>();
    private final int window;
    private final boolean floorHeldAtStart;
    private RolloutRecord record;
    private Instant now;
    private int steps;
    private int forced;
    private int voluntary;
    private int duplicates;
    private int noOps;
    private int surgeResumes;
    private int lowestServing = Integer.MAX_VALUE;
    private long lowestSlots = Long.MAX_VALUE;
    private long userMillisDisrupted;
    private int extraVms;
    private int peakExtraVms;
    private long extraVmMillis;

    private Simulation(SimulationConfig config, AdmissionStrategy strategy, SimulationListener listener) {
        this.config = config;
        this.spec = config.spec();
        this.strategy = strategy;
        this.listener = listener;
        this.interleaving = new SplittableRandom(config.seed() * 7919 + 17);
        this.now = config.start();
        createHosts();
        this.window = strategy.window(spec, hosts.size());
        this.record = RolloutRecord.start("sim-" + config.seed(), snapshot(), spec.targetImageVersion(), now);
        this.floorHeldAtStart = spec.capacityFloor().heldBy(servingNow(), config.maxSessionLimit());
    }

    public static SimulationResult run(SimulationConfig config) {
        return run(config, AdmissionStrategy.planner(), SimulationListener.NONE);
    }

    public static SimulationResult run(SimulationConfig config, AdmissionStrategy strategy, SimulationListener listener) {
        return new Simulation(config, strategy, listener).run();
    }

    private void createHosts() {
        if (!config.poolHosts().isEmpty()) {
            createPoolHosts();
            return;
        }
        SplittableRandom setup = new SplittableRandom(config.seed());
        int total = config.poolSize();
        for (int i = 0; i < total; i++) {
            boolean dr = i >= config.standardHosts();
            String name = dr ? "dr-" + (i - config.standardHosts() + 1) : "host-" + (i + 1);
            SplittableRandom own = new SplittableRandom(config.seed() * 1_000_003L + i);
            HostStage failsIn = null;
            if (own.nextDouble() < config.failureRate()) {
                List<HostStage> stages = List.of(HostStage.DRAINING, HostStage.REDEPLOYING, HostStage.REDEPLOYED, HostStage.VERIFYING);
                failsIn = stages.get(own.nextInt(stages.size()));
            }
            SimHost host = new SimHost(name, dr ? HostClass.DR : HostClass.STANDARD, own, failsIn);
            host.image = setup.nextDouble() < config.onTargetRate() ? spec.targetImageVersion() : SimulationConfig.OLD_IMAGE;
            host.allowNewSession = true;
            if (dr) {
                host.status = SessionHostStatus.SHUTDOWN;
                host.power = setup.nextBoolean() ? PowerState.HIBERNATED : PowerState.DEALLOCATED;
                host.sessions = 0;
            } else {
                host.power = PowerState.RUNNING;
                host.status = setup.nextDouble() < config.unhealthyRate() ? SessionHostStatus.NEEDS_ASSISTANCE : SessionHostStatus.AVAILABLE;
                host.sessions = setup.nextInt(config.maxSessionLimit() + 1);
            }
            hosts.put(name, host);
        }
    }

    /** The real pool's hosts as observed; each its own random stream for durations and users, as for made-up ones. */
    private void createPoolHosts() {
        int i = 0;
        for (SessionHost observed : config.poolHosts()) {
            SimHost host = new SimHost(observed.name(), observed.hostClass(), new SplittableRandom(config.seed() * 1_000_003L + i++),
                    null);
            host.status = observed.status();
            host.allowNewSession = observed.allowNewSession();
            host.sessions = observed.sessions();
            host.image = observed.imageVersion();
            host.power = observed.powerState();
            hosts.put(host.name, host);
        }
    }

    private SimulationResult run() {
        long maxSteps = 100L * hosts.size() * (config.maxSessionLimit() + 20) + 1000;
        replan();
        check();
        while (true) {
            if (queue.isEmpty() && !scheduleWakeForWindow()) {
                break;
            }
            Event event = queue.poll();
            extraVmMillis += extraVms * Duration.between(now, event.at()).toMillis();
            now = event.at();
            if (handle(event)) {
                replan();
            }
            check();
            if (++steps > maxSteps) {
                throw violation("did not terminate within " + maxSteps + " steps");
            }
        }
        checkEnd();
        return result();
    }

    /** With nothing left to happen but a closed maintenance window, the coordinator looks again when it opens. */
    private boolean scheduleWakeForWindow() {
        MaintenanceWindow mw = spec.maintenanceWindow();
        if (record.state() != RolloutState.RUNNING || mw == null || mw.openAt(now)) {
            return false;
        }
        Optional<Instant> opening = mw.nextOpening(now);
        opening.ifPresent(at -> schedule(at, Kind.WAKE, null, 0, null, "maintenance window opens"));
        return opening.isPresent();
    }

    // ---- the world ----

    /** Handles one event; true when the coordinator would look at the pool again (see the class comment). */
    private boolean handle(Event e) {
        SimHost host = e.host() == null ? null : hosts.get(e.host());
        switch (e.kind()) {
            case LOGOFF -> {
                if (draining(host, e) && host.sessions > 0) {
                    host.sessions--;
                    voluntary++;
                    userMillisDisrupted += Duration.between(host.drainStartedAt, now).toMillis();
                    if (host.sessions == 0) {
                        drained(host);
                    }
                }
            }
            case DRAIN_DEADLINE -> {
                if (draining(host, e) && host.sessions > 0) {
                    forced += host.sessions;
                    userMillisDisrupted += host.sessions * Duration.between(host.drainStartedAt, now).toMillis();
                    host.sessions = 0;
                    drained(host);
                }
            }
            case EMPTY_DRAINED -> {
                if (draining(host, e) && host.sessions == 0) {
                    drained(host);
                }
            }
            case PROVISIONED -> provisioned(host);
            case REGISTERED -> registered(host);
            case BAKE_DONE -> baked(host);
            case SURGE_READY -> {
                if (host.phase == SimHost.Phase.SURGE_STARTING) {
                    host.phase = SimHost.Phase.IDLE;
                    host.power = PowerState.RUNNING;
                    host.status = SessionHostStatus.AVAILABLE;
                    host.allowNewSession = true;
                }
            }
            case REPORT -> {
                return deliver(e);
            }
            case WAKE -> {
                return true;
            }
        }
        return e.kind() == Kind.SURGE_READY;
    }

    private boolean draining(SimHost host, Event e) {
        return host.phase == SimHost.Phase.DRAINING && host.attempt == e.attempt();
    }

    private void drained(SimHost host) {
        if (host.failsIn == HostStage.DRAINING) {
            if (strategy.createsBeforeDeleting()) {
                removeReplacement(host);
            }
            fail(host, "log-off failed on " + host.name);
            return;
        }
        if (strategy.createsBeforeDeleting()) {
            oldHostReplaced(host);
            return;
        }
        report(host, HostStage.DRAINED, "drained");
        host.phase = SimHost.Phase.PROVISIONING;
        host.present = false;
        host.power = PowerState.DEALLOCATING;
        report(host, HostStage.REDEPLOYING, "VM deleted, recreating from " + spec.targetImageVersion());
        after(config.timings().provision().sample(host.random), Kind.PROVISIONED, host);
    }

    private void provisioned(SimHost host) {
        if (strategy.createsBeforeDeleting()) {
            replacementProvisioned(host);
            return;
        }
        if (host.failsIn == HostStage.REDEPLOYING) {
            host.present = true;
            host.status = SessionHostStatus.UNAVAILABLE;
            host.power = PowerState.UNKNOWN;
            fail(host, "AllocationFailed");
            return;
        }
        host.power = PowerState.RUNNING;
        host.phase = SimHost.Phase.REGISTERING;
        after(config.timings().registration().sample(host.random), Kind.REGISTERED, host);
    }

    private void registered(SimHost host) {
        if (strategy.createsBeforeDeleting()) {
            replacementRegistered(host);
            return;
        }
        host.present = true;
        host.image = spec.targetImageVersion();
        host.sessions = 0;
        host.allowNewSession = false;
        if (host.failsIn == HostStage.REDEPLOYED) {
            host.status = SessionHostStatus.NO_HEARTBEAT;
            fail(host, "registered but never became Available");
            return;
        }
        host.status = SessionHostStatus.AVAILABLE;
        report(host, HostStage.REDEPLOYED, "registered");
        host.phase = SimHost.Phase.VERIFYING;
        report(host, HostStage.VERIFYING, "baking");
        after(config.timings().verify().sample(host.random), Kind.BAKE_DONE, host);
    }

    private void baked(SimHost host) {
        if (strategy.createsBeforeDeleting()) {
            replacementBaked(host);
            return;
        }
        if (host.failsIn == HostStage.VERIFYING) {
            host.status = SessionHostStatus.NEEDS_ASSISTANCE;
            fail(host, "health check failed during bake");
            return;
        }
        host.allowNewSession = true;
        if (host.returnPowerState != null) {
            host.power = host.returnPowerState;
            host.status = SessionHostStatus.SHUTDOWN;
        }
        host.phase = SimHost.Phase.DONE;
        host.work = Duration.between(host.admittedAt, now);
        report(host, HostStage.VERIFIED, "verified on " + spec.targetImageVersion());
    }

    private void fail(SimHost host, String reason) {
        host.allowNewSession = false;
        failLeavingOldHost(host, reason);
    }

    /** Surge first before the drain: the replacement is dropped and the old host simply keeps serving. */
    private void failLeavingOldHost(SimHost host, String reason) {
        host.phase = SimHost.Phase.FAILED;
        host.work = Duration.between(host.admittedAt, now);
        report(host, HostStage.FAILED, reason);
    }

    // ---- surge first: replacement created, registered and verified beside the old host, then the old one goes ----

    private void replacementProvisioned(SimHost host) {
        if (host.failsIn == HostStage.REDEPLOYING) {
            removeReplacement(host);
            failLeavingOldHost(host, "AllocationFailed creating the replacement of " + host.name);
            return;
        }
        host.phase = SimHost.Phase.REGISTERING;
        after(config.timings().registration().sample(host.random), Kind.REGISTERED, host);
    }

    private void replacementRegistered(SimHost host) {
        if (host.failsIn == HostStage.REDEPLOYED) {
            removeReplacement(host);
            failLeavingOldHost(host, "replacement of " + host.name + " registered but never became Available");
            return;
        }
        host.phase = SimHost.Phase.VERIFYING;
        after(config.timings().verify().sample(host.random), Kind.BAKE_DONE, host);
    }

    private void replacementBaked(SimHost host) {
        if (host.failsIn == HostStage.VERIFYING) {
            removeReplacement(host);
            failLeavingOldHost(host, "replacement of " + host.name + " failed its health check during bake");
            return;
        }
        // a DR replacement goes straight to its earlier power state; a standard one takes sessions at once
        host.replacementServing = host.returnPowerState == null;
        startDrain(host, host.pendingDrain);
    }

    /** The old host is drained: it is deleted and its verified replacement is the host from now on. */
    private void oldHostReplaced(SimHost host) {
        removeReplacement(host);
        host.image = spec.targetImageVersion();
        host.sessions = 0;
        host.status = SessionHostStatus.AVAILABLE;
        host.power = PowerState.RUNNING;
        host.allowNewSession = true;
        if (host.returnPowerState != null) {
            host.power = host.returnPowerState;
            host.status = SessionHostStatus.SHUTDOWN;
        }
        host.phase = SimHost.Phase.DONE;
        host.work = Duration.between(host.admittedAt, now);
        report(host, HostStage.DRAINED, "old VM drained");
        report(host, HostStage.REDEPLOYING, "old VM deleted");
        report(host, HostStage.REDEPLOYED, "replacement took over the name");
        report(host, HostStage.VERIFYING, "replacement verified before the drain");
        report(host, HostStage.VERIFIED, "verified on " + spec.targetImageVersion());
    }

    private void addReplacement() {
        extraVms++;
        peakExtraVms = Math.max(peakExtraVms, extraVms);
    }

    private void removeReplacement(SimHost host) {
        extraVms--;
        host.replacementServing = false;
    }

    /** A stage report on its way to the coordinator: delayed at random, sometimes delivered twice. */
    private void report(SimHost host, HostStage stage, String reason) {
        if (stage == HostStage.FAILED) {
            host.failureReported = true;
        } else {
            host.furthestReported = Math.max(host.furthestReported, HostStageTransitions.MAIN_PATH.indexOf(stage));
        }
        schedule(now.plus(config.timings().delivery().sample(interleaving)), Kind.REPORT, host.name, host.attempt, stage, reason);
        if (interleaving.nextDouble() < config.duplicateRate()) {
            duplicates++;
            schedule(now.plus(config.timings().delivery().sample(interleaving)), Kind.REPORT, host.name, host.attempt, stage, reason);
        }
    }

    /**
     * Applies a report to the record. Only a host finishing (verified or failed) can change what the planner
     * decides — intermediate stages keep a host in flight — so only those make the coordinator plan again.
     */
    private boolean deliver(Event e) {
        TransitionResult result = record.advanceHost(e.host(), e.stage(), e.attempt(), e.reason(), now);
        if (result.rejected()) {
            throw violation("a report was rejected: " + result.reason());
        }
        if (result.outcome().noOp()) {
            noOps++;
        }
        record = result.record();
        listener.report(now, e.host(), e.stage() + (result.applied() ? "" : " (" + result.outcome().name().toLowerCase() + ")")
                + ": " + e.reason());
        return result.applied() && e.stage().finished();
    }

    // ---- the coordinator ----

    private void replan() {
        Plan plan = strategy.plan(snapshot(), spec, record, now);
        for (PlanAction action : plan.actions()) {
            TransitionResult result = record.apply(action, now);
            if (result.rejected()) {
                throw violation("the strategy proposed an illegal action: " + result.reason());
            }
            record = result.record();
            execute(action);
            listener.action(now, action);
        }
    }

    private void execute(PlanAction action) {
        if (action instanceof PlanAction.AdmitHost a) {
            admit(hosts.get(a.host()), a);
        } else if (action instanceof PlanAction.ResumeForSurge r) {
            SimHost host = hosts.get(r.host());
            if (!host.power.asleep() || host.phase.inPipeline()) {
                throw violation("surge resume of " + host.name + " which is " + host.power + " / " + host.phase);
            }
            surgeResumes++;
            host.phase = SimHost.Phase.SURGE_STARTING;
            host.power = PowerState.STARTING;
            after(config.timings().surgeResume().sample(host.random), Kind.SURGE_READY, host);
        } else if (action instanceof PlanAction.ReturnToSleep r) {
            SimHost host = hosts.get(r.host());
            if (host.phase == SimHost.Phase.SURGE_STARTING) {
                host.phase = SimHost.Phase.IDLE;
            }
            host.power = r.powerState();
            host.status = SessionHostStatus.SHUTDOWN;
        }
    }

    private void admit(SimHost host, PlanAction.AdmitHost a) {
        if (host.phase.inPipeline()) {
            throw violation(host.name + " admitted while the services still have it in " + host.phase);
        }
        host.phase = SimHost.Phase.DRAINING;
        host.attempt = a.attempt();
        host.drains++;
        host.returnPowerState = a.returnPowerState();
        host.admittedAt = now;
        SimHost.DrainSample drain = sampleDrain(host);
        if (!strategy.createsBeforeDeleting()) {
            startDrain(host, drain);
            return;
        }
        // surge first: same samples in the same order as drain first, so each host's durations are identical
        host.pendingDrain = drain;
        host.phase = SimHost.Phase.PROVISIONING;
        addReplacement();
        after(config.timings().provision().sample(host.random), Kind.PROVISIONED, host);
    }

    private SimHost.DrainSample sampleDrain(SimHost host) {
        if (host.sessions == 0) {
            return new SimHost.DrainSample(config.timings().emptyDrain().sample(host.random), List.of());
        }
        double mean = Math.max(1, spec.drain().gracePeriod().toMillis() * config.timings().meanLogoffFractionOfGrace());
        List<Duration> logoffs = new ArrayList<>(host.sessions);
        for (int i = 0; i < host.sessions; i++) {
            logoffs.add(Duration.ofMillis((long) (-Math.log(1 - host.random.nextDouble()) * mean)));
        }
        return new SimHost.DrainSample(null, logoffs);
    }

    private void startDrain(SimHost host, SimHost.DrainSample drain) {
        host.phase = SimHost.Phase.DRAINING;
        host.allowNewSession = false;
        host.drainStartedAt = now;
        if (host.sessions == 0) {
            after(drain.emptyDrain() != null ? drain.emptyDrain() : Duration.ZERO, Kind.EMPTY_DRAINED, host);
            return;
        }
        Duration grace = spec.drain().gracePeriod();
        for (Duration offset : drain.logoffs()) {
            if (offset.compareTo(grace) < 0) {
                after(offset, Kind.LOGOFF, host);
            }
        }
        after(grace, Kind.DRAIN_DEADLINE, host);
    }

    // ---- invariants ----

    private void check() {
        int serving = servingNow();
        long slots = (long) serving * config.maxSessionLimit();
        lowestServing = Math.min(lowestServing, serving);
        lowestSlots = Math.min(lowestSlots, slots);
        if (floorHeldAtStart && !spec.capacityFloor().heldBy(serving, config.maxSessionLimit())) {
            throw violation("capacity floor broken: " + serving + " serving hosts / " + slots + " slots < floor "
                    + spec.capacityFloor());
        }
        if (record.inFlightCount() > window) {
            throw violation("window exceeded: record has " + record.inFlightCount() + " in flight > " + window);
        }
        long inPipeline = hosts.values().stream().filter(h -> h.phase.inPipeline()).count();
        if (inPipeline > window) {
            throw violation("window exceeded: services have " + inPipeline + " hosts out > " + window);
        }
        for (HostProgress progress : record.hosts().values()) {
            checkHost(hosts.get(progress.host()), progress.stage());
        }
        if (listener != SimulationListener.NONE) {
            listener.step(now, status(serving, slots));
        }
    }

    private void checkHost(SimHost host, HostStage stage) {
        if (host.drains > 1) {
            throw violation(host.name + " was drained " + host.drains + " times in one rollout");
        }
        if (host.phase.inPipeline() && !stage.inFlight()) {
            throw violation(host.name + " is in the services' " + host.phase + " but the record says " + stage);
        }
        if (stage.inFlight() && !(host.phase.inPipeline() || host.phase == SimHost.Phase.DONE || host.phase == SimHost.Phase.FAILED)) {
            throw violation(host.name + " is " + stage + " in the record but " + host.phase + " in the services");
        }
        if (stage == HostStage.VERIFIED && (host.phase.inPipeline() || host.phase == SimHost.Phase.FAILED)) {
            throw violation(host.name + " is VERIFIED in the record but " + host.phase + " in the services");
        }
        if (stage == HostStage.FAILED && host.phase != SimHost.Phase.FAILED) {
            throw violation(host.name + " is FAILED in the record but " + host.phase + " in the services");
        }
        int index = HostStageTransitions.MAIN_PATH.indexOf(stage);
        if (index > 1 && index > host.furthestReported) {
            throw violation(host.name + " is " + stage + " in the record, ahead of anything reported");
        }
    }

    private void checkEnd() {
        RolloutState state = record.state();
        if (state == RolloutState.PAUSED) {
            if (record.stateReason() == null || record.stateReason().isBlank()) {
                throw violation("paused without a reason");
            }
            if (record.inFlightCount() > 0) {
                throw violation("ended paused with " + record.inFlightCount() + " hosts still in flight");
            }
        } else if (state == RolloutState.COMPLETED) {
            for (HostProgress p : record.hosts().values()) {
                if (!p.stage().finished()) {
                    throw violation("completed with " + p.host() + " still " + p.stage());
                }
            }
        } else {
            throw violation("ended " + state + " (" + record.count(HostStage.PENDING) + " pending, "
                    + record.inFlightCount() + " in flight): " + record.stateReason());
        }
        for (SimHost host : hosts.values()) {
            HostStage stage = record.hosts().get(host.name).stage();
            if (stage == HostStage.VERIFIED && !spec.targetImageVersion().equals(host.image)) {
                throw violation(host.name + " verified but on image " + host.image);
            }
            if (stage == HostStage.VERIFIED && host.returnPowerState != null && !record.surgeHosts().containsKey(host.name)
                    && host.power != host.returnPowerState) {
                throw violation("DR host " + host.name + " was not returned to " + host.returnPowerState + " (is " + host.power + ")");
            }
        }
    }

    private InvariantViolation violation(String what) {
        return new InvariantViolation("seed " + config.seed() + ", " + hosts.size() + " hosts, strategy "
                + strategy.name() + ", at +" + format(Duration.between(config.start(), now)) + " (step " + steps + "): " + what);
    }

    // ---- helpers ----

    private HostPoolSnapshot snapshot() {
        List<SessionHost> visible = new ArrayList<>(hosts.size());
        for (SimHost host : hosts.values()) {
            if (host.present) {
                visible.add(host.snapshot());
            }
        }
        return new HostPoolSnapshot("sim-pool", config.maxSessionLimit(), visible);
    }

    /** Hosts taking sessions, counting a surge-first replacement already in service beside its old host. */
    private int servingNow() {
        int serving = 0;
        for (SimHost host : hosts.values()) {
            serving += (host.serving() ? 1 : 0) + (host.replacementServing ? 1 : 0);
        }
        return serving;
    }

    private Status status(int serving, long slots) {
        int pending = 0, inFlight = 0, verified = 0, failed = 0, skipped = 0;
        for (HostProgress p : record.hosts().values()) {
            switch (p.stage()) {
                case PENDING -> pending++;
                case VERIFIED -> verified++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
                default -> inFlight++;
            }
        }
        return new Status(pending, inFlight, verified, failed, skipped, serving, slots, record.state());
    }

    private void after(Duration delay, Kind kind, SimHost host) {
        schedule(now.plus(delay), kind, host.name, host.attempt, null, null);
    }

    private void schedule(Instant at, Kind kind, String host, int attempt, HostStage stage, String reason) {
        queue.add(new Event(at, interleaving.nextLong(), kind, host, attempt, stage, reason));
    }

    private SimulationResult result() {
        // a paused rollout still lets its hosts in flight finish: the makespan runs until the last one did
        Instant end = record.stateChangedAt();
        Duration longest = Duration.ZERO;
        Duration total = Duration.ZERO;
        for (SimHost host : hosts.values()) {
            longest = host.work.compareTo(longest) > 0 ? host.work : longest;
            total = total.plus(host.work);
            if (host.admittedAt != null && host.admittedAt.plus(host.work).isAfter(end)) {
                end = host.admittedAt.plus(host.work);
            }
        }
        Duration perWindow = total.dividedBy(window);
        Duration lowerBound = longest.compareTo(perWindow) > 0 ? longest : perWindow;
        return new SimulationResult(strategy.name(), config.seed(), window, Duration.between(config.start(), end), lowerBound,
                forced, voluntary, Duration.ofMillis(userMillisDisrupted), lowestServing, lowestSlots, peakExtraVms,
                Duration.ofMillis(extraVmMillis), steps, duplicates, noOps, surgeResumes, floorHeldAtStart, record);
    }

    static String format(Duration d) {
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
