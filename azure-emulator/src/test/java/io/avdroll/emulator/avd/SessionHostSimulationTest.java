package io.avdroll.emulator.avd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiffDiskPlacement;
import com.azure.resourcemanager.compute.models.PowerState;
import com.azure.resourcemanager.compute.models.VirtualMachine;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.models.Network;
import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.support.ArmHttp;
import io.avdroll.emulator.support.EmulatorClients;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A VM built with the AVD agent and a valid token joins its pool, turns Available and takes users; faults bend that. */
class SessionHostSimulationTest {
    static final String SUB = "00000000-0000-0000-0000-0000000000a1";
    static final String POOL = "/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/Microsoft.DesktopVirtualization/hostPools/hp-sim";
    static final String DR_POOL = POOL.replace("hp-sim", "hp-dr");
    static final String V = "?api-version=2025-10-10";
    static AzureEmulator emulator;
    static AzureResourceManager azure;
    static ArmHttp http;
    static Network network;
    static String imageVersionId;

    @BeforeAll
    static void start() {
        EmulatorOptions options = EmulatorOptions.defaults().speed(20);
        options.timings().all(Duration.ofSeconds(1));
        Seed seed = Seed.parse("""
                {"galleries":[{"subscription":"%1$s","resourceGroup":"rg-images","name":"gal","location":"westeurope",
                   "images":[{"name":"win11","versions":[{"name":"2.0.0"}]}]}],
                 "hostPools":[
                   {"subscription":"%1$s","resourceGroup":"rg-avd","name":"hp-sim","location":"westeurope","maxSessionLimit":4,
                    "registrationTokenHours":48,"users":{"logonIntervalSeconds":2,"sessionMinutesMin":600,"sessionMinutesMax":900,"targetSessions":3}},
                   {"subscription":"%1$s","resourceGroup":"rg-avd","name":"hp-dr","location":"westeurope","image":"gal/win11/2.0.0",
                    "standardHosts":{"count":2},"drHosts":{"count":1,"powerState":"hibernated"},"usersPerHost":1}]}
                """.formatted(SUB));
        emulator = AzureEmulator.start(options.seed(seed));
        azure = EmulatorClients.resourceManager(emulator, SUB);
        http = new ArmHttp(emulator);
        network = azure.networks().define("vnet-avd").withRegion("westeurope").withExistingResourceGroup("rg-avd")
                .withAddressSpace("10.1.0.0/16").withSubnet("hosts", "10.1.0.0/24").create();
        imageVersionId = azure.galleryImageVersions().getByGalleryImage("rg-images", "gal", "win11", "2.0.0").id();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static String registrationToken() {
        return http.send("POST", POOL + "/retrieveRegistrationToken" + V, null).body().get("token").asText();
    }

    static VirtualMachine createWithAgent(String name, String token) {
        return azure.virtualMachines().define(name).withRegion("westeurope").withExistingResourceGroup("rg-avd")
                .withExistingPrimaryNetwork(network).withSubnet("hosts").withPrimaryPrivateIPAddressDynamic()
                .withoutPrimaryPublicIPAddress()
                .withGeneralizedWindowsGalleryImageVersion(imageVersionId)
                .withAdminUsername("avdadmin").withAdminPassword("N0t-a-real-Passw0rd!")
                .withEphemeralOSDisk().withPlacement(DiffDiskPlacement.RESOURCE_DISK)
                .withPrimaryNetworkInterfaceDeleteOptions(DeleteOptions.DELETE)
                .withSize(VirtualMachineSizeTypes.fromString("Standard_D4ds_v5"))
                .defineNewExtension("Microsoft.PowerShell.DSC").withPublisher("Microsoft.Powershell").withType("DSC").withVersion("2.77")
                .withPublicSettings(new java.util.HashMap<>(Map.of("configurationFunction", "Configuration.ps1\\AddSessionHost",
                        "properties", Map.of("hostPoolName", "hp-sim", "registrationInfoTokenCredential",
                                Map.of("UserName", "PLACEHOLDER_DO_NOT_USE", "Password", "PrivateSettingsRef:RegistrationInfoToken")))))
                .withProtectedSettings(new java.util.HashMap<>(Map.of("Items", Map.of("RegistrationInfoToken", token))))
                .attach()
                .create();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static JsonNode host(String pool, String name) {
        ArmHttp.Reply r = http.get(pool + "/sessionHosts/" + name + V);
        return r.status() == 200 ? r.body() : null;
    }

    @Test
    void aVmWithTheAgentAndAValidTokenRegistersBecomesAvailableAndUsersLogOn() {
        VirtualMachine vm = createWithAgent("avd-new-01", registrationToken());

        await("host Available", () -> host(POOL, "avd-new-01") != null
                && host(POOL, "avd-new-01").at("/properties/status").asText().equals("Available"));
        JsonNode host = host(POOL, "avd-new-01");
        assertThat(host.get("name").asText()).isEqualTo("hp-sim/avd-new-01");
        assertThat(host.at("/properties/resourceId").asText()).isEqualTo(vm.id());
        assertThat(host.at("/properties/virtualMachineId").asText()).isEqualTo(vm.vmId());
        assertThat(emulator.audit().since(0, "SessionHostStatusChanged")).anyMatch(e -> e.resource().endsWith("/avd-new-01")
                && e.details().get("from").equals("Unavailable") && e.details().get("to").equals("Available"));
        assertThat(emulator.audit().since(0, "SessionHostRegistered")).anyMatch(e -> e.resource().endsWith("/avd-new-01")
                && e.details().get("image").equals(imageVersionId));

        await("users logged on", () -> host(POOL, "avd-new-01").at("/properties/sessions").asInt() >= 1);
        JsonNode sessions = http.get(POOL + "/sessionHosts/avd-new-01/userSessions" + V).body().get("value");
        assertThat(sessions.get(0).get("name").asText()).startsWith("hp-sim/avd-new-01/");
    }

    @Test
    void theAgentsProtectedSettingsAreNeverReadBack() {
        String token = registrationToken();
        VirtualMachine vm = createWithAgent("avd-new-02", token);

        var reread = azure.virtualMachines().getById(vm.id()).listExtensions().values();
        assertThat(reread).isNotEmpty().allSatisfy(e -> {
            assertThat(String.valueOf(e.innerModel().protectedSettings())).doesNotContain(token);
            assertThat(e.publicSettingsAsJsonString()).contains("AddSessionHost");
        });
        ArmHttp.Reply raw = http.get(vm.id() + "?api-version=2025-04-01&$expand=instanceView");
        ArmHttp.Reply ext = http.get(vm.id() + "/extensions/Microsoft.PowerShell.DSC?api-version=2025-04-01");
        assertThat(raw.raw().body()).doesNotContain(token).doesNotContain("protectedSettings");
        assertThat(ext.raw().body()).doesNotContain(token);
        assertThat(emulator.audit().all()).noneMatch(e -> e.details().toString().contains(token));
    }

    @Test
    void anUnknownTokenFailsTheAgentExtensionAndTheHostNeverJoins() {
        assertThatThrownBy(() -> createWithAgent("avd-bad-token", "not-a-token-this-emulator-issued"))
                .isInstanceOf(ManagementException.class)
                .satisfies(e -> assertThat(((ManagementException) e).getValue().getCode()).isEqualTo("VMExtensionProvisioningError"));
        assertThat(host(POOL, "avd-bad-token")).isNull();
    }

    @Test
    void aHostThatNeverRegistersStaysOutOfThePool() {
        FaultRule fault = new FaultRule();
        fault.kind = "hostNeverRegisters";
        fault.vmNamePattern = "avd-ghost-.*";
        emulator.faults().add(fault);
        long seqBefore = emulator.audit().all().size();

        createWithAgent("avd-ghost-01", registrationToken());
        createWithAgent("avd-new-03", registrationToken());

        await("the control host registers", () -> host(POOL, "avd-new-03") != null);
        assertThat(host(POOL, "avd-ghost-01")).isNull();
        assertThat(emulator.audit().since(seqBefore, "RegistrationSuppressed")).anyMatch(e -> e.resource().endsWith("/avd-ghost-01"));
    }

    @Test
    void aHostThatNeverBecomesAvailableStaysUnavailableWithAFailingHealthCheck() {
        FaultRule fault = new FaultRule();
        fault.kind = "hostNeverAvailable";
        fault.vmNamePattern = "avd-sick-.*";
        emulator.faults().add(fault);

        createWithAgent("avd-sick-01", registrationToken());
        createWithAgent("avd-new-04", registrationToken());

        await("the control host turns Available", () -> host(POOL, "avd-new-04") != null
                && host(POOL, "avd-new-04").at("/properties/status").asText().equals("Available"));
        JsonNode sick = host(POOL, "avd-sick-01");
        assertThat(sick.at("/properties/status").asText()).isEqualTo("Unavailable");
        assertThat(sick.at("/properties/sessionHostHealthCheckResults")).anyMatch(r -> r.get("healthCheckResult").asText().equals("HealthCheckFailed"));
    }

    @Test
    void aHibernatedDrHostIsShutdownAndAvailableAgainAfterStart() {
        String drHost = "hp-dr-dr-01";
        assertThat(host(DR_POOL, drHost).at("/properties/status").asText()).isEqualTo("Shutdown");
        VirtualMachine vm = azure.virtualMachines().getById(host(DR_POOL, drHost).at("/properties/resourceId").asText());
        assertThat(vm.powerState()).isEqualTo(PowerState.DEALLOCATED);

        vm.start();

        await("DR host Available", () -> host(DR_POOL, drHost).at("/properties/status").asText().equals("Available"));
        vm.deallocate(true);
        assertThat(host(DR_POOL, drHost).at("/properties/status").asText()).isEqualTo("Shutdown");
        assertThat(emulator.audit().since(0, "VmPowerChanged")).extracting(AuditLog.Entry::details)
                .anyMatch(d -> d.get("to").equals("hibernated") && d.get("from").equals("running"));
    }

    @Test
    void aVmDeletedBehindTheSystemsBackLeavesAnUnavailableHostAndForcedOffSessions() {
        JsonNode before = host(DR_POOL, "hp-dr-01");
        assertThat(before.at("/properties/sessions").asInt()).isEqualTo(1);
        String vmId = before.at("/properties/resourceId").asText();

        ArmHttp.Reply reply = http.send("POST", "/_emulator/vms/delete", Map.of("id", vmId));

        assertThat(reply.status()).isEqualTo(204);
        JsonNode after = host(DR_POOL, "hp-dr-01");
        assertThat(after.at("/properties/status").asText()).isEqualTo("Unavailable");
        assertThat(after.at("/properties/sessions").asInt()).isZero();
        assertThatThrownBy(() -> azure.virtualMachines().getById(vmId)).isInstanceOf(ManagementException.class);
        assertThat(emulator.audit().since(0, "VmDeleted")).anyMatch(e -> e.resource().equals(vmId) && e.actor().equals("admin"));
        assertThat(emulator.audit().since(0, "UserSessionLoggedOff")).anyMatch(e -> e.resource().contains("/hp-dr-01/")
                && e.details().get("forced").equals(true) && e.details().get("reason").equals("vm deleted"));
    }
}
