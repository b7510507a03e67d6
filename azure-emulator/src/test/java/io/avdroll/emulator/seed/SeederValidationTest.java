package io.avdroll.emulator.seed;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeederValidationTest {
    static AzureEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start(EmulatorOptions.defaults().serviceBusPort(-1));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void aPoolWithoutLocationIsRefusedNamingTheField() {
        assertThatThrownBy(() -> emulator.seed(Seed.parse("{\"hostPools\":[{\"subscription\":\"s\",\"resourceGroup\":\"rg\",\"name\":\"hp\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostPools[0].location");
    }

    @Test
    void moreUsersPerHostThanTheSessionLimitIsRefused() {
        assertThatThrownBy(() -> emulator.seed(Seed.parse("""
                {"hostPools":[{"subscription":"s","resourceGroup":"rg","name":"hp","location":"x","maxSessionLimit":2,"usersPerHost":3}]}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usersPerHost");
    }

    @Test
    void anImageThatIsNotInAnyGalleryIsRefused() {
        assertThatThrownBy(() -> emulator.seed(Seed.parse("""
                {"hostPools":[{"subscription":"s","resourceGroup":"rg","name":"hp","location":"x","image":"g/i/9.9.9","standardHosts":{"count":1}}]}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g/i/9.9.9");
    }

    @Test
    void aTokenLifetimeBeyondThirtyDaysIsRefused() {
        assertThatThrownBy(() -> emulator.seed(Seed.parse("""
                {"hostPools":[{"subscription":"s","resourceGroup":"rg","name":"hp","location":"x","registrationTokenHours":800}]}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registrationTokenHours");
    }
}
