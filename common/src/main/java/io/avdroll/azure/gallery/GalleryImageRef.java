package io.avdroll.azure.gallery;

import java.util.Objects;

/** An image definition in an Azure Compute Gallery. */
public record GalleryImageRef(String resourceGroup, String gallery, String image) {

    public GalleryImageRef {
        for (String[] f : new String[][] {{"resourceGroup", resourceGroup}, {"gallery", gallery}, {"image", image}}) {
            Objects.requireNonNull(f[1], f[0]);
            if (f[1].isBlank() || f[1].contains("/")) {
                throw new IllegalArgumentException(f[0] + ": must be a non-blank name without '/', got '" + f[1] + "'");
            }
        }
    }

    @Override
    public String toString() {
        return resourceGroup + "/" + gallery + "/" + image;
    }
}
