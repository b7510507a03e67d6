package io.avdroll.drain;

import java.util.List;
import java.util.Map;

/**
 * What drain-service reads from Azure about one host before it decides: whether the session host is registered
 * and its drain mode, whether the VM exists and its tags (the per-host markers), and the user sessions.
 *
 * @param registered  the session host is registered in the pool
 * @param vmExists    the host's VM exists (its tags are then {@code vmTags})
 * @param missing     what is missing, in words, when not both registered and existing; else null
 */
public record HostObservation(boolean registered, boolean vmExists, boolean allowNewSession, Map<String, String> vmTags,
                              List<ObservedSession> sessions, String missing) {

    public HostObservation {
        vmTags = vmTags == null ? Map.of() : Map.copyOf(vmTags);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public static HostObservation present(boolean allowNewSession, Map<String, String> vmTags, List<ObservedSession> sessions) {
        return new HostObservation(true, true, allowNewSession, vmTags, sessions, null);
    }

    /** The session host is registered, but its VM does not exist (or the registration names none). */
    public static HostObservation vmMissing(boolean allowNewSession, String reason) {
        return new HostObservation(true, false, allowNewSession, Map.of(), List.of(), reason);
    }

    /**
     * The session host is no longer registered in the pool; {@code vmTags} are the tags of the VM of the host's name,
     * or null when no such VM exists.
     */
    public static HostObservation unregistered(Map<String, String> vmTags, String reason) {
        return new HostObservation(false, vmTags != null, false, vmTags, List.of(), reason);
    }

    /** Registered with an existing VM: draining can go on. */
    public boolean complete() {
        return registered && vmExists;
    }
}
