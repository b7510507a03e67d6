package io.avdroll.emulator.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiffDiskPlacement;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.GalleryImageVersion;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.PowerState;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.models.Network;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.support.EmulatorClients;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComputeWithRealSdkTest {
    static final String SUB = "00000000-0000-0000-0000-00000000c0de";
    static final String RG = "rg-hosts";
    static final String LISTED_RG = "rg-list";
    static final int ARM_PAGE_SIZE = 2;
    static EmulatorOptions options;
    static AzureEmulator emulator;
    static AzureResourceManager azure;
    static Network network;

    @BeforeAll
    static void start() {
        options = EmulatorOptions.defaults().speed(20).retryAfterSeconds(1).armPageSize(ARM_PAGE_SIZE);
        options.timings().all(Duration.ofSeconds(1));
        Seed seed = Seed.parse("""
                {"galleries":[{"subscription":"%1$s","resourceGroup":"rg-images","name":"gal","location":"westeurope",
                  "images":[{"name":"win11-avd","versions":[
                    {"name":"1.0.0","publishedDate":"2025-01-01T00:00:00Z"},
                    {"name":"1.1.0","publishedDate":"2025-02-01T00:00:00Z"},
                    {"name":"1.2.0","publishedDate":"2025-03-01T00:00:00Z","excludeFromLatest":true}]}]}],
                 "hostPools":[{"subscription":"%1$s","resourceGroup":"%2$s","name":"hp-list","location":"westeurope",
                   "image":"gal/win11-avd/1.0.0",
                   "standardHosts":{"count":5,"namePrefix":"std-"},
                   "drHosts":{"count":2,"namePrefix":"dr-","powerState":"hibernated"}}]}
                """.formatted(SUB, LISTED_RG));
        emulator = AzureEmulator.start(options.seed(seed));
        azure = EmulatorClients.resourceManager(emulator, SUB);
        network = azure.networks().define("vnet-hosts").withRegion("westeurope").withExistingResourceGroup(RG)
                .withAddressSpace("10.0.0.0/16").withSubnet("default", "10.0.0.0/24").create();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
        options.vmListExpandNeedsFilter(false);
    }

    private String newestVersionId() {
        return azure.galleryImageVersions().listByGalleryImage("rg-images", "gal", "win11-avd").stream()
                .filter(v -> !Boolean.TRUE.equals(v.isExcludedFromLatest()))
                .max(Comparator.comparing(v -> v.innerModel().publishingProfile().publishedDate()))
                .orElseThrow().id();
    }

    private VirtualMachine createEphemeral(String name) {
        return azure.virtualMachines().define(name).withRegion("westeurope").withExistingResourceGroup(RG)
                .withExistingPrimaryNetwork(network).withSubnet("default").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress()
                .withGeneralizedWindowsGalleryImageVersion(newestVersionId())
                .withAdminUsername("avdadmin").withAdminPassword("N0t-a-real-Passw0rd!")
                .withEphemeralOSDisk().withPlacement(DiffDiskPlacement.RESOURCE_DISK)
                .withPrimaryNetworkInterfaceDeleteOptions(DeleteOptions.DELETE)
                .withSize(VirtualMachineSizeTypes.fromString("Standard_D4ds_v5"))
                .withTag("avd-rollout", "r1")
                .create();
    }

    private VirtualMachine createHibernatable(String name) {
        return azure.virtualMachines().define(name).withRegion("westeurope").withExistingResourceGroup(RG)
                .withExistingPrimaryNetwork(network).withSubnet("default").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress()
                .withGeneralizedWindowsGalleryImageVersion(newestVersionId())
                .withAdminUsername("avdadmin").withAdminPassword("N0t-a-real-Passw0rd!")
                .withOSDiskDeleteOptions(DeleteOptions.DELETE)
                .withPrimaryNetworkInterfaceDeleteOptions(DeleteOptions.DELETE)
                .enableHibernation()
                .withSize(VirtualMachineSizeTypes.fromString("Standard_D4s_v5"))
                .create();
    }

    @Test
    void theNewestVersionNotExcludedFromLatestIsFoundThroughTheSdk() {
        assertThat(newestVersionId()).endsWith("/versions/1.1.0");
    }

    @Test
    void anEphemeralVmFromAGalleryVersionIsCreatedAndReportsRunningWithItsTags() {
        VirtualMachine vm = createEphemeral("avd-eph-01");

        VirtualMachine read = azure.virtualMachines().getById(vm.id());
        assertThat(read.isOSDiskEphemeral()).isTrue();
        assertThat(read.provisioningState()).isEqualTo("Succeeded");
        assertThat(read.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(read.tags()).containsEntry("avd-rollout", "r1");
        assertThat(read.innerModel().storageProfile().imageReference().id()).endsWith("/galleries/gal/images/win11-avd/versions/1.1.0");
        assertThat(read.osProfile().adminPassword()).isNull();
    }

    @Test
    void tagsAreUpdatedInPlace() {
        VirtualMachine vm = createEphemeral("avd-eph-tags");
        vm.update().withTag("avd-stage", "drained").apply();

        assertThat(azure.virtualMachines().getById(vm.id()).tags()).containsEntry("avd-stage", "drained").containsEntry("avd-rollout", "r1");
        assertThat(emulator.audit().since(0, "TagsChanged")).anyMatch(e -> e.resource().equals(vm.id()));
    }

    @Test
    void aDrVmWithHibernationIsHibernatedAndStartedAgain() {
        VirtualMachine vm = createHibernatable("avd-dr-01");
        assertThat(vm.isHibernationEnabled()).isTrue();
        assertThat(vm.isOSDiskEphemeral()).isFalse();

        vm.deallocate(true);
        VirtualMachine hibernated = azure.virtualMachines().getById(vm.id());
        assertThat(hibernated.powerState()).isEqualTo(PowerState.DEALLOCATED);
        assertThat(hibernated.instanceView().statuses()).anyMatch(s -> s.code().equals("HibernationState/Hibernated"));
        assertThat(azure.disks().getById(hibernated.osDiskId()).innerModel().diskState().toString()).isEqualTo("Reserved");

        hibernated.start();
        VirtualMachine running = azure.virtualMachines().getById(vm.id());
        assertThat(running.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(running.instanceView().statuses()).noneMatch(s -> s.code().startsWith("HibernationState"));
    }

    @Test
    void anEphemeralVmCannotBeDeallocated() {
        VirtualMachine vm = createEphemeral("avd-eph-nodealloc");
        assertThatThrownBy(vm::deallocate).isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).getValue().getCode()).isEqualTo("OperationNotAllowed"));
    }

    @Test
    void deletingAVmAlsoDeletesItsOsDiskAndNicWhenTheirDeleteOptionSaysSo() {
        VirtualMachine vm = createHibernatable("avd-dr-del");
        String diskId = vm.osDiskId();
        String nicId = vm.primaryNetworkInterfaceId();
        assertThat(azure.disks().getById(diskId)).isNotNull();

        azure.virtualMachines().deleteById(vm.id(), true);

        assertThatThrownBy(() -> azure.virtualMachines().getById(vm.id())).isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).getValue().getCode()).isEqualTo("ResourceNotFound"));
        assertThatThrownBy(() -> azure.disks().getById(diskId)).isInstanceOf(ManagementException.class);
        assertThatThrownBy(() -> azure.networkInterfaces().getById(nicId)).isInstanceOf(ManagementException.class);
        assertThat(emulator.audit().since(0, "VmDeleted")).anyMatch(e -> e.resource().equals(vm.id())
                && Boolean.TRUE.equals(e.details().get("forceDeletion")));
    }

    @Test
    void throttledReadsAreRetriedByTheSdkAfterRetryAfter() {
        VirtualMachine vm = createEphemeral("avd-eph-429");
        FaultRule throttle = new FaultRule();
        throttle.kind = "throttle";
        throttle.operation = "Microsoft.Compute/virtualMachines/read";
        throttle.count = 2;
        throttle.retryAfterSeconds = 1;
        emulator.faults().add(throttle);
        long before = emulator.counters().throttledTotal();

        VirtualMachine read = azure.virtualMachines().getById(vm.id());

        assertThat(read.name()).isEqualTo("avd-eph-429");
        assertThat(emulator.counters().throttledTotal() - before).isEqualTo(2);
    }

    @Test
    void anAllocationFailureEndsTheCreateOperationFailedWithThatCode() {
        FaultRule fault = new FaultRule();
        fault.kind = "vmCreateFailure";
        fault.code = "AllocationFailed";
        fault.vmNamePattern = "avd-alloc-.*";
        emulator.faults().add(fault);

        assertThatThrownBy(() -> createEphemeral("avd-alloc-01")).isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).getValue().getCode()).isEqualTo("AllocationFailed"));
        assertThat(emulator.audit().since(0, "VmCreateFailed")).anyMatch(e -> e.resource().endsWith("/avd-alloc-01"));
    }

    @Test
    void skuNotAvailableIsReportedWithItsOwnCode() {
        FaultRule fault = new FaultRule();
        fault.kind = "vmCreateFailure";
        fault.code = "SkuNotAvailable";
        fault.vmNamePattern = "avd-sku-.*";
        emulator.faults().add(fault);

        assertThatThrownBy(() -> createEphemeral("avd-sku-01")).isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).getValue().getCode()).isEqualTo("SkuNotAvailable"));
    }

    @Test
    void aFailedLongRunningOperationReachesTheSdkAndLeavesThePowerStateAsItWas() {
        VirtualMachine vm = createHibernatable("avd-dr-opfail");
        vm.deallocate();
        FaultRule fault = new FaultRule();
        fault.kind = "operationFailure";
        fault.operation = "Microsoft.Compute/virtualMachines/start/action";
        fault.code = "InternalExecutionError";
        fault.count = 1;
        emulator.faults().add(fault);

        assertThatThrownBy(vm::start).isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).getValue().getCode()).isEqualTo("InternalExecutionError"));
        assertThat(azure.virtualMachines().getById(vm.id()).powerState()).isEqualTo(PowerState.DEALLOCATED);
    }

    @Test
    void aSecondPowerOperationWhileOneRunsIsAConflict() {
        VirtualMachine vm = createHibernatable("avd-dr-busy");
        FaultRule slow = new FaultRule();
        slow.kind = "slowOperation";
        slow.operation = "Microsoft.Compute/virtualMachines/deallocate/action";
        slow.factor = 100.0;
        emulator.faults().add(slow);
        io.avdroll.emulator.support.ArmHttp http = new io.avdroll.emulator.support.ArmHttp(emulator);

        assertThat(http.send("POST", vm.id() + "/deallocate?api-version=2025-04-01", null).status()).isEqualTo(202);
        io.avdroll.emulator.support.ArmHttp.Reply second = http.send("POST", vm.id() + "/start?api-version=2025-04-01", null);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().at("/error/code").asText()).isEqualTo("RetryableErrorDueToAnotherOperation");
        assertThat(azure.virtualMachines().getById(vm.id()).powerState()).isEqualTo(PowerState.DEALLOCATING);
    }

    // ---- VirtualMachines_List with $expand=instanceView, through the SDK's generated client ----

    private static VirtualMachinesClient vms() {
        return azure.virtualMachines().manager().serviceClient().getVirtualMachines();
    }

    @Test
    void theExpandedListGivesEveryVmOfTheResourceGroupItsPowerStateOnEveryPage() {
        long before = reads();
        List<VirtualMachineInner> listed = vms().listByResourceGroup(LISTED_RG, null, ExpandTypeForListVMs.INSTANCE_VIEW, Context.NONE)
                .stream().toList();

        assertThat(reads() - before).as("7 VMs at " + ARM_PAGE_SIZE + " per page").isEqualTo(4);
        Map<String, String> power = listed.stream().collect(Collectors.toMap(VirtualMachineInner::name,
                vm -> vm.instanceView().statuses().stream().map(InstanceViewStatus::code)
                        .filter(code -> code.startsWith("PowerState/")).findFirst().orElseThrow(), (a, b) -> a, TreeMap::new));
        assertThat(power).containsOnlyKeys("dr-01", "dr-02", "std-01", "std-02", "std-03", "std-04", "std-05");
        assertThat(power).containsEntry("std-01", "PowerState/running").containsEntry("dr-01", "PowerState/deallocated");
        assertThat(listed).filteredOn(vm -> vm.name().startsWith("dr-"))
                .allSatisfy(vm -> assertThat(vm.instanceView().statuses()).extracting(InstanceViewStatus::code)
                        .contains("HibernationState/Hibernated"));
        assertThat(listed).allSatisfy(vm -> assertThat(vm.storageProfile().imageReference().id()).endsWith("/versions/1.0.0"));
    }

    @Test
    void withoutTheExpandTheListCarriesTheModelButNoInstanceView() {
        List<VirtualMachineInner> listed = vms().listByResourceGroup(LISTED_RG, null, null, Context.NONE).stream().toList();

        assertThat(listed).hasSize(7).allSatisfy(vm -> {
            assertThat(vm.instanceView()).isNull();
            assertThat(vm.hardwareProfile().vmSize()).isNotNull();
        });
    }

    @Test
    void anExpandOtherThanInstanceViewIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> vms().listByResourceGroup(LISTED_RG, null, ExpandTypeForListVMs.fromString("userData"), Context.NONE)
                .stream().toList())
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getCode()).isEqualTo("InvalidParameter");
                    assertThat(e.getValue().getMessage()).contains("$expand").contains("userData");
                });
    }

    @Test
    void asThePublishedContractWordsItTheExpandWithoutAFilterCanBeRefused() {
        options.vmListExpandNeedsFilter(true);

        assertThatThrownBy(() -> vms().listByResourceGroup(LISTED_RG, null, ExpandTypeForListVMs.INSTANCE_VIEW, Context.NONE)
                .stream().toList())
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getMessage()).contains("$expand").contains("$filter");
                });
        assertThat(vms().listByResourceGroup(LISTED_RG, null, null, Context.NONE).stream().toList()).hasSize(7);
    }

    @SuppressWarnings("unchecked")
    private static long reads() {
        return ((Map<String, Long>) emulator.counters().snapshot().get("callsByOperation")).getOrDefault("Microsoft.Compute/virtualMachines/read", 0L);
    }
}
