package io.avdroll.trigger;

import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.gallery.GalleryImageRef;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pool a trigger starts rollouts of, and the gallery image whose versions it rolls to: the
 * {@code resource-group} and {@code gallery-image} keys of the pool.
 *
 * @param galleryImageId the image definition's resource id, as configured
 */
public record PoolTarget(String subscriptionId, String resourceGroup, String hostPool, String galleryImageId,
                         GalleryImageRef image) {

    public static final String RESOURCE_GROUP = "resource-group";
    public static final String GALLERY_IMAGE = "gallery-image";

    private static final Pattern IMAGE_ID = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/galleries/([^/]+)/images/([^/]+)/?",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param subscriptionId the subscription this service's Azure connection works in: the pool and the gallery must
     *                       both be in it, since the gallery port lists versions through that connection
     */
    public static PoolTarget of(PoolKeys keys, String pool, String subscriptionId, String needingIt) {
        String resourceGroup = keys.value(pool, RESOURCE_GROUP).map(v -> v.text().strip())
                .orElseThrow(() -> new InvalidTriggerConfigException(PoolKeys.keyOf(pool, RESOURCE_GROUP),
                        "is required for " + needingIt + ": the resource group of the host pool"));
        if (resourceGroup.isEmpty() || resourceGroup.contains("/") || resourceGroup.length() > 90) {
            throw new InvalidTriggerConfigException(PoolKeys.keyOf(pool, RESOURCE_GROUP),
                    "must be a resource group name (at most 90 characters, no '/')");
        }
        PoolKeys.Value image = keys.value(pool, GALLERY_IMAGE)
                .orElseThrow(() -> new InvalidTriggerConfigException(PoolKeys.keyOf(pool, GALLERY_IMAGE),
                        "is required for " + needingIt + ": the resource id of the gallery image whose versions the pool runs"));
        Matcher m = IMAGE_ID.matcher(image.text().strip());
        if (!m.matches()) {
            throw new InvalidTriggerConfigException(image.key(), "must be the resource id of a gallery image definition "
                    + "(/subscriptions/../resourceGroups/../providers/Microsoft.Compute/galleries/../images/..), was \""
                    + image.text() + "\"");
        }
        if (!m.group(1).equalsIgnoreCase(subscriptionId)) {
            throw new InvalidTriggerConfigException(image.key(), "the gallery must be in subscription " + subscriptionId
                    + ", the one this service's Azure connection works in (was " + m.group(1) + ")");
        }
        String id = image.text().strip().replaceAll("/$", "");
        return new PoolTarget(subscriptionId, resourceGroup, pool, id, new GalleryImageRef(m.group(2), m.group(3), m.group(4)));
    }

    public HostPoolRef poolRef() {
        return new HostPoolRef(resourceGroup, hostPool);
    }

    /** The resource id of version {@code name} of the image. */
    public String versionId(String name) {
        return galleryImageId + "/versions/" + name;
    }

    /** The version name when {@code imageReferenceId} is a version of this image, else null. */
    public String versionNameOf(String imageReferenceId) {
        String prefix = (galleryImageId + "/versions/").toLowerCase(Locale.ROOT);
        if (imageReferenceId == null || !imageReferenceId.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return null;
        }
        String name = imageReferenceId.substring(prefix.length());
        return name.isEmpty() || name.contains("/") ? null : name;
    }
}
