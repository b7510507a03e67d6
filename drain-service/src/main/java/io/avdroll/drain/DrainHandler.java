package io.avdroll.drain;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.ResourceNames;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.desktop.UserSessionView;
import io.avdroll.azure.desktop.UserSessions;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventHandler;
import io.avdroll.bus.EventPublisher;
import io.avdroll.bus.Settlement;
import io.avdroll.drain.DrainAction.LogOff;
import io.avdroll.drain.DrainAction.RecordNotice;
import io.avdroll.drain.DrainAction.SendMessage;
import io.avdroll.drain.DrainAction.SetDrainMode;
import io.avdroll.drain.DrainAction.TagVm;
import io.avdroll.drain.DrainOutcome.CheckAgain;
import io.avdroll.drain.DrainOutcome.Drained;
import io.avdroll.drain.DrainOutcome.Failed;
import io.avdroll.drain.DrainOutcome.Ignore;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostDrained;
import io.avdroll.events.HostFailed;
import io.avdroll.events.StageTimes;
import io.avdroll.markers.HostTags;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Thin shell around {@link DrainDecider}: reads the host from Azure, asks the decider, executes its actions in order
 * and publishes what comes next. Never waits: a later look is a scheduled follow-up of the event to itself.
 */
public final class DrainHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(DrainHandler.class);

    private final SessionHosts sessionHosts;
    private final UserSessions userSessions;
    private final VirtualMachines virtualMachines;
    private final EventPublisher publisher;
    private final DrainSettings settings;
    private final DrainDecider decider;
    private final DrainCounters counters;
    private final Clock clock;

    public DrainHandler(SessionHosts sessionHosts, UserSessions userSessions, VirtualMachines virtualMachines,
                        EventPublisher publisher, DrainSettings settings, DrainCounters counters, Clock clock) {
        this.sessionHosts = sessionHosts;
        this.userSessions = userSessions;
        this.virtualMachines = virtualMachines;
        this.publisher = publisher;
        this.settings = settings;
        this.decider = new DrainDecider(settings.pollInterval(), settings.scalingExclusionTag());
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public Settlement handle(Delivery delivery) {
        if (!(delivery.event() instanceof DrainRequested event)) {
            return Settlement.deadLetter("UnexpectedEventType",
                    "drain-service handles drain-requested only, got " + delivery.event().type().wireName());
        }
        HostPoolRef pool;
        try {
            pool = new HostPoolRef(event.resourceGroup(), event.hostPool());
        } catch (IllegalArgumentException e) {
            return Settlement.deadLetter("InvalidHostPool", e.getMessage());
        }
        try {
            return drain(event, pool);
        } catch (AzureFailure failure) {
            if (failure.kind() != AzureFailureKind.NOT_FOUND) {
                return onFailure(event, failure);
            }
            // something vanished between reading the host and acting on it: the provisioner may have taken the
            // drained host over. Look at Azure once more and let the decider judge the new state.
            LOG.infof("%s/%s changed while being drained (%s); looking again", event.hostPool(), event.host(),
                    failure.getMessage());
            try {
                return drain(event, pool);
            } catch (AzureFailure again) {
                return onFailure(event, again);
            }
        }
    }

    private Settlement drain(DrainRequested event, HostPoolRef pool) {
        Located host = locate(pool, event.host());
        // read after the (possibly throttled and retried) reads, so a recorded drain start is not already in the past
        Instant now = clock.instant();
        DrainDecision decision = decider.decide(event, event.effectivePolicy(settings.defaults()), host.observation(), now);
        int forcedLogOffs = 0;
        for (DrainAction action : decision.actions()) {
            execute(event, pool, host.vm(), action);
            if (action instanceof LogOff) {
                forcedLogOffs++;
            }
        }
        // the count travels on in the follow-ups and host-drained, so the rollout report can say what was forced
        event = event.withForcedLogOffs(forcedLogOffs);
        String where = event.hostPool() + "/" + event.host() + " (rollout " + event.rolloutId() + ", attempt "
                + event.attempt() + ", check " + event.check() + ")";
        DrainOutcome outcome = decision.outcome();
        if (outcome instanceof Drained drained) {
            publisher.publish(HostDrained.of(event, now));
            LOG.infof("drained %s: %s", where, drained.reason());
        } else if (outcome instanceof CheckAgain again) {
            publisher.publishAt(event.nextCheck(now), again.at());
            LOG.debugf("draining %s: %s", where, again.reason());
        } else if (outcome instanceof Failed failed) {
            publisher.publish(new HostFailed(event.rolloutId(), event.subscriptionId(), event.resourceGroup(),
                    event.hostPool(), event.host(), event.attempt(), FailedStage.DRAIN, failed.errorCode(),
                    failed.errorMessage(), failed.reason(), now, failedTimes(event)));
            LOG.warnf("drain failed at %s: %s", where, failed.reason());
        } else if (outcome instanceof Ignore ignore) {
            LOG.infof("ignored drain-requested for %s: %s", where, ignore.reason());
        }
        return Settlement.complete();
    }

    private record Located(HostObservation observation, LocatedVm vm) {
    }

    /**
     * The host's VM as located: its id and, when it was read, its tags as they stand after this handling's own
     * updates, so tagging it needs no fresh read (a VM PATCH replaces all tags; the handling is the only writer).
     */
    private static final class LocatedVm {
        private final VmRef ref;
        private Map<String, String> tags;

        LocatedVm(VmRef ref, Optional<VirtualMachineView> view) {
            this.ref = ref;
            this.tags = view.map(VirtualMachineView::tags).orElse(null);
        }
    }

    private Located locate(HostPoolRef pool, String hostName) {
        Optional<SessionHostView> host = sessionHosts.find(pool, hostName);
        if (host.isEmpty()) {
            // not registered: the VM of the host's name in the pool's resource group tells a redeploy from a loss
            VmRef vm = new VmRef(pool.resourceGroup(), ResourceNames.vmName(hostName, null));
            Optional<VirtualMachineView> view = virtualMachines.find(vm);
            String why = "session host is no longer registered in host pool " + pool
                    + (view.isEmpty() ? " and virtual machine " + vm + " does not exist" : "");
            return new Located(HostObservation.unregistered(view.map(VirtualMachineView::tags).orElse(null), why),
                    new LocatedVm(vm, view));
        }
        VmRef vm = vmOf(host.get());
        if (vm == null) {
            return new Located(HostObservation.vmMissing(host.get().allowNewSession(), "session host has no virtual machine resource id"), null);
        }
        Optional<VirtualMachineView> view = virtualMachines.find(vm);
        if (view.isEmpty()) {
            return new Located(HostObservation.vmMissing(host.get().allowNewSession(), "virtual machine " + vm + " does not exist"),
                    new LocatedVm(vm, view));
        }
        List<ObservedSession> sessions = userSessions.list(pool, hostName).stream().map(DrainHandler::observed).toList();
        return new Located(HostObservation.present(host.get().allowNewSession(), view.get().tags(), sessions),
                new LocatedVm(vm, view));
    }

    private static ObservedSession observed(UserSessionView session) {
        String id = ResourceNames.userSessionId(session.id());
        return "Disconnected".equalsIgnoreCase(session.sessionState())
                ? ObservedSession.disconnected(id, session.userPrincipalName())
                : ObservedSession.active(id, session.userPrincipalName());
    }

    /** {@code /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/name}, else null. */
    static VmRef vmOf(SessionHostView host) {
        String id = host.resourceId();
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        if (parts.length != 9 || !parts[3].equalsIgnoreCase("resourceGroups") || !parts[7].equalsIgnoreCase("virtualMachines")) {
            return null;
        }
        return new VmRef(parts[4], parts[8]);
    }

    private void execute(DrainRequested event, HostPoolRef pool, LocatedVm vm, DrainAction action) {
        if (action instanceof TagVm tag) {
            tag(vm, tag.put(), tag.remove());
        } else if (action instanceof RecordNotice record) {
            Map<String, String> put = new LinkedHashMap<>();
            put.put(HostTags.DRAIN_NOTICES, String.valueOf(record.noticesSent()));
            if (record.firstNotice()) {
                // read now, after the messages went out: the grace period counts from what users have seen
                put.put(HostTags.DRAIN_FIRST_NOTICE, clock.instant().toString());
            }
            tag(vm, put, Set.of());
            LOG.debugf("%s/%s: %s", event.hostPool(), event.host(), record.reason());
        } else if (action instanceof SetDrainMode drainMode) {
            sessionHosts.setAllowNewSession(pool, event.host(), false);
            LOG.infof("drain mode on for %s/%s: %s", event.hostPool(), event.host(), drainMode.reason());
        } else if (action instanceof SendMessage message) {
            try {
                userSessions.sendMessage(pool, event.host(), message.sessionId(), message.title(), message.body());
                counters.messageSent();
            } catch (AzureFailure failure) {
                if (failure.kind() != AzureFailureKind.NOT_FOUND) {
                    throw failure;
                }
                LOG.debugf("session %s on %s ended before its message: %s", message.sessionId(), event.host(), message.reason());
            }
        } else if (action instanceof LogOff logOff) {
            userSessions.logOff(pool, event.host(), logOff.sessionId());
            counters.forcedLogOff(logOff.cause());
            LOG.infof("forced log-off of %s (session %s) on %s/%s, %s: %s", logOff.user(), logOff.sessionId(),
                    event.hostPool(), event.host(), logOff.cause(), logOff.reason());
        }
    }

    private void tag(LocatedVm vm, Map<String, String> put, Set<String> remove) {
        vm.tags = vm.tags == null
                ? virtualMachines.updateTags(vm.ref, put, remove)
                : virtualMachines.updateTags(vm.ref, vm.tags, put, remove);
    }

    private Settlement onFailure(DrainRequested event, AzureFailure failure) {
        if (failure.retryable()) {
            return Settlement.retryLater(failure.retryAfter().filter(d -> !d.isNegative() && !d.isZero())
                    .orElse(settings.retryDelay()), failure.getMessage());
        }
        String reason = failure.kind() == AzureFailureKind.NOT_FOUND
                ? "host vanished while being drained: " + failure.getMessage()
                : "Azure refused a drain step: " + failure.getMessage();
        publisher.publish(new HostFailed(event.rolloutId(), event.subscriptionId(), event.resourceGroup(),
                event.hostPool(), event.host(), event.attempt(), FailedStage.DRAIN, blankToNull(failure.code()),
                blankToNull(failure.azureMessage()), reason, clock.instant(), failedTimes(event)));
        LOG.warnf("drain failed at %s/%s (rollout %s): %s", event.hostPool(), event.host(), event.rolloutId(), reason);
        return Settlement.complete();
    }

    private static StageTimes failedTimes(DrainRequested event) {
        StageTimes known = StageTimes.orNone(event.stageTimes());
        return new StageTimes(event.stageStartedAt(), null, null, known.forcedLogOffs());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
