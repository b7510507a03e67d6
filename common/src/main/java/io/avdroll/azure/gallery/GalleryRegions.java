package io.avdroll.azure.gallery;

import java.util.Locale;

final class GalleryRegions {

    private GalleryRegions() {
    }

    /** "West Europe" and "westeurope" name the same region. */
    static String normalise(String region) {
        return region == null ? null : region.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
