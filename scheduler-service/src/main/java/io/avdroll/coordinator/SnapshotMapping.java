package io.avdroll.coordinator;

import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.desktop.HostPoolView;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure mapping of what Azure says (host pool, session hosts, their VMs) into the planner's {@link HostPoolSnapshot}.
 */
public final class SnapshotMapping {

    /** What AVD assumes when a pool has no maxSessionLimit set. */
    static final int AVD_DEFAULT_MAX_SESSION_LIMIT = 999_999;

    private SnapshotMapping() {
    }

    /**
     * @param vmsByHost       the VM of each session host by session host name; a host whose VM was not found is
     *                        absent (its power state is then unknown)
     * @param targetImageId   the rollout's target image version id: a VM image id that names the same resource in
     *                        another letter case is reported as exactly this string, since ARM ids are case-insensitive
     */
    public static HostPoolSnapshot snapshot(HostPoolView pool, List<SessionHostView> sessionHosts,
                                            Map<String, VirtualMachineView> vmsByHost, String targetImageId) {
        List<SessionHost> hosts = new ArrayList<>();
        for (SessionHostView view : sessionHosts) {
            VirtualMachineView vm = vmsByHost.get(view.name());
            hosts.add(new SessionHost(view.name(), SessionHostStatus.fromApiValue(view.status()), view.allowNewSession(),
                    Math.max(0, view.sessions()), imageVersion(vm, targetImageId), hostClass(vm),
                    vm == null ? PowerState.UNKNOWN : powerState(vm.powerState())));
        }
        Integer limit = pool.maxSessionLimit();
        return new HostPoolSnapshot(pool.name(), limit == null || limit < 1 ? AVD_DEFAULT_MAX_SESSION_LIMIT : limit, hosts);
    }

    /**
     * The gallery image version a VM runs: its image reference, or (for a VM whose reference is not a gallery
     * version) the {@link HostTags#IMAGE} marker the provisioner puts on the VMs it creates. Null when unknown.
     */
    public static String imageVersion(VirtualMachineView vm, String targetImageId) {
        if (vm == null) {
            return null;
        }
        String image = vm.imageReferenceId();
        if (image == null || image.isBlank() || !image.toLowerCase(Locale.ROOT).contains("/versions/")) {
            image = vm.tags().get(HostTags.IMAGE);
        }
        if (image == null || image.isBlank()) {
            return null;
        }
        return targetImageId != null && image.equalsIgnoreCase(targetImageId) ? targetImageId : image;
    }

    /**
     * The host class: the {@link HostTags#HOST_CLASS} tag when present ({@code standard} / {@code dr}); otherwise a
     * managed OS disk with hibernation enabled is a DR host and anything else (notably an ephemeral OS disk,
     * which can be neither hibernated nor deallocated) a standard one.
     */
    public static HostClass hostClass(VirtualMachineView vm) {
        if (vm == null) {
            return HostClass.STANDARD;
        }
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

    public static PowerState powerState(io.avdroll.azure.compute.PowerState power) {
        if (power == null) {
            return PowerState.UNKNOWN;
        }
        return switch (power) {
            case STARTING -> PowerState.STARTING;
            case RUNNING -> PowerState.RUNNING;
            case STOPPING -> PowerState.STOPPING;
            case STOPPED -> PowerState.STOPPED;
            case DEALLOCATING -> PowerState.DEALLOCATING;
            case DEALLOCATED -> PowerState.DEALLOCATED;
            case HIBERNATED -> PowerState.HIBERNATED;
            case UNKNOWN -> PowerState.UNKNOWN;
        };
    }
}
