package io.avdroll.api;

/** A host pool the API addresses: its resource group and name (the subscription is the service's own). */
public record PoolKey(String resourceGroup, String hostPool) {

    /** Parses {@code resourceGroup/hostPool}; {@code key} names the setting or field in the error. */
    public static PoolKey parse(String key, String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException(key + ": must list pools as resourceGroup/hostPool (was \"" + text + "\")");
        }
        return new PoolKey(parts[0].strip(), parts[1].strip());
    }

    @Override
    public String toString() {
        return resourceGroup + "/" + hostPool;
    }
}
