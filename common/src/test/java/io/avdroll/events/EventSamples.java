package io.avdroll.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One valid event of every type, for tests. */
public final class EventSamples {

    public static final String SUBSCRIPTION = "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c";
    public static final String IMAGE_V2 = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/avdgallery/images/win11-avd/versions/2.0.0";
    public static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

    private EventSamples() {
    }

    public static UpdateRequested updateRequested(String pool) {
        return new UpdateRequested("r-2025-03", SUBSCRIPTION, "rg-avd", pool, IMAGE_V2,
                new SpecOverrides("25%", 1, 10, Duration.ofMinutes(30), Duration.ofMinutes(15), 8),
                "pipeline:monthly-patch", T0);
    }

    public static DrainRequested drainRequested(String pool, String host) {
        return new DrainRequested("r-2025-03", SUBSCRIPTION, "rg-avd", pool, host, 1, IMAGE_V2,
                Duration.ofMinutes(30), drainPolicy(), Duration.ofMinutes(15), 0, T0, T0, new StageTimes(null, null, null, 1));
    }

    public static RequestedDrainPolicy drainPolicy() {
        return new RequestedDrainPolicy(List.of(Duration.ofMinutes(15), Duration.ofMinutes(5)), "Maintenance",
                "Please save your work and sign out.", "Reminder: please sign out.", true);
    }

    public static HostDrained hostDrained(String pool, String host) {
        return new HostDrained("r-2025-03", SUBSCRIPTION, "rg-avd", pool, host, 1, IMAGE_V2,
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-avd-vms/providers/Microsoft.Compute/virtualMachines/" + host,
                blueprint(host), Duration.ofMinutes(15), 0, T0, T0, new StageTimes(T0, T0, null, 1));
    }

    public static VmBlueprint blueprint(String vmName) {
        return new VmBlueprint("rg-avd-vms", vmName, "westeurope", "Standard_D4ds_v5", io.avdroll.pool.HostClass.STANDARD,
                "ResourceDisk", vmName + "-nic", "/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg-avd-vms/providers/Microsoft.Network/virtualNetworks/vnet/subnets/hosts", vmName,
                java.util.Map.of("costCenter", "4711", "avdroll-admin-drained", "false"), 1, "AllocationFailed",
                "Allocation failed. We do not have sufficient capacity.");
    }

    public static HostRedeployed hostRedeployed(String pool, String host) {
        return new HostRedeployed("r-2025-03", SUBSCRIPTION, "rg-avd", pool, host, 1, IMAGE_V2,
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-avd-vms/providers/Microsoft.Compute/virtualMachines/" + host,
                Duration.ofMinutes(15), 0, T0, T0, T0, new StageTimes(T0, T0, T0, 1));
    }

    public static HostVerified hostVerified(String pool, String host) {
        return new HostVerified("r-2025-03", SUBSCRIPTION, "rg-avd", pool, host, 1, IMAGE_V2, T0, new StageTimes(T0, T0, T0, 1));
    }

    public static HostFailed hostFailed(String pool, String host) {
        return new HostFailed("r-2025-03", SUBSCRIPTION, "rg-avd", pool, host, 1, FailedStage.REDEPLOY,
                "AllocationFailed", "Allocation failed. We do not have sufficient capacity.", "VM could not be created", T0,
                new StageTimes(T0, T0, null, 1));
    }

    public static RolloutControl rolloutControl(String pool, ControlAction action) {
        return new RolloutControl("r-2025-03", SUBSCRIPTION, "rg-avd", pool, action, "change freeze", "alice@contoso.com", T0);
    }

    public static List<Event> oneOfEach() {
        return List.of(updateRequested("hp-prod"), drainRequested("hp-prod", "avd-07"), hostDrained("hp-prod", "avd-07"),
                hostRedeployed("hp-prod", "avd-07"), hostVerified("hp-prod", "avd-07"), hostFailed("hp-prod", "avd-07"),
                rolloutControl("hp-prod", ControlAction.PAUSE));
    }
}
