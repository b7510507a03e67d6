package io.avdroll.azure.compute;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a VM size offers for an ephemeral OS disk, as listed by the resource SKUs API
 * ({@code EphemeralOSDiskSupported}, {@code CachedDiskBytes}, {@code MaxResourceVolumeMB},
 * {@code NvmeDiskSizeInMiB}, {@code SupportedEphemeralOSDiskPlacements}).
 *
 * @param supportedPlacements placements the SKU lists; empty when the SKU does not say (older SKUs)
 */
public record VmSizeCapabilities(String size, boolean ephemeralOsDiskSupported, long cacheDiskBytes,
                                 long resourceDiskBytes, long nvmeDiskBytes, Set<EphemeralPlacement> supportedPlacements) {

    private static final long MIB = 1024L * 1024L;

    public VmSizeCapabilities {
        supportedPlacements = supportedPlacements == null || supportedPlacements.isEmpty()
            ? Set.of() : Set.copyOf(EnumSet.copyOf(supportedPlacements));
    }

    public static VmSizeCapabilities fromSkuCapabilities(String size, Map<String, String> capabilities) {
        boolean supported = Boolean.parseBoolean(capabilities.getOrDefault("EphemeralOSDiskSupported", "False"));
        long cache = number(capabilities.get("CachedDiskBytes"), 1);
        long resource = number(capabilities.get("MaxResourceVolumeMB"), MIB);
        long nvme = number(capabilities.get("NvmeDiskSizeInMiB"), MIB);
        Set<EphemeralPlacement> placements = EnumSet.noneOf(EphemeralPlacement.class);
        String listed = capabilities.get("SupportedEphemeralOSDiskPlacements");
        if (listed != null && !listed.isBlank()) {
            Arrays.stream(listed.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> placements.add(EphemeralPlacement.fromArm(s)));
        }
        return new VmSizeCapabilities(size, supported, cache, resource, nvme, placements);
    }

    boolean allows(EphemeralPlacement placement) {
        return supportedPlacements.isEmpty() || supportedPlacements.contains(placement);
    }

    private static long number(String value, long unit) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim()) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
