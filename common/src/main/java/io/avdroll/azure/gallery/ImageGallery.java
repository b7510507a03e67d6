package io.avdroll.azure.gallery;

import java.util.List;
import java.util.Optional;

/** Versions of a gallery image. Every method fails with {@link io.avdroll.azure.failure.AzureFailure}. */
public interface ImageGallery {

    /** All versions, across all pages, in the order Azure lists them. */
    List<ImageVersion> listVersions(GalleryImageRef image);

    /** The version "latest" resolves to for VMs in {@code location} (null: ignore regional exclusions). */
    default Optional<ImageVersion> newestVersion(GalleryImageRef image, String location) {
        return NewestImageVersion.of(listVersions(image), location);
    }
}
