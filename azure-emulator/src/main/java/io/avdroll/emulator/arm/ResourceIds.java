package io.avdroll.emulator.arm;

import java.util.Locale;

/** Helpers for ARM resource ids, which Azure compares case-insensitively. */
public final class ResourceIds {
    private ResourceIds() {
    }

    public static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    public static String resourceGroupId(String subscription, String resourceGroup) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup;
    }

    public static String id(String subscription, String resourceGroup, String providerPath) {
        return resourceGroupId(subscription, resourceGroup) + "/providers/" + providerPath;
    }

    /** The segment after {@code name} in the id, compared case-insensitively, or null. */
    public static String segmentAfter(String id, String name) {
        String[] parts = id.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equalsIgnoreCase(name)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    public static String subscription(String id) {
        return segmentAfter(id, "subscriptions");
    }

    public static String resourceGroup(String id) {
        String rg = segmentAfter(id, "resourceGroups");
        return rg == null ? "" : rg;
    }

    public static String name(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
