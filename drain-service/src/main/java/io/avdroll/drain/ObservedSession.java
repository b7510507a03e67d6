package io.avdroll.drain;

/**
 * A user session on the host being drained, as Azure lists it.
 *
 * @param id   the session id used in the URL
 * @param user the user principal name, for the log lines
 */
public record ObservedSession(String id, String user, boolean disconnected) {

    public static ObservedSession active(String id, String user) {
        return new ObservedSession(id, user, false);
    }

    public static ObservedSession disconnected(String id, String user) {
        return new ObservedSession(id, user, true);
    }
}
