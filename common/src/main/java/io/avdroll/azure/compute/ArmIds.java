package io.avdroll.azure.compute;

/** Splits ARM resource ids of the form {@code /subscriptions/s/resourceGroups/rg/providers/ns/type/name}. */
final class ArmIds {

    record Parsed(String subscriptionId, String resourceGroup, String type, String name) {
    }

    private ArmIds() {
    }

    static Parsed parse(String id, String expectedType) {
        String[] parts = id == null ? new String[0] : id.split("/");
        // ["", "subscriptions", s, "resourceGroups", rg, "providers", ns, type, name]
        if (parts.length < 9 || !parts[1].equalsIgnoreCase("subscriptions") || !parts[3].equalsIgnoreCase("resourceGroups")) {
            throw new IllegalArgumentException("resourceId: not an ARM resource id: '" + id + "'");
        }
        String type = parts[parts.length - 2];
        if (!type.equalsIgnoreCase(expectedType)) {
            throw new IllegalArgumentException("resourceId: expected a " + expectedType + " id, got '" + id + "'");
        }
        return new Parsed(parts[2], parts[4], type, parts[parts.length - 1]);
    }
}
