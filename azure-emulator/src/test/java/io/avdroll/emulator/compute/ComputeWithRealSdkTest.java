package io.avdroll.emulator.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiffDiskPlacement;
import com.azure.resourcemanager.compute.models.GalleryImageVersion;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComputeWithRealSdkTest {
    static final String SUB = "00000000-0000-0000-0000-00000000c0de";
    static final String RG = "rg-hosts";
    static AzureEmulator emulator;
    static AzureResourceManager azure;
    static Network network;

    @BeforeAll
    static void start() {
        EmulatorOptions options = EmulatorOptions.defaults().speed(20).retryAfterSeconds(1);
        options.timings().all(Duration.ofSeconds(1));
        Seed seed = Seed.parse("""
                {"galleries":[{"subscription":"%s","resourceGroup":"rg-images","name":"gal","location":"westeurope",
                  "images":[{"name":"win11-avd","versions":[
                    {"name":"1.0.0","publishedDate":"2025-01-01T00:00:00Z"},
                    {"name":"1.1.0","publishedDate":"2025-02-01T00:00:00Z"},
                    {"name":"1.2.0","publishedDate":"2025-03-01T00:00:00Z","excludeFromLatest":true}]}]}]}
                """.formatted(SUB));
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
}
