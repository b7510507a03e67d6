package io.avdroll.emulator.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.state.ArmResource;
import io.avdroll.emulator.state.EmulatorState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Gallery lookups shared by the gallery routes, VM creation and seeding. */
public final class GalleryCatalog {
    public static final String GALLERY = "Microsoft.Compute/galleries";
    public static final String IMAGE = "Microsoft.Compute/galleries/images";
    public static final String VERSION = "Microsoft.Compute/galleries/images/versions";

    private GalleryCatalog() {
    }

    public static boolean isGalleryImageId(String id) {
        return id != null && id.toLowerCase().contains("/providers/microsoft.compute/galleries/");
    }

    public static List<ArmResource> versions(EmulatorState state, String imageId) {
        return state.list(imageId + "/versions/", VERSION);
    }

    /** The version {@code :latest} resolves to: newest by name among versions not excluded from latest. */
    public static Optional<ArmResource> latest(EmulatorState state, String imageId) {
        return versions(state, imageId).stream()
                .filter(v -> {
                    JsonNode ex = Json.at(v.properties, "publishingProfile.excludeFromLatest");
                    return ex == null || !ex.asBoolean(false);
                })
                .max(Comparator.comparing(v -> v.name, GalleryCatalog::compareVersions));
    }

    /** Resolves a gallery image or image version id to the version it denotes. */
    public static Optional<ArmResource> resolve(EmulatorState state, String id) {
        ArmResource r = state.resource(id);
        if (r == null) {
            return Optional.empty();
        }
        if (r.type.equalsIgnoreCase(VERSION)) {
            return Optional.of(r);
        }
        if (r.type.equalsIgnoreCase(IMAGE)) {
            return latest(state, r.id);
        }
        return Optional.empty();
    }

    /** Compares dotted numeric versions ("1.10.0" > "1.9.3"). */
    public static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            long x = i < pa.length ? parse(pa[i]) : 0;
            long y = i < pb.length ? parse(pb[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
