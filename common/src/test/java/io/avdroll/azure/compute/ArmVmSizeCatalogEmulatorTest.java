package io.avdroll.azure.compute;

import io.avdroll.azure.support.EmulatedAzure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VM size capabilities read through the SDK's resource-SKU API from the emulator, feeding the placement choice. */
class ArmVmSizeCatalogEmulatorTest {

    private static EmulatedAzure azure;
    private static ArmVmSizeCatalog catalog;

    @BeforeAll
    static void start() {
        azure = EmulatedAzure.start("{}", Duration.ofMillis(50), o -> { });
        catalog = new ArmVmSizeCatalog(azure.connection());
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @Test
    void aDdsV5SizeOffersItsCacheDiskForTheEphemeralOsDisk() {
        VmSizeCapabilities size = catalog.capabilities("West Europe", "Standard_D8ds_v5").orElseThrow();

        assertThat(size.ephemeralOsDiskSupported()).isTrue();
        assertThat(EphemeralPlacementChooser.choose(size, 127)).isEqualTo(EphemeralPlacement.CACHE_DISK);
    }

    @Test
    void anImageTooLargeForTheCacheDiskGoesToTheResourceDisk() {
        VmSizeCapabilities size = catalog.capabilities("westeurope", "Standard_D4ds_v5").orElseThrow();

        assertThat(EphemeralPlacementChooser.choose(size, 128)).isEqualTo(EphemeralPlacement.RESOURCE_DISK);
    }

    @Test
    void anNvmeOnlySizePlacesTheOsDiskOnNvme() {
        VmSizeCapabilities size = catalog.capabilities("eastus", "Standard_D8lds_v6").orElseThrow();

        assertThat(EphemeralPlacementChooser.choose(size, 127)).isEqualTo(EphemeralPlacement.NVME_DISK);
    }

    @Test
    void aSizeWithoutLocalDiskIsRefusedForAStandardHost() {
        VmSizeCapabilities size = catalog.capabilities("westeurope", "Standard_D4s_v5").orElseThrow();

        assertThatThrownBy(() -> EphemeralPlacementChooser.choose(size, 127))
            .hasMessageContaining("does not support ephemeral OS disks");
    }

    @Test
    void anUnknownSizeIsNotInTheCatalog() {
        assertThat(catalog.capabilities("westeurope", "Standard_Nope_v9")).isEqualTo(Optional.empty());
    }
}
