package io.avdroll.verify;

import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostRedeployed;
import io.avdroll.events.HostVerified;
import io.avdroll.markers.HostTags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, from one look at a redeployed host, what verifier-service does next. Pure: no Azure client, no clock.
 *
 * <p>The host has {@link VerifyPolicy#registrationTimeout()} from the redeploy ({@code stageStartedAt}) to register,
 * turn Available on the target image and pass its health checks. From the first healthy look it must stay healthy
 * for the bake time ({@code healthySince} in the follow-up records when that was); an unhealthy look restarts the
 * bake, and a bake can only (re)start before the timeout. Then the host is returned to service: new sessions
 * allowed (unless an administrator had drained it before the rollout), the scaling-plan exclusion tag removed,
 * {@code avdroll-stage=verified} set, a DR host put back to sleep, and {@code host-verified} published.
 * The recreated host registers accepting sessions (Azure's default): every look before that keeps it drained.
 * A wrong image or a vanished VM fails at once; anything else that is not healthy in time fails at the timeout.
 * A failed host is left exactly as it is: drained, excluded from scaling, never deleted.
 */
public final class VerifyDecider {

    static final String VERIFIED = "verified";

    public VerifyDecision decide(HostRedeployed event, HostObservation seen, VerifyPolicy policy, Instant now) {
        String host = event.hostPool() + "/" + event.host();
        Optional<VirtualMachineView> vm = seen.vm();
        if (vm.isEmpty()) {
            return vmMissing(event, seen, policy, now, host);
        }
        Map<String, String> tags = vm.get().tags();
        String owner = tags.get(HostTags.ROLLOUT);
        if (owner != null && !owner.equals(event.rolloutId())) {
            return new VerifyDecision.Ignore(host + " now belongs to rollout " + owner + ", not " + event.rolloutId()
                    + ": this event is stale");
        }
        Integer attempt = parseAttempt(tags.get(HostTags.ATTEMPT));
        if (attempt != null && attempt > event.attempt()) {
            return new VerifyDecision.Ignore(host + " is at attempt " + attempt + " of rollout " + event.rolloutId()
                    + ", this event is for attempt " + event.attempt());
        }
        if (VERIFIED.equalsIgnoreCase(tags.get(HostTags.STAGE))) {
            return alreadyVerified(event, vm.get(), now, host);
        }
        List<VerifyAction> keepDrained = keepDrained(seen);
        Optional<String> wrongImage = TargetImage.mismatch(vm.get(), event.targetImageVersionId());
        if (wrongImage.isPresent()) {
            return fail(keepDrained, event, now, host + " is not on the target image " + event.targetImageVersionId() + ": " + wrongImage.get());
        }
        Optional<String> problem = HostHealth.problem(seen.sessionHost(), vm.get(), event.hostPool());
        if (problem.isPresent()) {
            return notHealthy(keepDrained, event, policy, now, host, problem.get());
        }
        return healthy(keepDrained, event, seen.sessionHost().orElseThrow(), vm.get(), policy, now, host);
    }

    private VerifyDecision vmMissing(HostRedeployed event, HostObservation seen, VerifyPolicy policy, Instant now, String host) {
        if (seen.vmLocation().certain()) {
            return fail(keepDrained(seen), event, now, host + ": its VM " + seen.vmLocation().ref() + " is gone");
        }
        return notHealthy(keepDrained(seen), event, policy, now, host, "its VM was not found as " + seen.vmLocation().ref()
                + " and the host is not registered to say where it is");
    }

    /** A recreated host registers accepting sessions; until it is verified it must not take any. */
    private static List<VerifyAction> keepDrained(HostObservation seen) {
        return seen.sessionHost().filter(SessionHostView::allowNewSession)
                .<List<VerifyAction>>map(h -> List.of(new VerifyAction.KeepDrained(
                        "the new registration accepts sessions; it takes none until it is verified")))
                .orElse(List.of());
    }

    private VerifyDecision notHealthy(List<VerifyAction> actions, HostRedeployed event, VerifyPolicy policy, Instant now,
                                      String host, String problem) {
        Instant deadline = event.stageStartedAt().plus(policy.registrationTimeout());
        String interrupted = event.healthySince() == null ? ""
                : " (it had been healthy since " + event.healthySince() + "; the bake starts again)";
        if (!now.isBefore(deadline)) {
            return fail(actions, event, now, host + " was not healthy within " + policy.registrationTimeout()
                    + " of its redeploy at " + event.stageStartedAt() + ": " + problem
                    + (event.healthySince() == null ? "" : " (it was healthy from " + event.healthySince() + " but not for the whole bake)"));
        }
        Instant at = earliest(now.plus(policy.pollInterval()), deadline);
        return new VerifyDecision.CheckAgain(actions, event.nextCheck(now).withHealthySince(null), at,
                host + " is not healthy yet: " + problem + interrupted + "; looking again at " + at + ", giving up at " + deadline);
    }

    private VerifyDecision healthy(List<VerifyAction> keepDrained, HostRedeployed event, SessionHostView sessionHost,
                                   VirtualMachineView vm, VerifyPolicy policy, Instant now, String host) {
        Instant since = event.healthySince() != null ? event.healthySince() : now;
        Duration bake = event.bakeTime() != null ? event.bakeTime() : policy.defaultBakeTime();
        Instant bakeEnds = since.plus(bake);
        if (now.isBefore(bakeEnds)) {
            Instant at = earliest(now.plus(policy.pollInterval()), bakeEnds);
            return new VerifyDecision.CheckAgain(keepDrained, event.nextCheck(now).withHealthySince(since), at,
                    host + " is healthy on the target image since " + since + "; the bake of " + bake + " ends at "
                            + bakeEnds + ", looking again at " + at);
        }
        return returnToService(event, sessionHost, vm, policy, now, host, bake, since);
    }

    private VerifyDecision returnToService(HostRedeployed event, SessionHostView sessionHost, VirtualMachineView vm,
                                           VerifyPolicy policy, Instant now, String host, Duration bake, Instant since) {
        Map<String, String> tags = vm.tags();
        List<VerifyAction> actions = new ArrayList<>();
        boolean adminDrained = "true".equalsIgnoreCase(tags.get(HostTags.ADMIN_DRAINED));
        if (!adminDrained && !sessionHost.allowNewSession()) {
            actions.add(new VerifyAction.AllowNewSessions("healthy on the target image for the whole bake of " + bake));
        } else if (adminDrained && sessionHost.allowNewSession()) {
            actions.add(new VerifyAction.KeepDrained("an administrator had drained it before the rollout, and the new "
                    + "registration must not undo that"));
        }
        Optional<VerifyAction> sleep = sleepAction(vm);
        Set<String> remove = new HashSet<>();
        if (tags.containsKey(policy.scalingExclusionTag())) {
            remove.add(policy.scalingExclusionTag());
        }
        if (sleep.isEmpty() && tags.containsKey(HostTags.POWER_BEFORE)) {
            remove.add(HostTags.POWER_BEFORE);
        }
        actions.add(new VerifyAction.UpdateTags(Map.of(HostTags.STAGE, VERIFIED), remove,
                "mark " + host + " verified" + (remove.contains(policy.scalingExclusionTag())
                        ? " and hand it back to the scaling plan (remove " + policy.scalingExclusionTag() + ")" : "")));
        sleep.ifPresent(action -> {
            actions.add(action);
            actions.add(powerRestored());
        });
        String drained = adminDrained ? "; it stays drained because an administrator had drained it before the rollout" : "";
        return new VerifyDecision.ReturnToService(actions, verified(event, now),
                host + " was healthy on the target image from " + since + " for the bake of " + bake + drained);
    }

    /** Verified on an earlier delivery: finish a DR host's return to sleep if a crash cut it short, republish. */
    private VerifyDecision alreadyVerified(HostRedeployed event, VirtualMachineView vm, Instant now, String host) {
        List<VerifyAction> actions = new ArrayList<>();
        if (vm.tags().containsKey(HostTags.POWER_BEFORE)) {
            sleepAction(vm).ifPresent(actions::add);
            actions.add(powerRestored());
        }
        return new VerifyDecision.ReturnToService(actions, verified(event, now), host + " was already verified"
                + (actions.isEmpty() ? "; nothing to change, host-verified is sent again under the same MessageId"
                : "; finishing the return to its earlier power state"));
    }

    /** A DR host woken for the rollout goes back to sleep; a running VM asked for nothing, an asleep one is left. */
    private static Optional<VerifyAction> sleepAction(VirtualMachineView vm) {
        String before = vm.tags().get(HostTags.POWER_BEFORE);
        if (before == null || vm.powerState() != PowerState.RUNNING) {
            return Optional.empty();
        }
        return switch (before.toLowerCase(Locale.ROOT)) {
            case "hibernated" -> Optional.of(vm.hibernationEnabled()
                    ? new VerifyAction.Hibernate("it was hibernated before the rollout")
                    : new VerifyAction.Deallocate("it was hibernated before the rollout, but the new VM has no "
                    + "hibernation enabled: deallocated instead"));
            case "deallocated" -> Optional.of(new VerifyAction.Deallocate("it was deallocated before the rollout"));
            default -> Optional.empty();
        };
    }

    private static VerifyAction powerRestored() {
        return new VerifyAction.UpdateTags(Map.of(), Set.of(HostTags.POWER_BEFORE),
                "its earlier power state is restored; the marker is no longer needed");
    }

    private static HostVerified verified(HostRedeployed event, Instant now) {
        return new HostVerified(event.rolloutId(), event.subscriptionId(), event.resourceGroup(), event.hostPool(),
                event.host(), event.attempt(), event.targetImageVersionId(), now, event.stageTimesSoFar());
    }

    private static VerifyDecision fail(List<VerifyAction> actions, HostRedeployed event, Instant now, String reason) {
        return new VerifyDecision.Fail(actions, new HostFailed(event.rolloutId(), event.subscriptionId(), event.resourceGroup(),
                event.hostPool(), event.host(), event.attempt(), FailedStage.VERIFY, null, null, reason, now,
                event.stageTimesSoFar()),
                reason + "; the host stays drained for a person to look at");
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Integer parseAttempt(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
