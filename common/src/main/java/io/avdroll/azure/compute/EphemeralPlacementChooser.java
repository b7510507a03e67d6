package io.avdroll.azure.compute;

import java.util.List;

/**
 * Picks the ephemeral OS disk placement for a VM size, the way Azure defaults it (cache disk when the size has
 * one, else the resource disk or the NVMe disk) but only where the image's OS disk fits, and refusing sizes
 * that cannot host an ephemeral OS disk at all — a standard host must never silently fall back to a managed disk.
 */
public final class EphemeralPlacementChooser {

    private static final long GIB = 1024L * 1024L * 1024L;
    private static final List<EphemeralPlacement> PREFERENCE =
        List.of(EphemeralPlacement.CACHE_DISK, EphemeralPlacement.NVME_DISK, EphemeralPlacement.RESOURCE_DISK);

    private EphemeralPlacementChooser() {
    }

    /**
     * @param osDiskSizeGb the image's OS disk size in GiB (gallery {@code osDiskImage.sizeInGB})
     * @throws IllegalArgumentException when no placement of this size can hold the OS disk
     */
    public static EphemeralPlacement choose(VmSizeCapabilities size, int osDiskSizeGb) {
        if (osDiskSizeGb <= 0) {
            throw new IllegalArgumentException("osDiskSizeGb: must be positive, got " + osDiskSizeGb);
        }
        if (!size.ephemeralOsDiskSupported()) {
            throw new IllegalArgumentException("vmSize: " + size.size() + " does not support ephemeral OS disks");
        }
        long needed = osDiskSizeGb * GIB;
        for (EphemeralPlacement placement : PREFERENCE) {
            if (size.allows(placement) && capacity(size, placement) >= needed) {
                return placement;
            }
        }
        throw new IllegalArgumentException("vmSize: " + size.size() + " has no cache, NVMe or resource disk of at least "
            + osDiskSizeGb + " GiB for the ephemeral OS disk (cache " + size.cacheDiskBytes() / GIB + " GiB, NVMe "
            + size.nvmeDiskBytes() / GIB + " GiB, resource " + size.resourceDiskBytes() / GIB + " GiB)");
    }

    private static long capacity(VmSizeCapabilities size, EphemeralPlacement placement) {
        return switch (placement) {
            case CACHE_DISK -> size.cacheDiskBytes();
            case NVME_DISK -> size.nvmeDiskBytes();
            case RESOURCE_DISK -> size.resourceDiskBytes();
        };
    }
}
