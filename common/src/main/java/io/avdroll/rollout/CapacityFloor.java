package io.avdroll.rollout;

/**
 * The least capacity the pool must keep while hosts are out: serving hosts, and session slots
 * (the pool's maxSessionLimit × serving hosts). Zero means "no floor" for that measure.
 */
public record CapacityFloor(int minAvailableHosts, long minSessionSlots) {
    public static CapacityFloor none() {
        return new CapacityFloor(0, 0);
    }

    public static CapacityFloor hosts(int minAvailableHosts) {
        return new CapacityFloor(minAvailableHosts, 0);
    }

    /** Whether {@code servingHosts} hosts of {@code maxSessionLimit} slots each satisfy this floor. */
    public boolean heldBy(int servingHosts, int maxSessionLimit) {
        return servingHosts >= minAvailableHosts && (long) servingHosts * maxSessionLimit >= minSessionSlots;
    }

    /** Serving hosts needed to hold this floor with hosts of {@code maxSessionLimit} slots. */
    public int hostsNeeded(int maxSessionLimit) {
        long forSlots = (minSessionSlots + maxSessionLimit - 1) / maxSessionLimit;
        return (int) Math.max(minAvailableHosts, forSlots);
    }
}
