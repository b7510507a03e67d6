package io.avdroll.azure.compute;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EphemeralPlacementChooserTest {

    private static final long GIB = 1024L * 1024 * 1024;

    private static VmSizeCapabilities size(long cacheGib, long resourceGib, long nvmeGib, EphemeralPlacement... listed) {
        return new VmSizeCapabilities("Standard_X", true, cacheGib * GIB, resourceGib * GIB, nvmeGib * GIB, Set.of(listed));
    }

    @Test
    void aSizeWithACacheLargeEnoughPutsTheDiskOnTheCacheLikeAzuresDefault() {
        assertThat(EphemeralPlacementChooser.choose(size(200, 300, 0), 127)).isEqualTo(EphemeralPlacement.CACHE_DISK);
    }

    @Test
    void aCacheTooSmallForTheImageFallsBackToTheResourceDisk() {
        assertThat(EphemeralPlacementChooser.choose(size(64, 300, 0), 127)).isEqualTo(EphemeralPlacement.RESOURCE_DISK);
    }

    @Test
    void anNvmeOnlySizeUsesTheNvmeDisk() {
        assertThat(EphemeralPlacementChooser.choose(size(0, 0, 440, EphemeralPlacement.NVME_DISK), 127))
            .isEqualTo(EphemeralPlacement.NVME_DISK);
    }

    @Test
    void aPlacementTheSkuDoesNotListIsNeverChosenEvenIfItWouldFit() {
        assertThat(EphemeralPlacementChooser.choose(size(200, 300, 0, EphemeralPlacement.RESOURCE_DISK), 127))
            .isEqualTo(EphemeralPlacement.RESOURCE_DISK);
    }

    @Test
    void aSizeWhereNothingFitsIsRefusedWithTheSizes() {
        assertThatThrownBy(() -> EphemeralPlacementChooser.choose(size(32, 64, 0), 127))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Standard_X").hasMessageContaining("127 GiB").hasMessageContaining("resource 64 GiB");
    }

    @Test
    void aSizeWithoutEphemeralSupportIsRefused() {
        VmSizeCapabilities noEphemeral = new VmSizeCapabilities("Standard_B2s", false, 0, 8 * GIB, 0, Set.of());
        assertThatThrownBy(() -> EphemeralPlacementChooser.choose(noEphemeral, 30))
            .hasMessage("vmSize: Standard_B2s does not support ephemeral OS disks");
    }

    @Test
    void skuCapabilitiesAreReadInTheirOwnUnits() {
        VmSizeCapabilities d8 = VmSizeCapabilities.fromSkuCapabilities("Standard_D8ds_v5", Map.of(
            "EphemeralOSDiskSupported", "True",
            "CachedDiskBytes", String.valueOf(200 * GIB),
            "MaxResourceVolumeMB", "307200",
            "SupportedEphemeralOSDiskPlacements", "ResourceDisk,CacheDisk"));
        assertThat(d8.cacheDiskBytes()).isEqualTo(200 * GIB);
        assertThat(d8.resourceDiskBytes()).isEqualTo(300 * GIB);
        assertThat(d8.supportedPlacements()).containsExactlyInAnyOrder(EphemeralPlacement.RESOURCE_DISK, EphemeralPlacement.CACHE_DISK);
        assertThat(EphemeralPlacementChooser.choose(d8, 127)).isEqualTo(EphemeralPlacement.CACHE_DISK);

        VmSizeCapabilities v6 = VmSizeCapabilities.fromSkuCapabilities("Standard_D8ads_v6", Map.of(
            "EphemeralOSDiskSupported", "True", "NvmeDiskSizeInMiB", "450560", "SupportedEphemeralOSDiskPlacements", "NvmeDisk"));
        assertThat(EphemeralPlacementChooser.choose(v6, 127)).isEqualTo(EphemeralPlacement.NVME_DISK);
    }
}
