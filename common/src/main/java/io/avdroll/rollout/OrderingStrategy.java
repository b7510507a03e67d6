package io.avdroll.rollout;

/** The order in which pending hosts are admitted. Ties are always broken by host name (natural order). */
public enum OrderingStrategy {
    /** Unhealthy hosts, then otherwise-unavailable ones, then serving hosts by fewest sessions (empty first). */
    LEAST_DISRUPTIVE,
    /** Plain natural name order (host-2 before host-10). */
    BY_NAME
}
