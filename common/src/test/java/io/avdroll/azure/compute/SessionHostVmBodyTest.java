package io.avdroll.azure.compute;

import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineExtensionInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.azure.desktop.RegistrationToken;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exact ARM bodies the adapter sends, as the SDK serialises them. */
class SessionHostVmBodyTest {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJSZWdpc3RyYXRpb25JZCI6InRlc3QifQ.c2lnbmF0dXJl";
    static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-avd";
    static final String IMAGE = SUB + "/providers/Microsoft.Compute/galleries/gal/images/win11/versions/1.2.0";
    static final String SUBNET = SUB + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/hosts";

    static SessionHostVmSpec spec(HostClass hostClass, EphemeralPlacement placement) {
        return new SessionHostVmSpec(new VmRef("rg-avd", "avd-07"), "westeurope", "Standard_D8ds_v5", hostClass,
            IMAGE, 127, placement, "avd-07-nic", SUBNET, null, "avdadmin", null, Map.of("avdroll-image", "1.2.0"),
            null, "TrustedLaunch", new AvdAgent("hp-01", new RegistrationToken(TOKEN, Instant.parse("2030-01-01T00:00:00Z")), null, false));
    }

    private static JsonNode json(com.azure.json.JsonSerializable<?> model) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = JsonProviders.createWriter(out)) {
            model.toJson(writer);
        }
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void aStandardHostGetsALocalEphemeralOsDiskAtTheChosenPlacement() throws Exception {
        VirtualMachineInner body = ArmVirtualMachines.vmBody(spec(HostClass.STANDARD, EphemeralPlacement.CACHE_DISK), "nic-id", "P@ss");
        JsonNode osDisk = json(body).at("/properties/storageProfile/osDisk");
        assertThat(osDisk.at("/diffDiskSettings/option").asText()).isEqualTo("Local");
        assertThat(osDisk.at("/diffDiskSettings/placement").asText()).isEqualTo("CacheDisk");
        assertThat(osDisk.at("/caching").asText()).isEqualTo("ReadOnly");
        assertThat(osDisk.at("/deleteOption").asText()).isEqualTo("Delete");
        assertThat(json(body).at("/properties/additionalCapabilities/hibernationEnabled").isMissingNode()).isTrue();
    }

    @Test
    void aDrHostGetsAPremiumManagedDiskAndHibernationEnabled() throws Exception {
        JsonNode body = json(ArmVirtualMachines.vmBody(spec(HostClass.DR, null), "nic-id", "P@ss"));
        assertThat(body.at("/properties/storageProfile/osDisk/diffDiskSettings").isMissingNode()).isTrue();
        assertThat(body.at("/properties/storageProfile/osDisk/managedDisk/storageAccountType").asText()).isEqualTo("Premium_LRS");
        assertThat(body.at("/properties/additionalCapabilities/hibernationEnabled").asBoolean()).isTrue();
    }

    @Test
    void theVmIsBuiltFromTheGalleryVersionOnTheGivenNicWithTagsAndLicence() throws Exception {
        JsonNode body = json(ArmVirtualMachines.vmBody(spec(HostClass.STANDARD, EphemeralPlacement.RESOURCE_DISK), "the-nic-id", "P@ss"));
        assertThat(body.at("/properties/storageProfile/imageReference/id").asText()).isEqualTo(IMAGE);
        assertThat(body.at("/properties/networkProfile/networkInterfaces/0/id").asText()).isEqualTo("the-nic-id");
        assertThat(body.at("/properties/networkProfile/networkInterfaces/0/properties/deleteOption").asText()).isEqualTo("Delete");
        assertThat(body.at("/properties/osProfile/computerName").asText()).isEqualTo("avd-07");
        assertThat(body.at("/properties/licenseType").asText()).isEqualTo("Windows_Client");
        assertThat(body.at("/properties/securityProfile/securityType").asText()).isEqualTo("TrustedLaunch");
        assertThat(body.at("/tags/avdroll-image").asText()).isEqualTo("1.2.0");
        assertThat(body.at("/location").asText()).isEqualTo("westeurope");
    }

    @Test
    void theRegistrationTokenTravelsOnlyInTheAgentExtensionsProtectedSettings() throws Exception {
        SessionHostVmSpec spec = spec(HostClass.STANDARD, EphemeralPlacement.CACHE_DISK);
        VirtualMachineExtensionInner extension = ArmVirtualMachines.agentBody(spec);
        JsonNode body = json(extension);
        assertThat(body.at("/properties/publisher").asText()).isEqualTo("Microsoft.Powershell");
        assertThat(body.at("/properties/type").asText()).isEqualTo("DSC");
        assertThat(body.at("/properties/settings/configurationFunction").asText()).isEqualTo("Configuration.ps1\\AddSessionHost");
        assertThat(body.at("/properties/settings/properties/hostPoolName").asText()).isEqualTo("hp-01");
        assertThat(body.at("/properties/settings").toString()).doesNotContain(TOKEN);
        assertThat(body.at("/properties/protectedSettings/Items/RegistrationInfoToken").asText()).isEqualTo(TOKEN);
        assertThat(json(ArmVirtualMachines.vmBody(spec, "nic", "P@ss")).toString()).doesNotContain(TOKEN);
        assertThat(spec.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aDrHostCannotBeGivenAnEphemeralPlacement() {
        assertThatThrownBy(() -> spec(HostClass.DR, EphemeralPlacement.CACHE_DISK))
            .hasMessageStartingWith("ephemeralPlacement: DR hosts use a managed disk");
    }

    @Test
    void aComputerNameLongerThanWindowsAllowsIsRefused() {
        assertThatThrownBy(() -> new SessionHostVmSpec(new VmRef("rg", "avd-host-name-too-long"), "westeurope", "Standard_D4ds_v5",
            HostClass.DR, IMAGE, 127, null, "nic", SUBNET, null, "admin", null, Map.of(), null, null,
            new AvdAgent("hp", new RegistrationToken(TOKEN, Instant.EPOCH), null, false)))
            .hasMessageStartingWith("computerName: Windows allows at most 15 characters");
    }
}
