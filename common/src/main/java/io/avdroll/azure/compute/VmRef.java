package io.avdroll.azure.compute;

import java.util.Objects;

/** A virtual machine by resource group and name (the subscription is the connection's). */
public record VmRef(String resourceGroup, String name) {

    public VmRef {
        requireName("resourceGroup", resourceGroup);
        requireName("name", name);
    }

    static void requireName(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException(field + ": must be a non-blank name without '/', got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return resourceGroup + "/" + name;
    }
}
