package io.avdroll.azure.compute;

/** Session host classes (design §4). */
public enum HostClass {
    /** Always on while in service; ephemeral OS disk; redeployed by delete + recreate. */
    STANDARD,
    /** Disaster-recovery / non-24x7: managed Premium SSD OS disk with hibernation enabled. */
    DR
}
