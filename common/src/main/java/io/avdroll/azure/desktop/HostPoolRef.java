package io.avdroll.azure.desktop;

import java.util.Objects;
import java.util.regex.Pattern;

/** A host pool by resource group and name (the subscription is the connection's). */
public record HostPoolRef(String resourceGroup, String name) {

    // the spec's HostPoolNameParameter: 3..64 of [A-Za-z0-9@.\-_ ]
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9@.\\-_ ]{3,64}$");

    public HostPoolRef {
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(name, "name");
        if (resourceGroup.isBlank() || resourceGroup.contains("/")) {
            throw new IllegalArgumentException("resourceGroup: must be a non-blank name without '/', got '" + resourceGroup + "'");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: a host pool name is 3 to 64 letters, digits, '@', '.', '-', '_' or spaces, got '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return resourceGroup + "/" + name;
    }
}
