package io.avdroll.coordinator;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.desktop.HostPoolView;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.azure.gallery.ImageVersion;
import io.avdroll.bus.DeadLetterReasons;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventPublisher;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.SessionEventHandler;
import io.avdroll.bus.SessionState;
import io.avdroll.bus.Settlement;
import io.avdroll.events.ControlAction;
import io.avdroll.events.Event;
import io.avdroll.events.EventType;
import io.avdroll.events.HostEvent;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostVerified;
import io.avdroll.events.RolloutControl;
import io.avdroll.events.UpdateRequested;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.PowerState;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.RolloutPlanner;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.RolloutState;
import io.avdroll.rollout.SpecViolation;
import io.avdroll.rollout.TransitionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The coordinator: one handler for everything that reaches the session-enabled {@code coordinator} queue, one pool
 * (session) at a time. A thin shell around the pure planner: load the pool's state from the session, apply the
 * event to the record, read the pool from Azure, plan, execute, schedule the next look, and save. The state is
 * written only after the actions ran; since every action is idempotent, a crash in between replays harmlessly.
 * A verdict with more of the pool's messages already received behind it is saved without the re-plan, which the
 * last of them makes ({@link CoordinatorState#replanOwed()}): a burst of verdicts costs one look at the pool.
 */
public final class Coordinator implements SessionEventHandler {

    public static final String UNKNOWN_HOST_POOL = "UnknownHostPool";
    public static final String UNKNOWN_IMAGE_VERSION = "UnknownImageVersion";
    public static final String INVALID_ROLLOUT_SPEC = "InvalidRolloutSpec";
    static final String TICK_REQUESTER = "coordinator";

    private static final Logger LOG = Logger.getLogger(Coordinator.class);

    private final StateCodec codec;
    private final PoolSpecs specs;
    private final PoolObserver observer;
    private final ImageGallery gallery;
    private final PlanExecutor executor;
    private final EventPublisher publisher;
    private final TickPolicy ticks;
    private final CoordinatorSettings settings;
    private final Clock clock;
    private final KnownRollouts known;
    private final HandledMessages handled;
    private final Map<String, Saved> saved = new ConcurrentHashMap<>();

    public Coordinator(StateCodec codec, PoolSpecs specs, PoolObserver observer, ImageGallery gallery,
                       PlanExecutor executor, EventPublisher publisher, CoordinatorSettings settings, Clock clock,
                       KnownRollouts known, HandledMessages handled) {
        this.codec = codec;
        this.specs = specs;
        this.observer = observer;
        this.gallery = gallery;
        this.executor = executor;
        this.publisher = publisher;
        this.ticks = new TickPolicy(settings.replanInterval());
        this.settings = settings;
        this.clock = clock;
        this.known = known;
        this.handled = handled;
    }

    /** What handling one message came to: the state to save (null: unchanged), the settlement, and a summary. */
    private record Outcome(CoordinatorState state, Settlement settlement, String summary) {
        static Outcome unchanged(String summary) {
            return new Outcome(null, Settlement.complete(), summary);
        }
    }

    @Override
    public Settlement handle(Delivery delivery, SessionState session) {
        CoordinatorState state = load(session);
        known.remember(session.sessionId(), state);
        Instant now = clock.instant();
        Event event = delivery.event();
        boolean moreReceived = session.moreReceived();
        Outcome outcome;
        try {
            outcome = dispatch(event, state, now, moreReceived);
            outcome = payOwedReplan(outcome, state, now, moreReceived);
        } catch (AzureFailure failure) {
            if (!failure.retryable()) {
                throw failure; // abandoned: redelivered, and dead-lettered by the broker past max delivery count
            }
            Duration delay = failure.retryAfter().orElse(settings.retryDelay());
            outcome = new Outcome(null, Settlement.retryLater(delay, failure.getMessage()),
                    "retry in " + delay + ": " + failure.getMessage());
        }
        if (outcome.state() != null) {
            byte[] bytes = codec.write(outcome.state());
            session.set(bytes);
            saved.put(session.sessionId(), new Saved(bytes, outcome.state()));
            known.remember(session.sessionId(), outcome.state());
        }
        handled.add(new HandledMessages.Handled(delivery.messageId(), session.sessionId(), outcome.summary(), now));
        LOG.infof("%s %s: %s", event.type(), delivery.messageId(), outcome.summary());
        return outcome.settlement();
    }

    /**
     * The pool's state from its session; decoding a large pool's record costs more than its look at Azure, so the
     * state this instance saved last is reused while the session still holds exactly those bytes.
     */
    private CoordinatorState load(SessionState session) {
        Optional<byte[]> bytes = session.get();
        if (bytes.isEmpty()) {
            return CoordinatorState.empty();
        }
        Saved last = saved.get(session.sessionId());
        if (last != null && Arrays.equals(last.bytes(), bytes.get())) {
            return last.state();
        }
        return codec.read(bytes.get());
    }

    private record Saved(byte[] bytes, CoordinatorState state) {
    }

    private Outcome dispatch(Event event, CoordinatorState state, Instant now, boolean moreReceived) {
        if (event instanceof UpdateRequested request) {
            return onUpdateRequested(request, state, now);
        } else if (event instanceof HostVerified verified) {
            return onHostEvent(verified, HostStage.VERIFIED, "verified on " + verified.imageVersionId(), state, now,
                    moreReceived);
        } else if (event instanceof HostFailed failed) {
            return onHostEvent(failed, HostStage.FAILED, failureText(failed), state, now, moreReceived);
        } else if (event instanceof RolloutControl control) {
            return onControl(control, state, now);
        }
        return new Outcome(null, Settlement.deadLetter(DeadLetterReasons.UNEXPECTED_MESSAGE,
                "type: the coordinator handles update-requested, host-verified, host-failed and rollout-control, not "
                        + event.type()), "unexpected " + event.type());
    }

    // ---- update-requested ----

    private Outcome onUpdateRequested(UpdateRequested request, CoordinatorState state, Instant now) {
        RolloutTarget target = RolloutTarget.of(request);
        if (!request.subscriptionId().equalsIgnoreCase(settings.subscriptionId())) {
            return deadLetter(UNKNOWN_HOST_POOL, "subscriptionId: this coordinator manages host pools of subscription "
                    + settings.subscriptionId() + ", not " + request.subscriptionId());
        }
        if (state.record() != null && state.record().rolloutId().equals(request.rolloutId())) {
            return Outcome.unchanged("duplicate update-requested: rollout " + request.rolloutId() + " is already "
                    + state.record().state());
        }
        if (state.rolloutActive()) {
            RolloutRecord running = state.record();
            String text = "refused update-requested " + request.rolloutId() + " from " + request.requestedBy() + " to "
                    + request.targetImageVersionId() + ": rollout " + running.rolloutId() + " is " + running.state()
                    + " on this pool (cancel it first)";
            LOG.warnf("%s: %s", request.hostPool(), text);
            return new Outcome(state.withHistory(List.of(new HistoryEntry(now, request.rolloutId(), text)),
                    settings.historyLimit()), Settlement.complete(), text);
        }
        HostPoolView pool;
        try {
            pool = observer.pool(target.poolRef());
        } catch (AzureFailure failure) {
            if (failure.kind() == AzureFailureKind.NOT_FOUND) {
                return deadLetter(UNKNOWN_HOST_POOL, "hostPool: no host pool '" + request.hostPool()
                        + "' in resource group '" + request.resourceGroup() + "' of subscription "
                        + request.subscriptionId() + " (" + failure.getMessage() + ")");
            }
            throw failure;
        }
        Optional<String> imageProblem = imageProblem(request.targetImageVersionId());
        if (imageProblem.isPresent()) {
            return deadLetter(UNKNOWN_IMAGE_VERSION, "targetImageVersionId: " + imageProblem.get());
        }
        PoolObservation observed = observer.observe(pool, target.poolRef(), request.targetImageVersionId());
        RolloutSpec spec = specs.forRequest(request.hostPool(), request.targetImageVersionId(), request.overrides());
        List<SpecViolation> violations = spec.validate(observed.snapshot().size());
        if (!violations.isEmpty()) {
            return deadLetter(INVALID_ROLLOUT_SPEC, violations.stream().map(SpecViolation::toString)
                    .collect(Collectors.joining("; ")) + " (pool " + request.hostPool() + " has "
                    + observed.snapshot().size() + " session hosts; spec = pool configuration + request overrides)");
        }
        RolloutRecord record = RolloutRecord.start(request.rolloutId(), observed.snapshot(),
                request.targetImageVersionId(), now);
        List<HistoryEntry> lines = new ArrayList<>();
        lines.add(new HistoryEntry(now, request.rolloutId(), "started for " + request.requestedBy() + ": "
                + observed.snapshot().size() + " host(s) to " + request.targetImageVersionId() + "; maxUnavailable "
                + spec.maxUnavailable() + ", canary " + spec.canary().size() + ", failure budget " + spec.failureBudget()
                + ", floor " + spec.capacityFloor().minAvailableHosts() + " host(s), grace " + spec.drain().gracePeriod()
                + (spec.maintenanceWindow() == null ? "" : ", window " + spec.maintenanceWindow())));
        if (request.overrides().bakeTime() != null) {
            lines.add(new HistoryEntry(now, request.rolloutId(), "overrides.bakeTime " + request.overrides().bakeTime()
                    + " travels with every drain request to the verifier"));
        }
        CoordinatorState started = state.withRollout(target, spec, record).withHistory(lines, settings.historyLimit());
        return replan(started, observed, now, "started rollout " + request.rolloutId());
    }

    private Optional<String> imageProblem(String imageVersionId) {
        Optional<ArmResourceIds.GalleryVersion> parsed = ArmResourceIds.galleryVersionOf(imageVersionId);
        Optional<String> subscription = ArmResourceIds.subscriptionOf(imageVersionId);
        if (parsed.isEmpty() || subscription.isEmpty() || !subscription.get().equalsIgnoreCase(settings.subscriptionId())) {
            return Optional.empty(); // a gallery in another subscription: the provisioner will find out
        }
        List<ImageVersion> versions;
        try {
            versions = gallery.listVersions(parsed.get().image());
        } catch (AzureFailure failure) {
            if (failure.kind() == AzureFailureKind.NOT_FOUND) {
                return Optional.of("no gallery image " + parsed.get().image() + " (" + failure.getMessage() + ")");
            }
            throw failure;
        }
        Optional<ImageVersion> version = versions.stream()
                .filter(v -> v.name().equalsIgnoreCase(parsed.get().version())).findFirst();
        if (version.isEmpty()) {
            return Optional.of("gallery image " + parsed.get().image() + " has no version " + parsed.get().version()
                    + " (it has " + versions.stream().map(ImageVersion::name).toList() + ")");
        }
        String provisioning = version.get().provisioningState();
        if (provisioning != null && !provisioning.equalsIgnoreCase("Succeeded")) {
            return Optional.of("image version " + parsed.get().version() + " is not ready (provisioningState "
                    + provisioning + ")");
        }
        return Optional.empty();
    }

    // ---- host-verified / host-failed ----

    /**
     * With more of the pool's messages already received, the re-plan (a full look at the pool) is left to the last of
     * them: under a burst of verdicts the pool is looked at once, not once per verdict.
     */
    private Outcome onHostEvent(HostEvent event, HostStage to, String reason, CoordinatorState state, Instant now,
                                boolean moreReceived) {
        RolloutRecord record = state.record();
        if (record == null || !record.rolloutId().equals(event.rolloutId())) {
            return Outcome.unchanged("ignored: " + event.type() + " of rollout " + event.rolloutId()
                    + ", the pool's rollout is " + (record == null ? "none" : record.rolloutId()));
        }
        TransitionResult result = record.advanceHost(event.host(), to, event.attempt(), reason, VerdictJourney.of(event), now);
        if (result.rejected()) {
            result = adoptLostAdmission(record, event, to, reason, now).orElse(result);
        }
        if (result.outcome().noOp()) {
            return Outcome.unchanged(result.outcome().name().toLowerCase(Locale.ROOT) + ", nothing changed: " + result.reason());
        }
        if (result.rejected()) {
            String text = "rejected " + event.type() + " for " + event.host() + ": " + result.reason();
            LOG.warnf("%s: %s", event.hostPool(), text);
            return new Outcome(state.withHistory(List.of(new HistoryEntry(now, record.rolloutId(), text)),
                    settings.historyLimit()), Settlement.complete(), text);
        }
        List<HistoryEntry> lines = to == HostStage.FAILED
                ? List.of(new HistoryEntry(now, record.rolloutId(), event.host() + " failed (attempt " + event.attempt()
                + "): " + reason))
                : List.of();
        CoordinatorState advanced = state.withRecord(result.record()).withHistory(lines, settings.historyLimit());
        if (moreReceived) {
            return new Outcome(advanced.withReplanOwed(true), Settlement.complete(),
                    result.reason() + " (re-plan left to the pool's next message, already received)");
        }
        return replan(advanced, null, now, result.reason());
    }

    /** A message that did not re-plan, handled after one that left its re-plan owed, pays it once none is behind it. */
    private Outcome payOwedReplan(Outcome outcome, CoordinatorState before, Instant now, boolean moreReceived) {
        CoordinatorState after = outcome.state() != null ? outcome.state() : before;
        if (!after.replanOwed() || moreReceived || outcome.settlement() != Settlement.complete()
                || after.record() == null) {
            return outcome;
        }
        Outcome replanned = replan(after, null, now, outcome.summary() + "; owed re-plan");
        return new Outcome(replanned.state(), outcome.settlement(), replanned.summary());
    }

    /**
     * An event for the next attempt of a host the record still has PENDING means the coordinator admitted it and
     * crashed before saving: take the admission as done, then apply the event.
     */
    private static Optional<TransitionResult> adoptLostAdmission(RolloutRecord record, HostEvent event, HostStage to,
                                                                 String reason, Instant now) {
        Optional<HostProgress> progress = record.host(event.host());
        if (progress.isEmpty() || progress.get().stage() != HostStage.PENDING
                || event.attempt() != progress.get().attempt() + 1 || record.state() != RolloutState.RUNNING) {
            return Optional.empty();
        }
        TransitionResult admitted = record.admit(event.host(), null, "admission adopted: " + event.type()
                + " of attempt " + event.attempt() + " arrived for a host the saved record had pending", now);
        if (!admitted.applied()) {
            return Optional.empty();
        }
        TransitionResult advanced = admitted.record().advanceHost(event.host(), to, event.attempt(), reason,
                VerdictJourney.of(event), now);
        return advanced.applied() ? Optional.of(advanced) : Optional.empty();
    }

    private static String failureText(HostFailed failed) {
        String azure = failed.errorCode() == null ? "" : " [" + failed.errorCode()
                + (failed.errorMessage() == null ? "" : ": " + failed.errorMessage()) + "]";
        return "failed in " + failed.stage().wireName() + ": " + failed.reason() + azure;
    }

    // ---- rollout-control ----

    private Outcome onControl(RolloutControl control, CoordinatorState state, Instant now) {
        RolloutRecord record = state.record();
        if (record == null || !record.rolloutId().equals(control.rolloutId())) {
            return Outcome.unchanged("ignored: " + control.action().wireName() + " for rollout " + control.rolloutId()
                    + ", the pool's rollout is " + (record == null ? "none" : record.rolloutId()));
        }
        if (control.action() == ControlAction.TICK) {
            PendingTick pending = state.tick();
            boolean expected = pending != null && pending.at().equals(control.requestedAt());
            return replan(expected ? state.withTick(null) : state, null, now, "tick (" + control.reason() + ")");
        }
        String who = control.action().wireName() + " by " + control.requestedBy() + ": " + control.reason();
        TransitionResult result = switch (control.action()) {
            case PAUSE -> record.pause("paused by " + control.requestedBy() + ": " + control.reason(), now);
            case RESUME -> record.resume(now);
            case CANCEL -> record.cancel("cancelled by " + control.requestedBy() + ": " + control.reason(), now);
            case RETRY -> retry(record, now);
            case TICK -> throw new IllegalStateException("handled above");
        };
        if (result.outcome().noOp()) {
            return Outcome.unchanged(who + ": nothing to do (" + result.reason() + ")");
        }
        if (result.rejected()) {
            String text = "refused " + who + " (" + result.reason() + ")";
            LOG.warnf("%s: %s", control.hostPool(), text);
            return new Outcome(state.withHistory(List.of(new HistoryEntry(now, record.rolloutId(), text)),
                    settings.historyLimit()), Settlement.complete(), text);
        }
        CoordinatorState changed = state.withRecord(result.record())
                .withHistory(List.of(new HistoryEntry(now, record.rolloutId(), who + " (" + result.reason() + ")")),
                        settings.historyLimit());
        return replan(changed, null, now, who);
    }

    /** Failed hosts back to PENDING (a new attempt each when admitted), then resume if paused. */
    private static TransitionResult retry(RolloutRecord record, Instant now) {
        TransitionResult retried = record.retryFailed(now);
        if (retried.rejected()) {
            return retried;
        }
        if (retried.record().state() != RolloutState.PAUSED) {
            return retried;
        }
        TransitionResult resumed = retried.record().resume(now);
        if (!resumed.applied()) {
            return retried;
        }
        return TransitionResult.applied(resumed.record(), retried.reason() + "; " + resumed.reason());
    }

    // ---- plan, execute, schedule the next look ----

    private Outcome replan(CoordinatorState state, PoolObservation observation, Instant now, String summary) {
        RolloutTarget target = state.target();
        PoolObservation observed = observation != null ? observation
                : observer.observe(target.poolRef(), target.targetImageVersionId());
        RolloutRecord record = adoptSurgeHosts(state.record(), observed, now);
        Plan plan = RolloutPlanner.plan(observed.snapshot(), state.spec(), record, now);
        ExecutionResult result = executor.execute(plan, target, state.spec(), record, observed, now);
        CoordinatorState next = state.withReplanOwed(false).withRecord(result.record()).withHistory(result.history().stream()
                .map(text -> new HistoryEntry(now, record.rolloutId(), text)).toList(), settings.historyLimit());
        Optional<Instant> soon = result.interruptedBy()
                .map(failure -> now.plus(failure.retryAfter().orElse(settings.retryDelay())));
        next = scheduleTick(next, now, soon);
        Plan.Capacity c = plan.capacity();
        String planned = plan.actions().isEmpty() ? String.join("; ", plan.explanations())
                : plan.actions().size() + " action(s)";
        return new Outcome(next, Settlement.complete(), summary + " -> " + next.record().state() + ", " + c.inFlight()
                + "/" + c.window() + " in flight, " + c.servingHosts() + " serving; " + planned
                + result.interruptedBy().map(f -> "; interrupted, re-plan at " + soon.orElseThrow()).orElse(""));
    }

    /**
     * A DR host this rollout woke for surge (tagged with it and its earlier power state) that the record does not
     * list was woken just before a crash lost the save: list it, so it is put back to sleep in time.
     */
    private static RolloutRecord adoptSurgeHosts(RolloutRecord record, PoolObservation observed, Instant now) {
        RolloutRecord current = record;
        for (Map.Entry<String, VirtualMachineView> vm : observed.vms().entrySet()) {
            Map<String, String> tags = vm.getValue().tags();
            String before = tags.get(HostTags.POWER_BEFORE);
            if (before == null || !record.rolloutId().equals(tags.get(HostTags.ROLLOUT))
                    || record.surgeHosts().containsKey(vm.getKey())) {
                continue;
            }
            Optional<HostProgress> progress = record.host(vm.getKey());
            if (progress.isPresent() && (progress.get().stage().inFlight() || progress.get().stage() == HostStage.VERIFIED)) {
                continue;
            }
            PowerState earlier;
            try {
                earlier = PowerState.valueOf(before.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            TransitionResult adopted = current.surgeResumed(vm.getKey(), earlier, now);
            if (adopted.applied()) {
                current = adopted.record();
            }
        }
        return current;
    }

    private CoordinatorState scheduleTick(CoordinatorState state, Instant now, Optional<Instant> soon) {
        RolloutRecord record = state.record();
        Optional<Instant> desired = ticks.next(record, state.spec(), now);
        if (soon.isPresent() && (desired.isEmpty() || soon.get().isBefore(desired.get()))) {
            desired = soon;
        }
        PendingTick pending = state.tick();
        boolean pendingLive = pending != null && pending.rolloutId().equals(record.rolloutId()) && pending.at().isAfter(now);
        if (desired.isEmpty()) {
            if (pendingLive) {
                cancel(pending);
            }
            return state.withTick(null);
        }
        if (pendingLive && !pending.at().isAfter(desired.get())) {
            return state;
        }
        RolloutTarget t = state.target();
        String why = record.inFlightCount() > 0 ? "re-plan while " + record.inFlightCount() + " host(s) in flight"
                : soon.isPresent() ? "re-plan after an interrupted execution" : "re-plan when the maintenance window opens";
        RolloutControl tick = new RolloutControl(record.rolloutId(), t.subscriptionId(), t.resourceGroup(), t.hostPool(),
                ControlAction.TICK, why, TICK_REQUESTER, desired.get());
        ScheduledEvent scheduled = publisher.publishAt(tick, desired.get());
        if (pendingLive) {
            cancel(pending);
        }
        return state.withTick(new PendingTick(record.rolloutId(), desired.get(), tick.messageId(), scheduled.sequenceNumber()));
    }

    /** Best effort: a stale tick that still arrives only causes a harmless re-plan. */
    private void cancel(PendingTick pending) {
        try {
            publisher.cancelScheduled(new ScheduledEvent(EventType.ROLLOUT_CONTROL, pending.messageId(), pending.sequenceNumber()));
        } catch (RuntimeException e) {
            LOG.debugf("could not cancel tick %s: %s", pending.messageId(), e.getMessage());
        }
    }

    private static Outcome deadLetter(String reason, String description) {
        return new Outcome(null, Settlement.deadLetter(reason, description), "dead-lettered " + reason + ": " + description);
    }
}
