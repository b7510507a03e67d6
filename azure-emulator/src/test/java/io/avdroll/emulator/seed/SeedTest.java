package io.avdroll.emulator.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedTest {
    @Test
    void anUnknownFieldIsRejectedNamingItsPath() {
        assertThatThrownBy(() -> Seed.parse("{\"hostPools\":[{\"name\":\"hp\",\"standardHost\":{}}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'standardHost'").hasMessageContaining("hostPools[0]");
    }

    @Test
    void aWronglyTypedValueIsRejectedNamingItsPath() {
        assertThatThrownBy(() -> Seed.parse("{\"hostPools\":[{\"name\":\"hp\",\"maxSessionLimit\":\"many\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostPools[0].maxSessionLimit");
    }

    @Test
    void aFullScenarioParses() {
        Seed seed = Seed.parse("""
                {"settings":{"speed":60,"timingsSeconds":{"vmCreate":120}},
                 "hostPools":[{"subscription":"s","resourceGroup":"rg","name":"hp","location":"westeurope","image":"g/i/1.0.0",
                   "standardHosts":{"count":20,"vmTags":{"avd-class":"standard"}},"drHosts":{"count":2,"powerState":"deallocated"},
                   "usersPerHost":3,"users":{"logonIntervalSeconds":30,"targetSessions":60},"registrationTokenHours":24}],
                 "faults":[{"kind":"throttle","count":5}],
                 "subscriptionLimits":{"readBucket":250,"readRefillPerSecond":25}}
                """);

        assertThat(seed.settings.speed).isEqualTo(60.0);
        assertThat(seed.hostPools.get(0).standardHosts.count).isEqualTo(20);
        assertThat(seed.hostPools.get(0).drHosts.powerState).isEqualTo("deallocated");
        assertThat(seed.faults.get(0).kind).isEqualTo("throttle");
        assertThat(seed.subscriptionLimits.readBucket).isEqualTo(250.0);
    }
}
