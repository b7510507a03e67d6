package io.avdroll.azure.compute;

/** Where an ephemeral OS disk lives on the host (ARM {@code diffDiskSettings.placement}). */
public enum EphemeralPlacement {
    CACHE_DISK("CacheDisk"),
    RESOURCE_DISK("ResourceDisk"),
    NVME_DISK("NvmeDisk");

    private final String armValue;

    EphemeralPlacement(String armValue) {
        this.armValue = armValue;
    }

    public String armValue() {
        return armValue;
    }

    public static EphemeralPlacement fromArm(String value) {
        for (EphemeralPlacement p : values()) {
            if (p.armValue.equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("placement: unknown ephemeral disk placement '" + value + "'");
    }
}
