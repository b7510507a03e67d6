package io.avdroll.coordinator;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.bus.EventPublisher;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.RequestedDrainPolicy;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.PlanAction;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.TransitionResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Carries out a plan's actions, in order, and applies each one to the record once it is done. A drain request
 * carries the rollout's whole drain policy (grace period, reminders, texts) and the request's bake time, which
 * travels on to the verifier. Every effect is safe
 * to repeat: a drain request has a deterministic MessageId (a resend is dropped by duplicate detection), and a VM is
 * only started or put to sleep after checking its power state (as observed at the start of this handling; a replay
 * after a crash observes afresh). A retryable Azure failure stops the run; the actions
 * done before it stay in the returned record so they are saved and not repeated differently.
 */
public final class PlanExecutor {

    private static final Logger LOG = Logger.getLogger(PlanExecutor.class);

    private final EventPublisher publisher;
    private final VirtualMachines virtualMachines;
    private final SessionHosts sessionHosts;

    public PlanExecutor(EventPublisher publisher, VirtualMachines virtualMachines, SessionHosts sessionHosts) {
        this.publisher = publisher;
        this.virtualMachines = virtualMachines;
        this.sessionHosts = sessionHosts;
    }

    public ExecutionResult execute(Plan plan, RolloutTarget target, RolloutSpec spec, RolloutRecord record,
                                   PoolObservation observed, Instant now) {
        RolloutRecord current = record;
        List<String> history = new ArrayList<>();
        for (PlanAction action : plan.actions()) {
            try {
                if (!perform(action, target, spec, current, observed, now)) {
                    continue;
                }
            } catch (AzureFailure failure) {
                if (failure.retryable()) {
                    LOG.warnf("%s: %s interrupted by %s; done so far is kept", target.hostPool(), action.reason(),
                            failure.getMessage());
                    return new ExecutionResult(current, history, Optional.of(failure));
                }
                LOG.errorf("%s: %s failed: %s", target.hostPool(), action.reason(), failure.getMessage());
                history.add("could not " + action.reason() + ": " + failure.getMessage());
                continue;
            }
            TransitionResult applied = current.apply(action, now);
            if (applied.rejected()) {
                LOG.warnf("%s: record refused %s: %s", target.hostPool(), action.reason(), applied.reason());
            } else {
                current = applied.record();
            }
            LOG.infof("%s rollout %s: %s", target.hostPool(), record.rolloutId(), action.reason());
            if (action instanceof PlanAction.PauseRollout || action instanceof PlanAction.CompleteRollout) {
                history.add(action instanceof PlanAction.PauseRollout ? "paused: " + action.reason() : "completed: " + action.reason());
            }
        }
        return new ExecutionResult(current, history, Optional.empty());
    }

    /** Does the action's side effect; false when it is not done yet and must not be recorded as done. */
    private boolean perform(PlanAction action, RolloutTarget target, RolloutSpec spec, RolloutRecord record,
                            PoolObservation observed, Instant now) {
        if (action instanceof PlanAction.AdmitHost admit) {
            publisher.publish(drainRequest(admit, target, spec, record, now));
            return true;
        } else if (action instanceof PlanAction.ResumeForSurge surge) {
            return resume(surge, target, record, observed);
        } else if (action instanceof PlanAction.ReturnToSleep sleep) {
            return putToSleep(sleep, target, observed);
        }
        return true; // SkipHost, PauseRollout, CompleteRollout: bookkeeping only
    }

    static DrainRequested drainRequest(PlanAction.AdmitHost admit, RolloutTarget target, RolloutSpec spec,
                                       RolloutRecord record, Instant now) {
        return new DrainRequested(record.rolloutId(), target.subscriptionId(), target.resourceGroup(), target.hostPool(),
                admit.host(), admit.attempt(), target.targetImageVersionId(), spec.drain().gracePeriod(),
                RequestedDrainPolicy.of(spec.drain()), target.bakeTime(), 0, now, now);
    }

    private boolean resume(PlanAction.ResumeForSurge surge, RolloutTarget target, RolloutRecord record,
                           PoolObservation observed) {
        Optional<VirtualMachineView> found = vmOf(surge.host(), target, observed);
        if (found.isEmpty()) {
            return false;
        }
        VirtualMachineView view = found.get();
        VmRef vm = view.ref();
        virtualMachines.updateTags(vm, view.tags(), Map.of(HostTags.ROLLOUT, record.rolloutId(),
                HostTags.POWER_BEFORE, surge.earlierPowerState().name().toLowerCase(Locale.ROOT)), Set.of());
        PowerState power = SnapshotMapping.powerState(view.powerState());
        if (power != PowerState.RUNNING && power != PowerState.STARTING) {
            virtualMachines.start(vm);
        }
        boolean allowing = observed.snapshot().host(surge.host()).map(SessionHost::allowNewSession).orElse(false);
        if (!allowing) {
            sessionHosts.setAllowNewSession(target.poolRef(), surge.host(), true);
        }
        return true;
    }

    /**
     * Drain mode first; the VM goes back to sleep only once no session is left on it (a later re-plan tries again),
     * so nobody is cut off by the surge ending.
     */
    private boolean putToSleep(PlanAction.ReturnToSleep sleep, RolloutTarget target, PoolObservation observed) {
        Optional<SessionHost> host = observed.snapshot().host(sleep.host());
        if (host.isPresent() && host.get().sessions() > 0) {
            if (host.get().allowNewSession()) {
                sessionHosts.setAllowNewSession(target.poolRef(), sleep.host(), false);
            }
            LOG.infof("%s: surge host %s keeps running until its %d session(s) end", target.hostPool(), sleep.host(),
                    host.get().sessions());
            return false;
        }
        Optional<VirtualMachineView> found = vmOf(sleep.host(), target, observed);
        if (found.isEmpty()) {
            return false;
        }
        VmRef vm = found.get().ref();
        PowerState power = SnapshotMapping.powerState(found.get().powerState());
        if (!power.asleep()) {
            if (sleep.powerState() == PowerState.HIBERNATED) {
                virtualMachines.hibernate(vm);
            } else {
                virtualMachines.deallocate(vm);
            }
        }
        virtualMachines.updateTags(vm, found.get().tags(), Map.of(), Set.of(HostTags.POWER_BEFORE));
        if (host.isPresent() && !host.get().allowNewSession()) {
            sessionHosts.setAllowNewSession(target.poolRef(), sleep.host(), true);
        }
        return true;
    }

    /** The host's VM as this handling observed it moments ago: its power state decides, no second read. */
    private static Optional<VirtualMachineView> vmOf(String host, RolloutTarget target, PoolObservation observed) {
        Optional<VirtualMachineView> vm = Optional.ofNullable(observed.vms().get(host));
        if (vm.isEmpty()) {
            LOG.warnf("%s: no VM found for session host %s; its power is left alone until it is seen again",
                    target.hostPool(), host);
        }
        return vm;
    }
}
