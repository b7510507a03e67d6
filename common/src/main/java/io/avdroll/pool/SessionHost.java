package io.avdroll.pool;

import java.util.Objects;

/**
 * One session host as observed in Azure at a moment.
 *
 * @param name            session host name inside the pool (e.g. {@code host-07})
 * @param status          AVD health status
 * @param allowNewSession false while the host is in drain mode
 * @param sessions        current user sessions (active and disconnected)
 * @param imageVersion    gallery image version the VM was built from, null when unknown
 * @param hostClass       standard (ephemeral) or DR (hibernation-capable)
 * @param powerState      VM power state
 */
public record SessionHost(String name, SessionHostStatus status, boolean allowNewSession, int sessions,
                          String imageVersion, HostClass hostClass, PowerState powerState) {

    public SessionHost {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions: must not be negative for host " + name + " (was " + sessions + ")");
        }
        status = Objects.requireNonNullElse(status, SessionHostStatus.UNKNOWN);
        hostClass = Objects.requireNonNullElse(hostClass, HostClass.STANDARD);
        powerState = Objects.requireNonNullElse(powerState, PowerState.UNKNOWN);
    }

    /** A running, Available host that accepts new sessions: the only kind that counts as capacity. */
    public boolean serving() {
        return status == SessionHostStatus.AVAILABLE && allowNewSession && powerState == PowerState.RUNNING;
    }

    public boolean onImage(String version) {
        return version != null && version.equals(imageVersion);
    }

    public SessionHost withStatus(SessionHostStatus newStatus) {
        return new SessionHost(name, newStatus, allowNewSession, sessions, imageVersion, hostClass, powerState);
    }

    public SessionHost withAllowNewSession(boolean allow) {
        return new SessionHost(name, status, allow, sessions, imageVersion, hostClass, powerState);
    }

    public SessionHost withSessions(int count) {
        return new SessionHost(name, status, allowNewSession, count, imageVersion, hostClass, powerState);
    }

    public SessionHost withImageVersion(String version) {
        return new SessionHost(name, status, allowNewSession, sessions, version, hostClass, powerState);
    }

    public SessionHost withPowerState(PowerState state) {
        return new SessionHost(name, status, allowNewSession, sessions, imageVersion, hostClass, state);
    }
}
