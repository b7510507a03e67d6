package io.avdroll.azure.gallery;

import java.time.Instant;
import java.util.Set;

/**
 * One version of a gallery image.
 *
 * @param excludedRegions target regions that exclude this version from "latest"
 * @param osDiskSizeGb the image's OS disk size, 0 when unknown
 */
public record ImageVersion(String id, String name, Instant publishedDate, boolean excludeFromLatest,
                           Set<String> excludedRegions, String provisioningState, int osDiskSizeGb,
                           Instant endOfLifeDate) {

    public ImageVersion {
        excludedRegions = excludedRegions == null ? Set.of() : Set.copyOf(excludedRegions);
    }

    /** Whether "latest" may pick this version for VMs in {@code location} (null: any location). */
    public boolean eligibleForLatest(String location) {
        if (excludeFromLatest) {
            return false;
        }
        if (provisioningState != null && !provisioningState.equalsIgnoreCase("Succeeded")) {
            return false;
        }
        return location == null || !excludedRegions.contains(GalleryRegions.normalise(location));
    }
}
