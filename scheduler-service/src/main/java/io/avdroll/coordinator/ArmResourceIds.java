package io.avdroll.coordinator;

import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.gallery.GalleryImageRef;
import java.util.Optional;

/** The few ARM resource ids the coordinator takes apart. */
final class ArmResourceIds {

    private ArmResourceIds() {
    }

    /** The VM of a session host's {@code resourceId} ({@code /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm}). */
    static Optional<VmRef> vmOf(String resourceId) {
        String[] p = parts(resourceId);
        if (p.length == 9 && p[6].equalsIgnoreCase("Microsoft.Compute") && p[7].equalsIgnoreCase("virtualMachines")) {
            return Optional.of(new VmRef(p[4], p[8]));
        }
        return Optional.empty();
    }

    /** Subscription of any ARM id, or empty. */
    static Optional<String> subscriptionOf(String resourceId) {
        String[] p = parts(resourceId);
        return p.length >= 3 ? Optional.of(p[2]) : Optional.empty();
    }

    /**
     * The image definition and version name of a gallery image version id
     * ({@code /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/v}).
     */
    static Optional<GalleryVersion> galleryVersionOf(String imageVersionId) {
        String[] p = parts(imageVersionId);
        if (p.length == 13 && p[7].equalsIgnoreCase("galleries") && p[9].equalsIgnoreCase("images")
                && p[11].equalsIgnoreCase("versions")) {
            return Optional.of(new GalleryVersion(new GalleryImageRef(p[4], p[8], p[10]), p[12]));
        }
        return Optional.empty();
    }

    record GalleryVersion(GalleryImageRef image, String version) {
    }

    private static String[] parts(String id) {
        if (id == null || !id.startsWith("/")) {
            return new String[0];
        }
        String[] p = id.split("/");
        // ["", "subscriptions", s, "resourceGroups", rg, "providers", ns, type, name, ...]
        if (p.length < 5 || !p[1].equalsIgnoreCase("subscriptions") || !p[3].equalsIgnoreCase("resourceGroups")) {
            return new String[0];
        }
        return p;
    }
}
