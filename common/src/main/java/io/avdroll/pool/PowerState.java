package io.avdroll.pool;

/** Power state of the virtual machine behind a session host. */
public enum PowerState {
    RUNNING,
    STARTING,
    STOPPING,
    STOPPED,
    DEALLOCATING,
    DEALLOCATED,
    HIBERNATING,
    HIBERNATED,
    UNKNOWN;

    /** Deliberately asleep: costs (almost) nothing and can be resumed to serve users. */
    public boolean asleep() {
        return this == DEALLOCATED || this == HIBERNATED || this == STOPPED;
    }
}
