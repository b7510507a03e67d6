package io.avdroll.azure.desktop;

import java.time.Instant;
import java.util.Objects;

/**
 * A host pool registration token. The value is a secret: {@link #toString()} hides it, and it may only travel in
 * an extension's protected settings.
 */
public record RegistrationToken(String value, Instant expiresAt) {

    public RegistrationToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isBlank()) {
            throw new IllegalArgumentException("value: a registration token must not be blank");
        }
    }

    public boolean validAt(Instant when) {
        return expiresAt.isAfter(when);
    }

    @Override
    public String toString() {
        return "RegistrationToken[value hidden, expiresAt=" + expiresAt + "]";
    }
}
