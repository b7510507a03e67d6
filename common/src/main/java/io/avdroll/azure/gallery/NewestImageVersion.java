package io.avdroll.azure.gallery;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * What a gallery's "latest" means: the highest Major.Minor.Patch version not excluded from latest (globally or
 * for the region) and successfully provisioned. Ties on the number fall back to the later publish date.
 */
public final class NewestImageVersion {

    static final Comparator<ImageVersion> ORDER = Comparator
        .comparing((ImageVersion v) -> VersionNumber.parse(v.name()))
        .thenComparing(v -> v.publishedDate() == null ? Instant.MIN : v.publishedDate());

    private NewestImageVersion() {
    }

    public static Optional<ImageVersion> of(Collection<ImageVersion> versions, String location) {
        return versions.stream().filter(v -> v.eligibleForLatest(location)).max(ORDER);
    }

    /** Major.Minor.Patch compared numerically ("1.10.0" is newer than "1.9.0"). */
    record VersionNumber(long major, long minor, long patch) implements Comparable<VersionNumber> {

        static VersionNumber parse(String name) {
            String[] parts = name == null ? new String[0] : name.split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException("name: gallery image versions are Major.Minor.Patch, got '" + name + "'");
            }
            try {
                return new VersionNumber(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("name: gallery image versions are numeric, got '" + name + "'");
            }
        }

        @Override
        public int compareTo(VersionNumber o) {
            return Comparator.comparingLong(VersionNumber::major).thenComparingLong(VersionNumber::minor)
                .thenComparingLong(VersionNumber::patch).compare(this, o);
        }
    }
}
