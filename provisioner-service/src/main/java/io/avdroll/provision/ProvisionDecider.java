package io.avdroll.provision;

import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostDrained;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostRedeployed;
import io.avdroll.events.VmBlueprint;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.HostClass;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure redeploy logic: (what Azure shows, the host-drained message, now) → the next step with its reason.
 *
 * <p>The order of a redeploy, each step recognisable from Azure so any message can arrive twice or late:
 * <ol>
 *   <li>old VM, no blueprint yet → record the blueprint (and a DR host's earlier power state as a tag) in a follow-up;
 *       nothing is deleted by a message without a blueprint;</li>
 *   <li>old VM, blueprint → remove the session host, then delete the VM with its OS disk and NIC;</li>
 *   <li>no VM, blueprint → start its creation (tags mark it as this rollout's attempt, stage {@code redeploying});</li>
 *   <li>VM of this attempt created, no agent → start the AVD agent's install; agent provisioned → tag the VM
 *       {@code redeployed};</li>
 *   <li>VM of this attempt, stage {@code redeployed} → publish host-redeployed.</li>
 * </ol>
 * Nothing waits for Azure in a handler: an operation is started, and a scheduled follow-up looks at its result.
 * A create Azure refuses is cleaned up and retried with backoff up to {@code maxCreateAttempts}, then reported.
 */
public final class ProvisionDecider {

    public static final String STAGE_DRAINED = "drained";
    public static final String STAGE_REDEPLOYING = "redeploying";
    public static final String STAGE_REDEPLOYED = "redeployed";
    public static final String STAGE_VERIFIED = "verified";
    private static final Set<String> STAGES_OF_A_NEW_VM = Set.of(STAGE_REDEPLOYING, STAGE_REDEPLOYED, STAGE_VERIFIED);

    private final ProvisionSettings settings;

    public ProvisionDecider(ProvisionSettings settings) {
        this.settings = settings;
    }

    public ProvisionStep decide(HostDrained event, ProvisionObservation seen, Instant now) {
        VmBlueprint blueprint = event.blueprint();
        if (seen.vm().isPresent()) {
            return withVm(event, seen.vm().get(), seen, now);
        }
        if (blueprint == null) {
            if (seen.sessionHost().isPresent()) {
                return new ProvisionStep.ReportFailed(failed(event, null, null,
                        "the VM of session host " + event.host() + " is gone while the host is still registered: it was "
                                + "deleted outside the rollout and nothing was recorded to recreate it from", now),
                        "VM deleted outside the rollout before its blueprint was recorded");
            }
            return new ProvisionStep.Ignore("no VM, no session host and no blueprint in this message: a late copy; "
                    + "the follow-up that recorded the blueprint before the deletion carries the redeploy on");
        }
        if (seen.sessionHost().isPresent()) {
            return new ProvisionStep.RemoveSessionHost(event.host(),
                    "session host " + event.host() + " is still registered without its VM: remove it before the new VM registers");
        }
        return new ProvisionStep.CreateVm(blueprint, newVmTags(event, blueprint), event.nextCheck(now),
                now.plus(settings.pollInterval()),
                "VM " + blueprint.vmName() + " does not exist: create it from " + event.targetImageVersionId()
                        + (blueprint.failedCreates() > 0 ? " (try " + (blueprint.failedCreates() + 1) + " of "
                        + settings.maxCreateAttempts() + ")" : "") + ", look again in " + settings.pollInterval());
    }

    /** After Azure refused a create (not throttling, not transient): clean up, then retry with backoff or report. */
    public ProvisionStep createRefused(HostDrained event, String errorCode, String errorMessage, Instant now) {
        VmBlueprint blueprint = event.blueprint();
        if (blueprint == null) {
            throw new IllegalArgumentException("event: a create is only made from a message carrying a blueprint");
        }
        VmBlueprint refused = blueprint.withRefusedCreate(errorCode, errorMessage);
        VmRef vm = new VmRef(blueprint.vmResourceGroup(), blueprint.vmName());
        String what = errorCode == null || errorCode.isBlank() ? "the create failed" : "Azure refused the create with " + errorCode;
        if (refused.failedCreates() >= settings.maxCreateAttempts()) {
            return new ProvisionStep.CleanUpThenFail(vm, blueprint.nicName(), failed(event, errorCode, errorMessage,
                    "VM " + blueprint.vmName() + " could not be created from " + event.targetImageVersionId() + " in "
                            + refused.failedCreates() + " attempts; last: " + what, now),
                    what + " (" + refused.failedCreates() + " of " + settings.maxCreateAttempts() + "): clean up and report");
        }
        Duration wait = settings.backoffAfter(refused.failedCreates());
        return new ProvisionStep.CleanUpThenRetry(vm, blueprint.nicName(), event.nextCheck(refused, now), now.plus(wait),
                what + " (" + refused.failedCreates() + " of " + settings.maxCreateAttempts() + "): clean up, try again in " + wait);
    }

    /** A failure that no retry will fix (refused credentials, invalid request) outside the create. */
    public ProvisionStep failedOutright(HostDrained event, String errorCode, String errorMessage, String doing, Instant now) {
        return new ProvisionStep.ReportFailed(failed(event, errorCode, errorMessage, doing + " failed"
                + (errorCode == null || errorCode.isBlank() ? "" : " with " + errorCode), now), doing + " failed");
    }

    private ProvisionStep withVm(HostDrained event, VirtualMachineView vm, ProvisionObservation seen, Instant now) {
        Map<String, String> tags = vm.tags();
        String owner = tags.get(HostTags.ROLLOUT);
        if (owner != null && !owner.equals(event.rolloutId())) {
            return new ProvisionStep.Ignore("VM " + vm.ref() + " belongs to rollout " + owner + " now, not " + event.rolloutId());
        }
        int attemptTag = attemptOf(tags);
        if (owner != null && attemptTag > event.attempt()) {
            return new ProvisionStep.Ignore("VM " + vm.ref() + " is in attempt " + attemptTag + "; this message is of attempt "
                    + event.attempt());
        }
        if (createdByThisAttempt(event, vm)) {
            return newVm(event, vm, now);
        }
        return oldVm(event, vm, seen, now);
    }

    private ProvisionStep newVm(HostDrained event, VirtualMachineView vm, Instant now) {
        String stage = vm.tags().get(HostTags.STAGE);
        if (STAGE_VERIFIED.equals(stage)) {
            return new ProvisionStep.Ignore("VM " + vm.ref() + " was already verified in this attempt: a late message");
        }
        String provisioning = vm.provisioningState() == null ? "" : vm.provisioningState();
        VmBlueprint blueprint = event.blueprint();
        if (provisioning.equalsIgnoreCase("Failed")) {
            if (blueprint == null) {
                return new ProvisionStep.Ignore("the create of " + vm.ref() + " failed; the follow-up carrying the blueprint handles it");
            }
            VirtualMachineView.ProvisioningFailure failure = vm.provisioningFailure();
            return failure == null
                    ? createRefused(event, null, "the VM's creation ended in provisioning state Failed", now)
                    : createRefused(event, failure.code(), failure.message(), now);
        }
        if (!provisioning.equalsIgnoreCase("Succeeded")) {
            return blueprint == null
                    ? new ProvisionStep.Ignore("VM " + vm.ref() + " is " + provisioning + "; the follow-up carrying the blueprint watches it")
                    : pollLater(event, now, "VM " + vm.ref() + " is " + provisioning);
        }
        if (STAGE_REDEPLOYED.equals(stage)) {
            return new ProvisionStep.PublishRedeployed(redeployed(event, vm, now),
                    "VM " + vm.ref() + " was created from " + event.targetImageVersionId() + " in this attempt");
        }
        if (blueprint == null) {
            return new ProvisionStep.Ignore("VM " + vm.ref() + " of this attempt is still being set up; its follow-up carries it on");
        }
        String agent = vm.agentProvisioningState();
        if (agent == null) {
            return new ProvisionStep.InstallAgent(blueprint, event.nextCheck(now), now.plus(settings.pollInterval()),
                    "VM " + vm.ref() + " is created: install the AVD agent that registers it, look again in "
                            + settings.pollInterval());
        }
        if (agent.equalsIgnoreCase("Failed")) {
            return createRefused(event, "VMExtensionProvisioningError",
                    "the AVD agent extension on " + vm.ref() + " ended in provisioning state Failed", now);
        }
        if (agent.equalsIgnoreCase("Succeeded")) {
            return new ProvisionStep.MarkRedeployed(vm.ref(), "VM " + vm.ref() + " and its AVD agent are provisioned");
        }
        return pollLater(event, now, "the AVD agent on " + vm.ref() + " is " + agent);
    }

    private ProvisionStep pollLater(HostDrained event, Instant now, String what) {
        return new ProvisionStep.PollLater(event.nextCheck(now), now.plus(settings.pollInterval()),
                what + ": look again in " + settings.pollInterval());
    }

    private ProvisionStep oldVm(HostDrained event, VirtualMachineView vm, ProvisionObservation seen, Instant now) {
        String provisioning = vm.provisioningState() == null ? "" : vm.provisioningState();
        VmBlueprint blueprint = event.blueprint();
        if (provisioning.equalsIgnoreCase("Deleting")) {
            return blueprint == null
                    ? new ProvisionStep.Ignore("VM " + vm.ref() + " is being deleted; the follow-up carrying the blueprint watches it")
                    : new ProvisionStep.PollLater(event.nextCheck(now), now.plus(settings.pollInterval()),
                            "VM " + vm.ref() + " is being deleted: look again in " + settings.pollInterval());
        }
        if (blueprint == null) {
            if (seen.nic().isEmpty() || seen.nic().get().subnetId() == null) {
                return new ProvisionStep.ReportFailed(failed(event, null, null, "VM " + vm.ref()
                        + " has no readable primary NIC with a subnet: the new VM's network placement is unknown", now),
                        "no network placement to reuse");
            }
            VmBlueprint recorded = blueprintOf(event, vm, seen.nic().get());
            Map<String, String> tagsToPut = new LinkedHashMap<>();
            String powerBefore = recorded.tagsOrEmpty().get(HostTags.POWER_BEFORE);
            if (recorded.hostClass() == HostClass.DR && powerBefore != null
                    && !powerBefore.equals(vm.tags().get(HostTags.POWER_BEFORE))) {
                tagsToPut.put(HostTags.POWER_BEFORE, powerBefore);
            }
            return new ProvisionStep.RecordBlueprint(vm.ref(), tagsToPut, event.nextCheck(recorded, now),
                    "record how to recreate " + vm.ref() + " (" + recorded.hostClass() + ", " + recorded.size()
                            + (powerBefore == null ? "" : ", power before " + powerBefore) + ") before deleting anything");
        }
        if (seen.sessionHost().isPresent()) {
            return new ProvisionStep.RemoveSessionHost(event.host(),
                    "remove session host " + event.host() + " from pool " + event.hostPool() + " before deleting its VM");
        }
        return new ProvisionStep.DeleteOldVm(vm.ref(), event.nextCheck(now),
                "delete old VM " + vm.ref() + " (image " + vm.imageReferenceId() + ") with its OS disk and NIC");
    }

    /** The old VM's properties a new one needs; tags carried over, a DR host's earlier power state among them. */
    VmBlueprint blueprintOf(HostDrained event, VirtualMachineView vm, NetworkInterfaceView nic) {
        HostClass hostClass = hostClassOf(vm);
        Map<String, String> carried = new LinkedHashMap<>(vm.tags());
        if (hostClass == HostClass.DR) {
            boolean recordedInThisRollout = event.rolloutId().equals(vm.tags().get(HostTags.ROLLOUT))
                    && vm.tags().containsKey(HostTags.POWER_BEFORE);
            if (!recordedInThisRollout) {
                powerLabel(vm.powerState()).ifPresentOrElse(p -> carried.put(HostTags.POWER_BEFORE, p),
                        () -> carried.remove(HostTags.POWER_BEFORE));
            }
        }
        String placement = hostClass == HostClass.STANDARD && vm.osDiskKind() == OsDiskKind.EPHEMERAL
                ? vm.ephemeralPlacement() : null;
        return new VmBlueprint(vm.ref().resourceGroup(), vm.ref().name(), vm.location(), vm.size(), hostClass, placement,
                nic.name(), nic.subnetId(), vm.computerName(), carried, 0, null, null);
    }

    /** The tag wins; else an ephemeral OS disk is standard, a managed one with hibernation is DR; anything else standard. */
    static HostClass hostClassOf(VirtualMachineView vm) {
        String tagged = vm.tags().get(HostTags.HOST_CLASS);
        if (tagged != null) {
            if (tagged.equalsIgnoreCase("dr")) {
                return HostClass.DR;
            }
            if (tagged.equalsIgnoreCase("standard")) {
                return HostClass.STANDARD;
            }
        }
        return vm.osDiskKind() == OsDiskKind.MANAGED && vm.hibernationEnabled() ? HostClass.DR : HostClass.STANDARD;
    }

    static Optional<String> powerLabel(PowerState power) {
        return switch (power) {
            case HIBERNATED -> Optional.of("hibernated");
            case DEALLOCATED, DEALLOCATING, STOPPED, STOPPING -> Optional.of("deallocated");
            case RUNNING, STARTING -> Optional.of("running");
            case UNKNOWN -> Optional.empty();
        };
    }

    /** The blueprint's carried tags with this attempt's markers over them. */
    static Map<String, String> newVmTags(HostDrained event, VmBlueprint blueprint) {
        Map<String, String> tags = new LinkedHashMap<>(blueprint.tagsOrEmpty());
        tags.put(HostTags.ROLLOUT, event.rolloutId());
        tags.put(HostTags.ATTEMPT, Integer.toString(event.attempt()));
        tags.put(HostTags.IMAGE, event.targetImageVersionId());
        tags.put(HostTags.HOST_CLASS, blueprint.hostClass().name().toLowerCase(Locale.ROOT));
        tags.put(HostTags.STAGE, STAGE_REDEPLOYING);
        return tags;
    }

    static boolean createdByThisAttempt(HostDrained event, VirtualMachineView vm) {
        Map<String, String> tags = vm.tags();
        return event.rolloutId().equals(tags.get(HostTags.ROLLOUT))
                && attemptOf(tags) == event.attempt()
                && event.targetImageVersionId().equalsIgnoreCase(tags.getOrDefault(HostTags.IMAGE, ""))
                && STAGES_OF_A_NEW_VM.contains(tags.getOrDefault(HostTags.STAGE, ""));
    }

    private static int attemptOf(Map<String, String> tags) {
        try {
            return Integer.parseInt(tags.getOrDefault(HostTags.ATTEMPT, "1").trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static HostRedeployed redeployed(HostDrained event, VirtualMachineView vm, Instant now) {
        return new HostRedeployed(event.rolloutId(), event.subscriptionId(), event.resourceGroup(), event.hostPool(),
                event.host(), event.attempt(), event.targetImageVersionId(), vm.id(), event.bakeTime(), 0, now, null, now,
                event.stageTimesSoFar().redeployed(event.stageStartedAt(), now));
    }

    private static HostFailed failed(HostDrained event, String code, String message, String reason, Instant now) {
        return new HostFailed(event.rolloutId(), event.subscriptionId(), event.resourceGroup(), event.hostPool(),
                event.host(), event.attempt(), FailedStage.REDEPLOY, blankToNull(code), blankToNull(message), reason, now,
                event.stageTimesSoFar());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
