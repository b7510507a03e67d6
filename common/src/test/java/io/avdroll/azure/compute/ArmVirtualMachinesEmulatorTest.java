package io.avdroll.azure.compute;

import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.RegistrationToken;
import io.avdroll.azure.desktop.RestHostPools;
import io.avdroll.azure.desktop.RestSessionHosts;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.gallery.ArmImageGallery;
import io.avdroll.azure.gallery.GalleryImageRef;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.azure.gallery.ImageVersion;
import io.avdroll.azure.support.EmulatedAzure;
import io.avdroll.azure.support.Eventually;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.fault.FaultRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compute and gallery adapters against the ARM emulator over HTTPS, with the real Azure SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArmVirtualMachinesEmulatorTest {

    private static final String SUB = EmulatedAzure.SUBSCRIPTION;
    private static final String RG = "rg-avd";
    private static final String GALLERY_VERSIONS = "/subscriptions/" + SUB + "/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/gal/images/win11/versions/";
    private static final String SUBNET = "/subscriptions/" + SUB + "/resourceGroups/" + RG
        + "/providers/Microsoft.Network/virtualNetworks/hp-vm-vnet/subnets/default";
    private static final String SEED = """
        {"subscriptions": ["%s"],
         "galleries": [{"subscription": "%s", "resourceGroup": "rg-img", "name": "gal", "location": "westeurope",
           "images": [{"name": "win11", "versions": [
             {"name": "1.0.0", "publishedDate": "2025-01-01T00:00:00Z"},
             {"name": "1.1.0", "publishedDate": "2025-02-01T00:00:00Z"},
             {"name": "1.10.0", "publishedDate": "2025-03-01T00:00:00Z"},
             {"name": "2.0.0", "publishedDate": "2025-04-01T00:00:00Z", "excludeFromLatest": true}]}]}],
         "hostPools": [{"subscription": "%s", "resourceGroup": "%s", "name": "hp-vm", "location": "westeurope",
           "image": "gal/win11/1.0.0", "registrationTokenHours": 24,
           "standardHosts": {"count": 5, "namePrefix": "std-", "vmTags": {"avdroll-class": "standard"}},
           "drHosts": {"count": 2, "namePrefix": "dr-", "powerState": "hibernated"}}]}
        """.formatted(SUB, SUB, SUB, RG);

    private static final int ARM_PAGE_SIZE = 2;

    private EmulatedAzure azure;
    private EmulatorOptions options;
    private VmSizeCatalog noCatalog;
    private VirtualMachines vms;
    private ImageGallery gallery;
    private RestHostPools hostPools;
    private RestSessionHosts sessionHosts;

    @BeforeAll
    void start() {
        azure = EmulatedAzure.start(SEED, Duration.ofMillis(300), o -> options = o.armPageSize(ARM_PAGE_SIZE));
        // the emulator serves no resource-SKU list; these tests give the placement explicitly
        noCatalog = (location, size) -> Optional.empty();
        vms = new ArmVirtualMachines(azure.connection(), noCatalog);
        gallery = new ArmImageGallery(azure.connection());
        hostPools = new RestHostPools(azure.connection());
        sessionHosts = new RestSessionHosts(azure.connection());
    }

    @AfterEach
    void clearFaults() {
        azure.emulator().faults().clear();
        options.vmListExpandNeedsFilter(false);
    }

    @AfterAll
    void stop() {
        azure.close();
    }

    @Test
    void aStandardHostIsReadWithSizeTagsPowerEphemeralDiskImageAndNic() {
        VirtualMachineView vm = vms.get(new VmRef(RG, "std-01"));
        assertThat(vm.size()).isEqualTo("Standard_D4ds_v5");
        assertThat(vm.tags()).containsEntry("avdroll-class", "standard");
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(vm.osDiskKind()).isEqualTo(OsDiskKind.EPHEMERAL);
        assertThat(vm.ephemeralPlacement()).isEqualTo("ResourceDisk");
        assertThat(vm.imageReferenceId()).isEqualToIgnoringCase(GALLERY_VERSIONS + "1.0.0");
        assertThat(vm.primaryNetworkInterfaceId()).endsWith("/networkInterfaces/std-01-nic");
        assertThat(vm.hibernationEnabled()).isFalse();

        NetworkInterfaceView nic = vms.getNetworkInterface(vm.primaryNetworkInterfaceId());
        assertThat(nic.name()).isEqualTo("std-01-nic");
        assertThat(nic.subnetId()).isEqualToIgnoringCase(SUBNET);
    }

    @Test
    void aDrHostIsReadAsHibernatedWithAManagedDisk() {
        VirtualMachineView vm = vms.get(new VmRef(RG, "dr-01"));
        assertThat(vm.powerState()).isEqualTo(PowerState.HIBERNATED);
        assertThat(vm.osDiskKind()).isEqualTo(OsDiskKind.MANAGED);
        assertThat(vm.hibernationEnabled()).isTrue();
    }

    @Test
    void aResourceGroupIsListedWithEveryVmsPowerStateInOnePagedCall() {
        long before = vmReads();
        List<VirtualMachineView> listed = vms.listWithPowerState(RG);

        assertThat(vmReads() - before).as("one request per page of %d", ARM_PAGE_SIZE).isEqualTo(pages(listed.size()));
        assertThat(listed).extracting(vm -> vm.ref().name()).contains("std-01", "std-03", "dr-01", "dr-02");
        assertThat(listed).filteredOn(vm -> vm.ref().name().equals("dr-01")).singleElement()
            .satisfies(vm -> assertThat(vm.powerState()).isEqualTo(PowerState.HIBERNATED));
        for (VirtualMachineView vm : listed) {
            assertThat(vm).as("%s listed as read on its own", vm.ref()).isEqualTo(vms.get(vm.ref()));
        }
    }

    @Test
    void whereTheServiceRefusesToExpandAListEachVmsPowerStateIsReadOnItsOwnAndTheRefusalIsNotRepeated() {
        options.vmListExpandNeedsFilter(true);
        VirtualMachines adapter = new ArmVirtualMachines(azure.connection(), noCatalog);

        long before = vmReads();
        List<VirtualMachineView> listed = adapter.listWithPowerState(RG);
        assertThat(vmReads() - before).as("the refused list, the plain list's pages, one GET per VM")
            .isEqualTo(1 + pages(listed.size()) + listed.size());
        assertThat(listed).filteredOn(vm -> vm.ref().name().equals("dr-01")).singleElement()
            .satisfies(vm -> assertThat(vm.powerState()).isEqualTo(PowerState.HIBERNATED));
        assertThat(listed).allSatisfy(vm -> assertThat(vm).isEqualTo(vms.get(vm.ref())));

        before = vmReads();
        assertThat(adapter.listWithPowerState(RG)).isEqualTo(listed);
        assertThat(vmReads() - before).isEqualTo(pages(listed.size()) + listed.size());
    }

    @Test
    void aVmThatIsNotThereIsEmptyOnFindAndNotFoundOnGet() {
        assertThat(vms.find(new VmRef(RG, "nope-01"))).isEmpty();
        assertThatThrownBy(() -> vms.get(new VmRef(RG, "nope-01")))
            .isInstanceOfSatisfying(AzureFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND);
                assertThat(f.httpStatus()).isEqualTo(404);
            });
    }

    @Test
    void aHostDeletedBehindOurBackIsNotFound() {
        VirtualMachineView vm = vms.get(new VmRef(RG, "std-04"));
        azure.emulator().deleteVmBehindTheBack(vm.id());
        assertThatThrownBy(() -> vms.get(new VmRef(RG, "std-04")))
            .isInstanceOfSatisfying(AzureFailure.class, f -> assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND));
        vms.delete(new VmRef(RG, "std-04"));
    }

    @Test
    void aStandardHostIsRedeployedFromTheNewImageWithTheSameNameNicAndSubnetAndRegisters() {
        VmRef ref = new VmRef(RG, "std-02");
        VirtualMachineView old = vms.get(ref);
        NetworkInterfaceView oldNic = vms.getNetworkInterface(old.primaryNetworkInterfaceId());
        HostPoolRef pool = new HostPoolRef(RG, "hp-vm");
        Instant now = Instant.now();
        RegistrationToken token = hostPools.registrationToken(pool, now, Duration.ofHours(2), Duration.ofHours(4));

        vms.delete(ref);
        assertThat(vms.find(ref)).isEmpty();
        assertThatThrownBy(() -> vms.getNetworkInterface(oldNic.id()))
            .isInstanceOfSatisfying(AzureFailure.class, f -> assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND));

        ImageVersion target = gallery.newestVersion(new GalleryImageRef("rg-img", "gal", "win11"), "westeurope").orElseThrow();
        VirtualMachineView created = vms.createSessionHost(new SessionHostVmSpec(ref, old.location(), old.size(),
            HostClass.STANDARD, target.id(), 127, EphemeralPlacement.RESOURCE_DISK, oldNic.name(), oldNic.subnetId(), null,
            "avdadmin", null, Map.of("avdroll-image", target.name()), null, null,
            new AvdAgent("hp-vm", token, null, false)));

        assertThat(created.osDiskKind()).isEqualTo(OsDiskKind.EPHEMERAL);
        assertThat(created.imageReferenceId()).isEqualToIgnoringCase(target.id());
        assertThat(created.tags()).containsEntry("avdroll-image", "1.10.0");
        assertThat(vms.getNetworkInterface(created.primaryNetworkInterfaceId()))
            .satisfies(nic -> {
                assertThat(nic.name()).isEqualTo("std-02-nic");
                assertThat(nic.subnetId()).isEqualToIgnoringCase(oldNic.subnetId());
            });
        SessionHostView registered = Eventually.await("std-02 registers to hp-vm", Duration.ofSeconds(30),
            () -> sessionHosts.list(pool).stream().filter(h -> h.vmName().equals("std-02")).findFirst());
        assertThat(registered.hostPool()).isEqualTo("hp-vm");
    }

    @Test
    void aDrHostIsCreatedWithHibernationThenHibernatedStartedAndDeallocated() {
        VmRef ref = new VmRef(RG, "dr-new-01");
        HostPoolRef pool = new HostPoolRef(RG, "hp-vm");
        RegistrationToken token = hostPools.registrationToken(pool, Instant.now(), Duration.ofHours(2), Duration.ofHours(4));
        long vmReadsBefore = vmReads();
        long extensionReadsBefore = calls("Microsoft.Compute/virtualMachines/extensions/read");
        VirtualMachineView created = vms.createSessionHost(new SessionHostVmSpec(ref, "westeurope", "Standard_D4s_v5",
            HostClass.DR, GALLERY_VERSIONS + "1.1.0", 127, null, "dr-new-01-nic", SUBNET, null, "avdadmin", null,
            Map.of(), null, null, new AvdAgent("hp-vm", token, null, false)));
        assertThat(created.osDiskKind()).isEqualTo(OsDiskKind.MANAGED);
        assertThat(created.hibernationEnabled()).isTrue();
        assertThat(created.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(vmReads() - vmReadsBefore).as("the VM is read once, with its power, after the creates").isEqualTo(1);
        assertThat(calls("Microsoft.Compute/virtualMachines/extensions/read") - extensionReadsBefore).isZero();

        vms.hibernate(ref);
        assertThat(vms.get(ref).powerState()).isEqualTo(PowerState.HIBERNATED);
        vms.start(ref);
        assertThat(vms.get(ref).powerState()).isEqualTo(PowerState.RUNNING);
        vms.deallocate(ref);
        assertThat(vms.get(ref).powerState()).isEqualTo(PowerState.DEALLOCATED);

        String osDisk = vms.get(ref).osDiskId();
        vms.delete(ref);
        assertThat(vms.find(ref)).isEmpty();
        assertThat(osDisk).isNotNull();
    }

    @Test
    void aVmJustReadIsDeletedWithItsNicWithoutReadingItAgainAndAVmAlreadyGoneIsNoError() {
        VmRef ref = new VmRef(RG, "std-05");
        VirtualMachineView read = vms.get(ref);

        long before = vmReads();
        vms.delete(read);

        assertThat(vmReads() - before).isZero();
        assertThat(vms.find(ref)).isEmpty();
        assertThatThrownBy(() -> vms.getNetworkInterface(read.primaryNetworkInterfaceId()))
            .isInstanceOfSatisfying(AzureFailure.class, f -> assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND));
        vms.delete(read);
    }

    @Test
    void tagsAreMergedAndRemovedKeepingTheOthers() {
        VmRef ref = new VmRef(RG, "std-03");
        vms.updateTags(ref, Map.of("avdroll-stage", "drained", "avdroll-rollout", "r-1"), Set.of());
        Map<String, String> tags = vms.updateTags(ref, Map.of("avdroll-stage", "redeployed"), Set.of("avdroll-rollout"));
        assertThat(tags).containsEntry("avdroll-stage", "redeployed").containsEntry("avdroll-class", "standard")
            .doesNotContainKey("avdroll-rollout");
        assertThat(vms.get(ref).tags()).isEqualTo(tags);
    }

    @Test
    void tagsAreMergedOntoTheTagsJustReadWithoutReadingTheVmAgain() {
        VmRef ref = new VmRef(RG, "std-01");
        VirtualMachineView read = vms.get(ref);

        long before = vmReads();
        Map<String, String> first = vms.updateTags(ref, read.tags(), Map.of("avdroll-stage", "draining"), Set.of());
        Map<String, String> second = vms.updateTags(ref, first, Map.of("avdroll-drain-notices", "1"), Set.of("avdroll-stage"));

        assertThat(vmReads() - before).isZero();
        assertThat(second).containsEntry("avdroll-class", "standard").containsEntry("avdroll-drain-notices", "1")
            .doesNotContainKey("avdroll-stage");
        assertThat(vms.get(ref).tags()).isEqualTo(second);
    }

    @Test
    void anAllocationFailureOfTheCreateOperationSurfacesAsQuotaOrAllocation() {
        FaultRule rule = new FaultRule();
        rule.kind = "vmCreateFailure";
        rule.vmNamePattern = "alloc-.*";
        rule.code = "AllocationFailed";
        azure.emulator().faults().add(rule);
        HostPoolRef pool = new HostPoolRef(RG, "hp-vm");
        RegistrationToken token = hostPools.registrationToken(pool, Instant.now(), Duration.ofHours(2), Duration.ofHours(4));

        assertThatThrownBy(() -> vms.createSessionHost(new SessionHostVmSpec(new VmRef(RG, "alloc-01"), "westeurope",
            "Standard_D4ds_v5", HostClass.STANDARD, GALLERY_VERSIONS + "1.1.0", 127, EphemeralPlacement.CACHE_DISK,
            "alloc-01-nic", SUBNET, null, "avdadmin", null, Map.of(), null, null, new AvdAgent("hp-vm", token, null, false))))
            .isInstanceOfSatisfying(AzureFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AzureFailureKind.QUOTA_OR_ALLOCATION);
                assertThat(f.code()).isEqualTo("AllocationFailed");
                assertThat(f.retryable()).isFalse();
                assertThat(f.operation()).isEqualTo("create VM rg-avd/alloc-01");
            });
    }

    @Test
    void aVmCreationIsStartedWithoutWaitingForItAndTheAgentIsInstalledInASecondStartedStep() {
        FaultRule slow = new FaultRule();
        slow.kind = "slowOperation";
        slow.operation = "Microsoft.Compute/virtualMachines/write";
        slow.factor = 10.0; // 3 s: the create is certainly still running when the call returns
        azure.emulator().faults().add(slow);
        VmRef ref = new VmRef(RG, "std-async-01");
        HostPoolRef pool = new HostPoolRef(RG, "hp-vm");
        SessionHostVmSpec vmOnly = new SessionHostVmSpec(ref, "westeurope", "Standard_D4ds_v5", HostClass.STANDARD,
            GALLERY_VERSIONS + "1.1.0", 127, EphemeralPlacement.CACHE_DISK, "std-async-01-nic", SUBNET, null, "avdadmin",
            null, Map.of("avdroll-stage", "redeploying"), null, null, null);

        vms.beginCreateVm(vmOnly);

        VirtualMachineView creating = vms.get(ref);
        assertThat(creating.provisioningState()).as("right after the call returned").isEqualTo("Creating");
        assertThat(creating.agentProvisioningState()).as("no agent yet").isNull();
        VirtualMachineView created = Eventually.await("std-async-01 created", Duration.ofSeconds(30),
            () -> vms.find(ref).filter(vm -> "Succeeded".equals(vm.provisioningState())));
        assertThat(created.tags()).containsEntry("avdroll-stage", "redeploying");
        assertThat(created.agentProvisioningState()).isNull();

        RegistrationToken token = hostPools.registrationToken(pool, Instant.now(), Duration.ofHours(2), Duration.ofHours(4));
        vms.beginAgentInstall(new SessionHostVmSpec(ref, "westeurope", "Standard_D4ds_v5", HostClass.STANDARD,
            GALLERY_VERSIONS + "1.1.0", 127, EphemeralPlacement.CACHE_DISK, "std-async-01-nic", SUBNET, null, "avdadmin",
            null, Map.of(), null, null, new AvdAgent("hp-vm", token, null, false)));

        Eventually.await("the agent on std-async-01 provisioned", Duration.ofSeconds(30),
            () -> vms.find(ref).filter(vm -> "Succeeded".equals(vm.agentProvisioningState())));
        Eventually.await("std-async-01 registers to hp-vm", Duration.ofSeconds(30),
            () -> sessionHosts.list(pool).stream().filter(h -> h.vmName().equals("std-async-01")).findFirst());
        assertThatThrownBy(() -> vms.beginAgentInstall(vmOnly)).as("an install without an agent to install")
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent");

        VirtualMachineView built = vms.get(ref);
        assertThat(built.removesDiskAndNicsWithIt()).as("created with deleteOption Delete on its disk and NIC").isTrue();
        FaultRule slowDelete = new FaultRule();
        slowDelete.kind = "slowOperation";
        slowDelete.operation = "Microsoft.Compute/virtualMachines/delete";
        slowDelete.factor = 10.0;
        azure.emulator().faults().add(slowDelete);
        vms.beginDelete(built);
        assertThat(vms.find(ref)).as("right after the call returned").hasValueSatisfying(
            vm -> assertThat(vm.provisioningState()).isEqualTo("Deleting"));
        Eventually.await("std-async-01 deleted", Duration.ofSeconds(30),
            () -> vms.find(ref).isEmpty() ? Optional.of(true) : Optional.empty());
        assertThatThrownBy(() -> vms.getNetworkInterface(built.primaryNetworkInterfaceId())).as("its NIC went with it")
            .isInstanceOfSatisfying(AzureFailure.class, f -> assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND));
        VirtualMachineView leavesANic = new VirtualMachineView(built.id(), built.ref(), built.location(), built.size(),
            built.tags(), built.powerState(), built.osDiskKind(), built.ephemeralPlacement(), built.osDiskId(),
            built.imageReferenceId(), built.networkInterfaceIds(), false, "Succeeded", built.computerName(), null, null,
            false);
        assertThatThrownBy(() -> vms.beginDelete(leavesANic)).as("a VM that would leave its disk or a NIC behind")
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delete()");
    }

    @Test
    void aCreationThatFailsAfterItWasAcceptedShowsAzuresCodeAndMessageOnTheVm() {
        FaultRule rule = new FaultRule();
        rule.kind = "vmCreateFailure";
        rule.vmNamePattern = "alloc-async-.*";
        rule.code = "AllocationFailed";
        azure.emulator().faults().add(rule);
        VmRef ref = new VmRef(RG, "alloc-async-01");

        vms.beginCreateVm(new SessionHostVmSpec(ref, "westeurope", "Standard_D4ds_v5", HostClass.STANDARD,
            GALLERY_VERSIONS + "1.1.0", 127, EphemeralPlacement.CACHE_DISK, "alloc-async-01-nic", SUBNET, null,
            "avdadmin", null, Map.of(), null, null, null));

        VirtualMachineView failed = Eventually.await("the create of alloc-async-01 failed", Duration.ofSeconds(30),
            () -> vms.find(ref).filter(vm -> "Failed".equals(vm.provisioningState())));
        assertThat(failed.provisioningFailure()).isNotNull();
        assertThat(failed.provisioningFailure().code()).isEqualTo("AllocationFailed");
        assertThat(failed.provisioningFailure().message()).contains("capacity");
        vms.delete(failed);
        assertThat(vms.find(ref)).isEmpty();
    }

    @Test
    void aShort429StormOnReadsIsAbsorbedByTheRetryPolicyHonouringRetryAfter() {
        FaultRule storm = new FaultRule();
        storm.kind = "throttle";
        storm.operation = "Microsoft.Compute/virtualMachines/read";
        storm.count = 2;
        storm.retryAfterSeconds = 1;
        azure.emulator().faults().add(storm);
        long started = System.nanoTime();
        assertThat(vms.get(new VmRef(RG, "std-01")).powerState()).isEqualTo(PowerState.RUNNING);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(storm.fired).isEqualTo(2);
        assertThat(took).as("two Retry-After: 1 waits were honoured").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void a429StormLongerThanTheRetryBudgetSurfacesAsThrottledWithRetryAfter() {
        FaultRule storm = new FaultRule();
        storm.kind = "throttle";
        storm.operation = "Microsoft.Compute/virtualMachines/read";
        storm.count = 10;
        storm.retryAfterSeconds = 1;
        azure.emulator().faults().add(storm);
        assertThatThrownBy(() -> vms.get(new VmRef(RG, "std-01")))
            .isInstanceOfSatisfying(AzureFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AzureFailureKind.THROTTLED);
                assertThat(f.httpStatus()).isEqualTo(429);
                assertThat(f.retryAfter()).contains(Duration.ofSeconds(1));
            });
        assertThat(storm.fired).as("the first try and 3 retries").isEqualTo(4);
    }

    @Test
    void galleryVersionsAreListedAndLatestSkipsExcludedVersionsAndComparesNumerically() {
        GalleryImageRef image = new GalleryImageRef("rg-img", "gal", "win11");
        assertThat(gallery.listVersions(image)).extracting(ImageVersion::name)
            .containsExactlyInAnyOrder("1.0.0", "1.1.0", "1.10.0", "2.0.0");
        assertThat(gallery.listVersions(image)).filteredOn(v -> v.name().equals("2.0.0")).singleElement()
            .satisfies(v -> assertThat(v.excludeFromLatest()).isTrue());
        assertThat(gallery.newestVersion(image, "westeurope")).map(ImageVersion::name).contains("1.10.0");
    }

    @Test
    void anImageThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> gallery.listVersions(new GalleryImageRef("rg-img", "gal", "win10")))
            .isInstanceOfSatisfying(AzureFailure.class, f -> assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND));
    }

    private static long pages(int items) {
        return Math.max(1, (items + ARM_PAGE_SIZE - 1) / ARM_PAGE_SIZE);
    }

    private long vmReads() {
        return calls("Microsoft.Compute/virtualMachines/read");
    }

    @SuppressWarnings("unchecked")
    private long calls(String operation) {
        return ((Map<String, Long>) azure.emulator().counters().snapshot().get("callsByOperation")).getOrDefault(operation, 0L);
    }
}
