package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotMappingTest {

    private final FakeAzure azure = new FakeAzure().pool("rg-avd", "hp-one", 8)
            .standardHost("rg-avd", "hp-one", "host-01", "1.0.0", 3)
            .drHost("rg-avd", "hp-one", "dr-01", "1.0.0", io.avdroll.azure.compute.PowerState.HIBERNATED);
    private final HostPoolRef pool = new HostPoolRef("rg-avd", "hp-one");

    private HostPoolSnapshot observe(String target) {
        return new PoolObserver(azure, azure, azure).observe(pool, target).snapshot();
    }

    @Test
    void eachSessionHostBecomesASnapshotHostWithStatusDrainModeSessionsImageClassAndPower() {
        HostPoolSnapshot snapshot = observe(FakeAzure.image("2.0.0"));

        assertThat(snapshot.hostPool()).isEqualTo("hp-one");
        assertThat(snapshot.maxSessionLimit()).isEqualTo(8);
        assertThat(snapshot.host("host-01")).contains(new SessionHost("host-01", SessionHostStatus.AVAILABLE, true, 3,
                FakeAzure.image("1.0.0"), HostClass.STANDARD, PowerState.RUNNING));
        assertThat(snapshot.host("dr-01")).contains(new SessionHost("dr-01", SessionHostStatus.UNAVAILABLE, true, 0,
                FakeAzure.image("1.0.0"), HostClass.DR, PowerState.HIBERNATED));
    }

    @Test
    void aVmImageIdDifferingFromTheTargetOnlyInLetterCaseCountsAsTheTarget() {
        String target = FakeAzure.image("1.0.0").replace("resourceGroups", "resourcegroups").toUpperCase();

        assertThat(observe(target).host("host-01").orElseThrow().onImage(target)).isTrue();
        assertThat(observe(FakeAzure.image("2.0.0")).host("host-01").orElseThrow().onImage(FakeAzure.image("2.0.0"))).isFalse();
    }

    @Test
    void theHostClassTagWinsOverTheDiskAndAManagedDiskWithoutHibernationIsStandard() {
        VirtualMachineView managedNoHibernation = vm(Map.of(), OsDiskKind.MANAGED, false, "img");
        VirtualMachineView taggedDr = vm(Map.of(HostTags.HOST_CLASS, "dr"), OsDiskKind.EPHEMERAL, false, "img");
        VirtualMachineView managedHibernating = vm(Map.of(), OsDiskKind.MANAGED, true, "img");

        assertThat(SnapshotMapping.hostClass(managedNoHibernation)).isEqualTo(HostClass.STANDARD);
        assertThat(SnapshotMapping.hostClass(taggedDr)).isEqualTo(HostClass.DR);
        assertThat(SnapshotMapping.hostClass(managedHibernating)).isEqualTo(HostClass.DR);
        assertThat(SnapshotMapping.hostClass(null)).isEqualTo(HostClass.STANDARD);
    }

    @Test
    void aVmNotBuiltFromAGalleryVersionReportsTheImageMarkerTagInstead() {
        VirtualMachineView marketplace = vm(Map.of(HostTags.IMAGE, FakeAzure.image("2.0.0")), OsDiskKind.EPHEMERAL, false, null);
        VirtualMachineView unknown = vm(Map.of(), OsDiskKind.EPHEMERAL, false, null);

        assertThat(SnapshotMapping.imageVersion(marketplace, FakeAzure.image("2.0.0"))).isEqualTo(FakeAzure.image("2.0.0"));
        assertThat(SnapshotMapping.imageVersion(unknown, FakeAzure.image("2.0.0"))).isNull();
    }

    @Test
    void aHostWhoseVmIsGoneHasUnknownPowerAndNoImage() {
        azure.vms.clear();

        SessionHost host = observe(FakeAzure.image("2.0.0")).host("host-01").orElseThrow();

        assertThat(host.powerState()).isEqualTo(PowerState.UNKNOWN);
        assertThat(host.imageVersion()).isNull();
        assertThat(host.serving()).isFalse();
    }

    @Test
    void aPoolWithoutASessionLimitGetsTheLimitAvdAssumes() {
        var view = azure.pools.values().iterator().next();
        var noLimit = new io.avdroll.azure.desktop.HostPoolView(view.id(), view.name(), view.location(), view.tags(),
                view.hostPoolType(), view.loadBalancerType(), null, view.preferredAppGroupType(), false, null, null, null);

        assertThat(SnapshotMapping.snapshot(noLimit, List.of(), Map.of(), null).maxSessionLimit())
                .isEqualTo(SnapshotMapping.AVD_DEFAULT_MAX_SESSION_LIMIT);
    }

    @Test
    void theVmOfASessionHostComesFromItsResourceIdEvenInAnotherResourceGroup() {
        var host = azure.hosts.values().iterator().next().get("host-01");
        var elsewhere = new io.avdroll.azure.desktop.SessionHostView(host.hostPool(), "host-01.contoso.local", "host-01",
                "/subscriptions/s/resourceGroups/rg-vms/providers/Microsoft.Compute/virtualMachines/host-01", null,
                "Available", true, 0, null, null, null, null, null, null, null, List.of());

        assertThat(PoolObserver.vmRefOf(elsewhere, pool)).contains(new VmRef("rg-vms", "host-01"));
    }

    private static VirtualMachineView vm(Map<String, String> tags, OsDiskKind disk, boolean hibernation, String image) {
        return new VirtualMachineView("id", new VmRef("rg", "vm"), "westeurope", "size", tags,
                io.avdroll.azure.compute.PowerState.RUNNING, disk, null, null, image, List.of(), hibernation, "Succeeded", "vm");
    }
}
