package io.avdroll.pool;

/** The two kinds of session host a pool holds (see the design's host classes). */
public enum HostClass {
    /** Ephemeral OS disk, always on while in service; redeployed by delete + recreate. */
    STANDARD,
    /**
     * Disaster-recovery / non-24x7 host: managed OS disk with hibernation enabled, usually hibernated or
     * deallocated. Redeployed too, then returned to its earlier power state; can be resumed as surge capacity.
     */
    DR
}
