package io.avdroll.provision;

import io.avdroll.azure.compute.AvdAgent;
import io.avdroll.azure.compute.EphemeralPlacement;
import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.SessionHostVmSpec;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RegistrationToken;
import io.avdroll.azure.desktop.ResourceNames;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventHandler;
import io.avdroll.bus.EventPublisher;
import io.avdroll.bus.Settlement;
import io.avdroll.events.HostDrained;
import io.avdroll.events.VmBlueprint;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.HostClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Thin handler of {@code host-drained}: observe the host in Azure, ask {@link ProvisionDecider}, do the step, repeat
 * while the step is quick; a long step (delete, create) is followed by a fresh look in a follow-up message.
 * Within one delivery the host is read once: a quick step's effect (registration removed, VM created and tagged)
 * is applied to that observation instead of reading the host again. Every message still starts from a fresh look.
 * Throttling and transient faults retry the message later; they are never a host failure.
 */
public final class ProvisionHandler implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionHandler.class);
    /** Quick steps (remove the session host, create then publish) chained in one delivery before handing over. */
    private static final int MAX_STEPS_PER_DELIVERY = 6;

    private final VirtualMachines vms;
    private final SessionHosts sessionHosts;
    private final HostPools hostPools;
    private final NetworkInterfaceCleanup nics;
    private final EventPublisher bus;
    private final ProvisionDecider decider;
    private final ProvisionSettings settings;
    private final Clock clock;

    public ProvisionHandler(VirtualMachines vms, SessionHosts sessionHosts, HostPools hostPools,
                            NetworkInterfaceCleanup nics, EventPublisher bus, ProvisionSettings settings, Clock clock) {
        this.vms = vms;
        this.sessionHosts = sessionHosts;
        this.hostPools = hostPools;
        this.nics = nics;
        this.bus = bus;
        this.settings = settings;
        this.decider = new ProvisionDecider(settings);
        this.clock = clock;
    }

    @Override
    public Settlement handle(Delivery delivery) {
        if (!(delivery.event() instanceof HostDrained event)) {
            return Settlement.deadLetter("UnexpectedEvent", "provisioner-service handles host-drained only, got "
                    + delivery.event().type());
        }
        String doing = "observe";
        try {
            ProvisionObservation seen = observe(event);
            for (int i = 0; i < MAX_STEPS_PER_DELIVERY; i++) {
                ProvisionStep step = decider.decide(event, seen, clock.instant());
                LOG.info("{} {} check {}: {} — {}", event.hostPool(), event.host(), event.check(),
                        step.getClass().getSimpleName(), step.reason());
                doing = step.getClass().getSimpleName();
                if (step instanceof ProvisionStep.RemoveSessionHost remove) {
                    sessionHosts.delete(pool(event), remove.sessionHost(), true);
                    seen = seen.withoutSessionHost();
                } else if (step instanceof ProvisionStep.MarkRedeployed mark) {
                    VirtualMachineView vm = seen.vm().orElseThrow();
                    Map<String, String> tags = vms.updateTags(mark.vm(), vm.tags(),
                            Map.of(HostTags.STAGE, ProvisionDecider.STAGE_REDEPLOYED), Set.of());
                    seen = seen.withVm(vm.withTags(tags));
                } else if (step instanceof ProvisionStep.CreateVm create) {
                    return lookAgainUnlessRefused(event, startCreate(event, create), create.followUp(), create.at(), seen);
                } else if (step instanceof ProvisionStep.InstallAgent install) {
                    return lookAgainUnlessRefused(event, startAgentInstall(event, install), install.followUp(),
                            install.at(), seen);
                } else {
                    return finish(step, seen);
                }
            }
            bus.publish(event.nextCheck(clock.instant()));
            return Settlement.complete();
        } catch (AzureFailure failure) {
            if (failure.retryable()) {
                LOG.info("{} {}: {} — retry later ({})", event.hostPool(), event.host(), doing, failure.getMessage());
                return Settlement.retryLater(failure.retryAfter().orElse(settings.pollInterval()),
                        failure.kind() + " during " + doing);
            }
            LOG.warn("{} {}: {} failed: {}", event.hostPool(), event.host(), doing, failure.getMessage());
            return finish(decider.failedOutright(event, failure.code(), failure.azureMessage(),
                    failure.operation().isBlank() ? doing : failure.operation(), clock.instant()), null);
        }
    }

    /** After starting an operation: the decider's answer if Azure refused it, else the look at its result. */
    private Settlement lookAgainUnlessRefused(HostDrained event, Optional<ProvisionStep> refused, HostDrained followUp,
                                              Instant at, ProvisionObservation seen) {
        if (refused.isPresent()) {
            LOG.warn("{} {}: {}", event.hostPool(), event.host(), refused.get().reason());
            return finish(refused.get(), seen);
        }
        bus.publishAt(followUp, at);
        return Settlement.complete();
    }

    private ProvisionObservation observe(HostDrained event) {
        if (event.blueprint() != null) {
            // the blueprint names the VM: while it is this attempt's new VM, the registration is not read (every
            // decision about a new VM is made from the VM alone), which spares a call on each look at its build
            VmBlueprint blueprint = event.blueprint();
            Optional<VirtualMachineView> vm = vms.find(new VmRef(blueprint.vmResourceGroup(), blueprint.vmName()));
            if (vm.isPresent() && ProvisionDecider.createdByThisAttempt(event, vm.get())) {
                return new ProvisionObservation(vm, Optional.empty(), Optional.empty());
            }
            return new ProvisionObservation(vm, Optional.empty(), sessionHosts.find(pool(event), event.host()));
        }
        Optional<SessionHostView> sessionHost = sessionHosts.find(pool(event), event.host());
        VmRef ref = vmOf(event, sessionHost);
        Optional<VirtualMachineView> vm = vms.find(ref);
        Optional<NetworkInterfaceView> nic = Optional.empty();
        if (vm.isPresent() && vm.get().primaryNetworkInterfaceId() != null
                && !ProvisionDecider.createdByThisAttempt(event, vm.get())) {
            nic = findNic(vm.get().primaryNetworkInterfaceId());
        }
        return new ProvisionObservation(vm, nic, sessionHost);
    }

    private Optional<NetworkInterfaceView> findNic(String id) {
        try {
            return Optional.of(vms.getNetworkInterface(id));
        } catch (AzureFailure failure) {
            if (failure.kind() == AzureFailureKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** The blueprint's VM; else the event's VM id; else the session host's; else the host's name in the pool's group. */
    static VmRef vmOf(HostDrained event, Optional<SessionHostView> sessionHost) {
        if (event.blueprint() != null) {
            return new VmRef(event.blueprint().vmResourceGroup(), event.blueprint().vmName());
        }
        if (event.vmResourceId() != null) {
            return fromId(event.vmResourceId());
        }
        String resourceId = sessionHost.map(SessionHostView::resourceId).orElse(null);
        if (resourceId != null && !resourceId.isBlank()) {
            return fromId(resourceId);
        }
        return new VmRef(event.resourceGroup(), ResourceNames.vmName(event.host(), null));
    }

    private static VmRef fromId(String id) {
        String[] parts = id.split("/");
        // ["", "subscriptions", s, "resourceGroups", rg, "providers", "Microsoft.Compute", "virtualMachines", name]
        return new VmRef(parts[4], parts[parts.length - 1]);
    }

    /** Starts the VM's creation; empty when Azure accepted it, else the decider's answer to the refusal. */
    private Optional<ProvisionStep> startCreate(HostDrained event, ProvisionStep.CreateVm create) {
        return start(event, create.blueprint(), create.tags(), null, vms::beginCreateVm);
    }

    /** Starts the AVD agent's install with a fresh registration token; empty when Azure accepted it. */
    private Optional<ProvisionStep> startAgentInstall(HostDrained event, ProvisionStep.InstallAgent install) {
        RegistrationToken token = hostPools.registrationToken(pool(event), clock.instant(), settings.tokenMinRemaining(),
                settings.tokenLifetime());
        AvdAgent agent = new AvdAgent(event.hostPool(), token, settings.agentModulesUrl().orElse(null), settings.aadJoin());
        return start(event, install.blueprint(), Map.of(), agent, vms::beginAgentInstall);
    }

    /** A refusal (not throttling, not transient) is the decider's to answer; a retryable failure propagates. */
    private Optional<ProvisionStep> start(HostDrained event, VmBlueprint blueprint, Map<String, String> tags,
                                          AvdAgent agent, Consumer<SessionHostVmSpec> operation) {
        SessionHostVmSpec spec;
        try {
            spec = spec(event, blueprint, tags, agent);
        } catch (IllegalArgumentException invalid) {
            return Optional.of(invalidSpec(event, blueprint, invalid));
        }
        try {
            operation.accept(spec);
            return Optional.empty();
        } catch (AzureFailure failure) {
            if (failure.retryable()) {
                throw failure;
            }
            return Optional.of(decider.createRefused(event, failure.code(), failure.azureMessage(), clock.instant()));
        }
    }

    /** @throws IllegalArgumentException when the blueprint does not make a valid VM */
    private SessionHostVmSpec spec(HostDrained event, VmBlueprint blueprint, Map<String, String> tags, AvdAgent agent) {
        return new SessionHostVmSpec(new VmRef(blueprint.vmResourceGroup(), blueprint.vmName()), blueprint.location(),
                blueprint.size(), computeClass(blueprint.hostClass()), event.targetImageVersionId(), settings.osDiskSizeGb(),
                blueprint.ephemeralPlacement() == null ? null : EphemeralPlacement.fromArm(blueprint.ephemeralPlacement()),
                blueprint.nicName(), blueprint.subnetId(), blueprint.computerName(), settings.adminUsername(), null,
                tags, null, settings.securityType().orElse(null), agent);
    }

    private ProvisionStep invalidSpec(HostDrained event, VmBlueprint blueprint, IllegalArgumentException invalid) {
        return decider.failedOutright(event, null, invalid.getMessage(),
                "building the spec of VM " + new VmRef(blueprint.vmResourceGroup(), blueprint.vmName()), clock.instant());
    }

    /** @param seen what this delivery observed (null when a failure cut it short): the VM is not read again */
    private Settlement finish(ProvisionStep step, ProvisionObservation seen) {
        Optional<VirtualMachineView> vm = seen == null ? Optional.empty() : seen.vm();
        if (step instanceof ProvisionStep.RecordBlueprint record) {
            if (!record.tagsToPut().isEmpty()) {
                if (vm.isPresent()) {
                    vms.updateTags(record.vm(), vm.get().tags(), record.tagsToPut(), Set.of());
                } else {
                    vms.updateTags(record.vm(), record.tagsToPut(), Set.of());
                }
            }
            bus.publish(record.followUp());
        } else if (step instanceof ProvisionStep.DeleteOldVm delete) {
            Optional<VirtualMachineView> old = vm.filter(seenVm -> seenVm.ref().equals(delete.vm()));
            if (old.isPresent() && old.get().removesDiskAndNicsWithIt()) {
                // nothing to clean up after it: start the deletion and look again, as for a create
                vms.beginDelete(old.get());
                bus.publishAt(delete.followUp(), clock.instant().plus(settings.pollInterval()));
            } else {
                // its OS disk or a NIC outlives it (or it was not read): removed once the VM is gone
                old.ifPresentOrElse(vms::delete, () -> vms.delete(delete.vm()));
                bus.publish(delete.followUp());
            }
        } else if (step instanceof ProvisionStep.PublishRedeployed publish) {
            bus.publish(publish.event());
        } else if (step instanceof ProvisionStep.PollLater poll) {
            bus.publishAt(poll.followUp(), poll.at());
        } else if (step instanceof ProvisionStep.CleanUpThenRetry retry) {
            cleanUp(retry.vm(), retry.nicName());
            bus.publishAt(retry.followUp(), retry.at());
        } else if (step instanceof ProvisionStep.CleanUpThenFail fail) {
            cleanUp(fail.vm(), fail.nicName());
            bus.publish(fail.failed());
        } else if (step instanceof ProvisionStep.ReportFailed failed) {
            bus.publish(failed.failed());
        } else if (!(step instanceof ProvisionStep.Ignore)) {
            throw new IllegalStateException(step.getClass().getSimpleName() + " is executed in the loop, not at the end");
        }
        return Settlement.complete();
    }

    /** Whatever a refused create left: the VM (with its OS disk and NIC), and a NIC made before a VM was refused. */
    private void cleanUp(VmRef vm, String nicName) {
        vms.delete(vm);
        nics.deleteIfPresent(vm.resourceGroup(), nicName);
    }

    private static HostPoolRef pool(HostDrained event) {
        return new HostPoolRef(event.resourceGroup(), event.hostPool());
    }

    private static io.avdroll.azure.compute.HostClass computeClass(HostClass hostClass) {
        return hostClass == HostClass.DR ? io.avdroll.azure.compute.HostClass.DR : io.avdroll.azure.compute.HostClass.STANDARD;
    }
}
