package io.avdroll.drain;

import java.util.List;
import java.util.Map;

/**
 * What drain-service reads from Azure about one host before it decides: the session host's drain mode, the VM's
 * tags (the per-host markers) and the user sessions. {@link #gone} says the host or its VM no longer exists.
 */
public record HostObservation(boolean gone, String goneReason, boolean allowNewSession, Map<String, String> vmTags,
                              List<ObservedSession> sessions) {

    public HostObservation {
        vmTags = vmTags == null ? Map.of() : Map.copyOf(vmTags);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public static HostObservation present(boolean allowNewSession, Map<String, String> vmTags, List<ObservedSession> sessions) {
        return new HostObservation(false, null, allowNewSession, vmTags, sessions);
    }

    /** The session host is no longer registered, or its VM does not exist: draining cannot go on. */
    public static HostObservation gone(String reason) {
        return new HostObservation(true, reason, false, Map.of(), List.of());
    }
}
