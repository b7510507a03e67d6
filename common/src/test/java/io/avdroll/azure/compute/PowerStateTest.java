package io.avdroll.azure.compute;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PowerStateTest {

    @Test
    void theInstanceViewPowerStatusGivesThePowerState() {
        assertThat(PowerState.fromStatusCodes(List.of("ProvisioningState/succeeded", "PowerState/running")))
            .isEqualTo(PowerState.RUNNING);
        assertThat(PowerState.fromStatusCodes(List.of("PowerState/deallocated"))).isEqualTo(PowerState.DEALLOCATED);
    }

    @Test
    void aDeallocatedVmWithAHibernatedStatusIsHibernated() {
        assertThat(PowerState.fromStatusCodes(List.of("ProvisioningState/succeeded", "PowerState/deallocated",
            "HibernationState/Hibernated"))).isEqualTo(PowerState.HIBERNATED);
    }

    @Test
    void noPowerStatusIsUnknown() {
        assertThat(PowerState.fromStatusCodes(List.of("ProvisioningState/creating"))).isEqualTo(PowerState.UNKNOWN);
    }
}
