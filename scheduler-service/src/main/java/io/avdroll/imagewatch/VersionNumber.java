package io.avdroll.imagewatch;

import java.util.Comparator;
import java.util.Optional;

/** A gallery image version's Major.Minor.Patch, compared numerically ("1.10.0" is newer than "1.9.0"). */
record VersionNumber(long major, long minor, long patch) implements Comparable<VersionNumber> {

    private static final Comparator<VersionNumber> ORDER = Comparator.comparingLong(VersionNumber::major)
            .thenComparingLong(VersionNumber::minor).thenComparingLong(VersionNumber::patch);

    /** Empty when {@code name} is not three dot-separated numbers. */
    static Optional<VersionNumber> parse(String name) {
        String[] parts = name == null ? new String[0] : name.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VersionNumber(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(VersionNumber o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
