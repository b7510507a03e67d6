package io.avdroll.azure.calls;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

class AzureOperationsTest {

    private static String name(String method, String url) throws Exception {
        URL parsed = URI.create(url).toURL();
        return AzureOperations.name(method, parsed);
    }

    @Test
    void aResourceCallIsNamedByItsTypePathWithoutNamesOrIds() throws Exception {
        assertThat(name("put", "https://management.azure.com/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute"
                + "/virtualMachines/vm-07?api-version=2024-07-01")).isEqualTo("PUT microsoft.compute/virtualmachines");
    }

    @Test
    void aTrailingActionIsKeptSoStartAndDeallocateAreTellApart() throws Exception {
        assertThat(name("POST", "https://h/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-07/start"))
                .isEqualTo("POST microsoft.compute/virtualmachines/start");
    }

    @Test
    void nestedDesktopVirtualizationResourcesKeepEveryLevel() throws Exception {
        assertThat(name("GET", "https://h/subscriptions/1/resourceGroups/rg/providers/Microsoft.DesktopVirtualization"
                + "/hostPools/hp/sessionHosts/hp-01.contoso.com/userSessions"))
                .isEqualTo("GET microsoft.desktopvirtualization/hostpools/sessionhosts/usersessions");
    }

    @Test
    void aCallOutsideAnyProviderKeepsItsCollections() throws Exception {
        assertThat(name("GET", "https://h/subscriptions/1/resourcegroups/rg-avd")).isEqualTo("GET subscriptions/resourcegroups");
    }
}
