package io.avdroll.verify;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.bus.DeadLetterReasons;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventHandler;
import io.avdroll.bus.EventPublisher;
import io.avdroll.bus.Settlement;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostRedeployed;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Thin shell around {@link VerifyDecider}: reads the host from Azure, asks the decider, carries out its actions in
 * order and publishes what comes next. Never waits: a later look is a scheduled follow-up of the event to itself.
 * Throttled, transient and conflicting Azure calls are retried later (honouring Retry-After); any other Azure refusal
 * fails the host, which stays drained.
 */
public final class VerifyHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(VerifyHandler.class);

    private final SessionHostLookup sessionHosts;
    private final SessionHosts sessionHostsPort;
    private final VirtualMachines virtualMachines;
    private final EventPublisher publisher;
    private final VerifyPolicy policy;
    private final VerifyDecider decider = new VerifyDecider();
    private final Clock clock;

    public VerifyHandler(SessionHosts sessionHosts, VirtualMachines virtualMachines, EventPublisher publisher,
                         VerifyPolicy policy, Clock clock) {
        this.sessionHosts = new SessionHostLookup(sessionHosts);
        this.sessionHostsPort = sessionHosts;
        this.virtualMachines = virtualMachines;
        this.publisher = publisher;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Settlement handle(Delivery delivery) {
        if (!(delivery.event() instanceof HostRedeployed event)) {
            return Settlement.deadLetter(DeadLetterReasons.UNEXPECTED_MESSAGE,
                    "type: verifier-service handles host-redeployed only, got " + delivery.event().type());
        }
        HostPoolRef pool;
        try {
            pool = new HostPoolRef(event.resourceGroup(), event.hostPool());
        } catch (IllegalArgumentException e) {
            return Settlement.deadLetter(DeadLetterReasons.INVALID_EVENT, e.getMessage());
        }
        Instant now = clock.instant();
        try {
            Optional<SessionHostView> sessionHost = sessionHosts.find(pool, event.host());
            VmLocation location = VmLocator.locate(event, sessionHost);
            Optional<VirtualMachineView> vm = virtualMachines.find(location.ref());
            HostObservation seen = new HostObservation(sessionHost, location, vm);
            VerifyDecision decision = decider.decide(event, seen, policy, now);
            LOG.infof("%s: %s", delivery.messageId(), decision.reason());
            carryOut(decision, pool, seen);
            return Settlement.complete();
        } catch (AzureFailure failure) {
            if (failure.retryable()) {
                Duration delay = failure.retryAfter().filter(d -> !d.isZero() && !d.isNegative()).orElse(policy.retryDelay());
                LOG.infof("%s: Azure asks to wait (%s); looking again in %s", delivery.messageId(), failure.getMessage(), delay);
                return Settlement.retryLater(delay, failure.getMessage());
            }
            String reason = "verification of " + event.hostPool() + "/" + event.host() + " stopped: Azure refused to "
                    + failure.operation() + " (" + failure.kind() + ")";
            LOG.warnf("%s: %s; the host stays drained", delivery.messageId(), reason);
            publisher.publish(new HostFailed(event.rolloutId(), event.subscriptionId(), event.resourceGroup(),
                    event.hostPool(), event.host(), event.attempt(), FailedStage.VERIFY, blankToNull(failure.code()),
                    blankToNull(failure.azureMessage()), reason, now, event.stageTimesSoFar()));
            return Settlement.complete();
        }
    }

    /**
     * What follows is published without a trace of its own: the service's bus carries the span handling this
     * message on, so the verifier's checks and its verdict are children of its own span in the host's trace.
     */
    private void carryOut(VerifyDecision decision, HostPoolRef pool, HostObservation seen) {
        VmTags tags = new VmTags(seen.vm().map(VirtualMachineView::tags).orElse(null));
        if (decision instanceof VerifyDecision.CheckAgain again) {
            again.actions().forEach(action -> execute(action, pool, seen, tags));
            publisher.publishAt(again.followUp(), again.at());
        } else if (decision instanceof VerifyDecision.Fail fail) {
            fail.actions().forEach(action -> execute(action, pool, seen, tags));
            publisher.publish(fail.failed());
        } else if (decision instanceof VerifyDecision.ReturnToService back) {
            back.actions().forEach(action -> execute(action, pool, seen, tags));
            publisher.publish(back.verified());
        }
    }

    /**
     * The VM's tags as this handling read them and then wrote them: a tag update starts from them instead of reading
     * the VM again (a VM PATCH replaces all tags; a DR host is tagged twice, around its return to sleep).
     */
    private static final class VmTags {
        private Map<String, String> current;

        VmTags(Map<String, String> read) {
            this.current = read;
        }
    }

    private void execute(VerifyAction action, HostPoolRef pool, HostObservation seen, VmTags tags) {
        LOG.infof("%s/%s: %s (%s)", pool.name(), seen.vmLocation().ref().name(), action.getClass().getSimpleName(), action.reason());
        if (action instanceof VerifyAction.AllowNewSessions) {
            sessionHostsPort.setAllowNewSession(pool, seen.sessionHost().orElseThrow().name(), true);
        } else if (action instanceof VerifyAction.KeepDrained) {
            sessionHostsPort.setAllowNewSession(pool, seen.sessionHost().orElseThrow().name(), false);
        } else if (action instanceof VerifyAction.UpdateTags update) {
            tags.current = tags.current == null
                    ? virtualMachines.updateTags(seen.vmLocation().ref(), update.put(), update.remove())
                    : virtualMachines.updateTags(seen.vmLocation().ref(), tags.current, update.put(), update.remove());
        } else if (action instanceof VerifyAction.Hibernate) {
            virtualMachines.hibernate(seen.vmLocation().ref());
        } else if (action instanceof VerifyAction.Deallocate) {
            virtualMachines.deallocate(seen.vmLocation().ref());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
