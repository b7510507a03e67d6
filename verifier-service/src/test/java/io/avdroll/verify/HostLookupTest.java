package io.avdroll.verify;

import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.events.HostRedeployed;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the handler finds the session host and the VM an event names. */
class HostLookupTest {

    private static SessionHostView listed(String name, String resourceId) {
        return new SessionHostView("hp", name, resourceId == null ? null : resourceId.substring(resourceId.lastIndexOf('/') + 1),
                resourceId, null, "Available", false, 0, null, null, null, null, null, null, null, List.of());
    }

    @Test
    void aSessionHostIsFoundByBareNameFqdnOrPoolPrefixedName() {
        SessionHostView fqdn = listed("avd-07.contoso.local", Hosts.VM_ID);

        assertThat(SessionHostLookup.names(fqdn, "avd-07")).isTrue();
        assertThat(SessionHostLookup.names(fqdn, "AVD-07.contoso.local")).isTrue();
        assertThat(SessionHostLookup.names(listed("hp/avd-07", null), "avd-07")).isTrue();
        assertThat(SessionHostLookup.names(listed("hp/avd-07", null), "avd-07.contoso.local")).isTrue();
        assertThat(SessionHostLookup.names(listed("avd-070.contoso.local", null), "avd-07")).isFalse();
    }

    @Test
    void theVmIsTakenFromTheEventThenFromTheSessionHostAndOnlyThenGuessed() {
        String otherGroup = Hosts.VM_ID.replace("/resourceGroups/rg-avd/", "/resourceGroups/rg-vms/");
        HostRedeployed withId = new HostRedeployed("r-1", Hosts.SUB, "rg-avd", "hp", "avd-07.contoso.local", 1, Hosts.TARGET,
                otherGroup, Duration.ofMinutes(5), 0, Hosts.REDEPLOYED, null, Hosts.REDEPLOYED);
        HostRedeployed withoutId = new HostRedeployed("r-1", Hosts.SUB, "rg-avd", "hp", "avd-07.contoso.local", 1,
                Hosts.TARGET, 0, Hosts.REDEPLOYED, Hosts.REDEPLOYED);

        assertThat(VmLocator.locate(withId, Optional.empty())).isEqualTo(new VmLocation(new VmRef("rg-vms", "avd-07"), true));
        assertThat(VmLocator.locate(withoutId, Optional.of(listed("avd-07.contoso.local", otherGroup))))
                .isEqualTo(new VmLocation(new VmRef("rg-vms", "avd-07"), true));
        assertThat(VmLocator.locate(withoutId, Optional.empty()))
                .isEqualTo(new VmLocation(new VmRef("rg-avd", "avd-07"), false));
    }

    @Test
    void aResourceIdThatIsNotAVirtualMachineIsRefusedNamingIt() {
        assertThatThrownBy(() -> VmLocator.fromResourceId(Hosts.TARGET))
                .hasMessageContaining("not a virtual machine resource id");
    }
}
