package io.avdroll.azure.desktop;

import java.time.Duration;
import java.time.Instant;

/** AVD accepts a registration token expiry between 1 hour and 30 days ahead; refuse anything else before calling. */
public final class RegistrationTokenExpiry {

    public static final Duration MIN = Duration.ofHours(1);
    public static final Duration MAX = Duration.ofDays(30);

    private RegistrationTokenExpiry() {
    }

    public static Instant validate(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            throw new IllegalArgumentException("expiresAt: is required");
        }
        Duration ahead = Duration.between(now, expiresAt);
        if (ahead.compareTo(MIN) < 0 || ahead.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("expiresAt: a registration token must expire between 1 hour and 30 days"
                + " from now (" + now + "), got " + expiresAt + " (" + ahead + " ahead)");
        }
        return expiresAt;
    }
}
