package io.avdroll.azure.gallery;

import com.azure.resourcemanager.compute.fluent.models.GalleryImageVersionInner;
import com.azure.resourcemanager.compute.models.GalleryImageVersionPublishingProfile;
import com.azure.resourcemanager.compute.models.TargetRegion;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.failure.AzureFailures;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link ImageGallery} over the Azure SDK's gallery client (the SDK follows nextLink across pages). */
public final class ArmImageGallery implements ImageGallery {

    /** The compute client is asked for at each call, so it is built when first needed, not when this is. */
    private final AzureConnection connection;

    public ArmImageGallery(AzureConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<ImageVersion> listVersions(GalleryImageRef image) {
        return AzureFailures.call("list versions of image " + image, () -> {
            List<ImageVersion> versions = new ArrayList<>();
            for (GalleryImageVersionInner v : connection.compute().getGalleryImageVersions()
                .listByGalleryImage(image.resourceGroup(), image.gallery(), image.image())) {
                versions.add(view(v));
            }
            return List.copyOf(versions);
        });
    }

    static ImageVersion view(GalleryImageVersionInner v) {
        GalleryImageVersionPublishingProfile publishing = v.publishingProfile();
        Set<String> excludedRegions = new HashSet<>();
        if (publishing != null && publishing.targetRegions() != null) {
            for (TargetRegion region : publishing.targetRegions()) {
                if (Boolean.TRUE.equals(region.excludeFromLatest())) {
                    excludedRegions.add(GalleryRegions.normalise(region.name()));
                }
            }
        }
        Integer osSize = v.storageProfile() == null || v.storageProfile().osDiskImage() == null ? null
            : v.storageProfile().osDiskImage().sizeInGB();
        return new ImageVersion(v.id(), v.name(),
            publishing == null || publishing.publishedDate() == null ? null : publishing.publishedDate().toInstant(),
            publishing != null && Boolean.TRUE.equals(publishing.excludeFromLatest()),
            excludedRegions,
            v.provisioningState() == null ? null : v.provisioningState().toString(),
            osSize == null ? 0 : osSize,
            publishing == null || publishing.endOfLifeDate() == null ? null : publishing.endOfLifeDate().toInstant());
    }
}
