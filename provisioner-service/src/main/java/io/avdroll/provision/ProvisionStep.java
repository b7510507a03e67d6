package io.avdroll.provision;

import io.avdroll.azure.compute.VmRef;
import io.avdroll.events.HostDrained;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostRedeployed;
import io.avdroll.events.VmBlueprint;

import java.time.Instant;
import java.util.Map;

/** The next thing to do for a drained host, and why (the reason is logged as is: it never holds a secret). */
public sealed interface ProvisionStep {

    String reason();

    /** Nothing to do with this message: complete it. */
    record Ignore(String reason) implements ProvisionStep {
    }

    /**
     * Put {@code tagsToPut} on the old VM (a DR host's earlier power state), then publish {@code followUp}, which
     * carries the blueprint, and complete. Nothing is deleted by this message: only a message carrying the
     * blueprint deletes.
     */
    record RecordBlueprint(VmRef vm, Map<String, String> tagsToPut, HostDrained followUp, String reason)
            implements ProvisionStep {
        public RecordBlueprint {
            tagsToPut = Map.copyOf(tagsToPut);
        }
    }

    /** Remove the host's registration from the pool (the old one, or a stale one without a VM). */
    record RemoveSessionHost(String sessionHost, String reason) implements ProvisionStep {
    }

    /** Delete the old VM with its OS disk and NIC, then look again in {@code followUp}. */
    record DeleteOldVm(VmRef vm, HostDrained followUp, String reason) implements ProvisionStep {
    }

    /**
     * Start creating the VM (its NIC, then the VM) from the blueprint with {@code tags}, without waiting, then look
     * again through {@code followUp} at {@code at}.
     */
    record CreateVm(VmBlueprint blueprint, Map<String, String> tags, HostDrained followUp, Instant at, String reason)
            implements ProvisionStep {
        public CreateVm {
            tags = Map.copyOf(tags);
        }
    }

    /**
     * Start installing the AVD agent (with a fresh registration token) on the created VM, without waiting, then look
     * again through {@code followUp} at {@code at}.
     */
    record InstallAgent(VmBlueprint blueprint, HostDrained followUp, Instant at, String reason) implements ProvisionStep {
    }

    /** The VM and its agent are provisioned: tag the VM {@code redeployed} (the next look publishes host-redeployed). */
    record MarkRedeployed(VmRef vm, String reason) implements ProvisionStep {
    }

    /** Publish {@code host-redeployed} (deterministic id: a resend is dropped) and complete. */
    record PublishRedeployed(HostRedeployed event, String reason) implements ProvisionStep {
    }

    /** Something is in progress in Azure: look again at {@code at} through {@code followUp}. */
    record PollLater(HostDrained followUp, Instant at, String reason) implements ProvisionStep {
    }

    /** Delete what the refused create left (VM, OS disk, NIC), then try again at {@code at} through {@code followUp}. */
    record CleanUpThenRetry(VmRef vm, String nicName, HostDrained followUp, Instant at, String reason)
            implements ProvisionStep {
    }

    /** Delete what the refused create left, then report the host failed. */
    record CleanUpThenFail(VmRef vm, String nicName, HostFailed failed, String reason) implements ProvisionStep {
    }

    /** Report the host failed without touching anything. */
    record ReportFailed(HostFailed failed, String reason) implements ProvisionStep {
    }
}
