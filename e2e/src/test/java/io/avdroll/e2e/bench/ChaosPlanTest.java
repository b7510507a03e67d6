package io.avdroll.e2e.bench;

import io.avdroll.emulator.fault.FaultRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A chaos round's plan comes from its seed alone and only names hosts the seeder creates. */
class ChaosPlanTest {

    @Test
    void theSameSeedDrawsTheSamePlan() {
        ChaosPlan first = ChaosPlan.draw(1234, 4, 5, Duration.ofSeconds(40));
        ChaosPlan again = ChaosPlan.draw(1234, 4, 5, Duration.ofSeconds(40));

        assertThat(again.describe()).isEqualTo(first.describe());
    }

    @Test
    void hostFaultsNameOnlyHostsNumberedFromOneToThePoolSize() {
        for (long seed = 0; seed < 300; seed++) {
            for (ChaosPlan.PoolFault f : ChaosPlan.draw(seed, 4, 5, Duration.ofSeconds(40)).poolFaults()) {
                if (!f.kind().equals("usersNeverLogOff")) {
                    assertThat(f.host()).as("seed %d: %s", seed, f.describe()).isBetween(1, 5);
                }
            }
        }
    }

    @Test
    void aHostFaultTargetsThatHostsVmNameInItsPool() {
        FaultRule rule = new ChaosPlan.PoolFault(0, "hostNeverRegisters", 5, true).rule(7, "hp-007");

        assertThat(rule.kind).isEqualTo("hostNeverRegisters");
        assertThat(rule.vmNamePattern).isEqualTo("p007-std-05");
    }
}
