package io.avdroll.topology;

/** topology.json is malformed or inconsistent; {@link #path()} points at the offending entry. */
public final class InvalidTopologyException extends IllegalStateException {

    private final String path;
    private final String reason;

    public InvalidTopologyException(String source, String path, String reason) {
        super(source + ": " + path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** e.g. {@code topics[2].subscriptions[0].forwardTo}. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
