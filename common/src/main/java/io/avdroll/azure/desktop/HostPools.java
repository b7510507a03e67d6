package io.avdroll.azure.desktop;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Host pools and their registration tokens. Every method fails with {@link io.avdroll.azure.failure.AzureFailure}. */
public interface HostPools {

    HostPoolView get(HostPoolRef pool);

    HostPoolView update(HostPoolRef pool, HostPoolPatch patch);

    /** The pool's current registration token, or empty when it has none. */
    Optional<RegistrationToken> currentRegistrationToken(HostPoolRef pool);

    /**
     * Issues a new registration token expiring at {@code expiresAt}, which must be 1 hour to 30 days after
     * {@code now} (refused before any call otherwise).
     */
    RegistrationToken renewRegistrationToken(HostPoolRef pool, Instant expiresAt, Instant now);

    /**
     * The current token if it stays valid for at least {@code minRemaining}; otherwise a new one valid for
     * {@code lifetime}. Reusing a valid token keeps hosts that are registering with it working.
     */
    default RegistrationToken registrationToken(HostPoolRef pool, Instant now, Duration minRemaining, Duration lifetime) {
        RegistrationTokenExpiry.validate(now.plus(lifetime), now);
        Optional<RegistrationToken> current = currentRegistrationToken(pool);
        if (current.isPresent() && current.get().validAt(now.plus(minRemaining))) {
            return current.get();
        }
        return renewRegistrationToken(pool, now.plus(lifetime), now);
    }
}
