package io.avdroll.events;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** Checks shared by the event records' constructors; each failure names the field and the reason. */
final class Fields {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ROLLOUT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern IMAGE_VERSION_ID = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Compute/galleries/[^/]+"
                    + "/images/[^/]+/versions/[^/]+",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern VM_ID = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Compute/virtualMachines/[^/]+",
            Pattern.CASE_INSENSITIVE);

    private Fields() {
    }

    static String text(String value, String field) {
        if (value == null) {
            throw new InvalidEventException(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidEventException(field, "must not be blank");
        }
        return value;
    }

    static String optionalText(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new InvalidEventException(field, "must not be blank when present");
        }
        return value;
    }

    /** The identity every host event carries, checked in the order a reader would name a missing field. */
    static void hostEvent(String rolloutId, String subscriptionId, String resourceGroup, String hostPool, String host,
                          int attempt) {
        rolloutId(rolloutId);
        subscriptionId(subscriptionId);
        resourceGroup(resourceGroup);
        hostPool(hostPool);
        host(host);
        atLeast(attempt, 1, "attempt");
    }

    static String rolloutId(String value) {
        text(value, "rolloutId");
        if (!ROLLOUT_ID.matcher(value).matches()) {
            throw new InvalidEventException("rolloutId",
                    "must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (it is part of every MessageId)");
        }
        return value;
    }

    static String subscriptionId(String value) {
        text(value, "subscriptionId");
        if (!GUID.matcher(value).matches()) {
            throw new InvalidEventException("subscriptionId", "must be an Azure subscription id (a GUID)");
        }
        return value;
    }

    static String resourceGroup(String value) {
        text(value, "resourceGroup");
        if (value.length() > 90 || value.contains("/")) {
            throw new InvalidEventException("resourceGroup", "must be a resource group name (at most 90 characters, no '/')");
        }
        return value;
    }

    static String hostPool(String value) {
        text(value, "hostPool");
        if (value.length() > 64 || value.contains("/")) {
            throw new InvalidEventException("hostPool", "must be a host pool name (at most 64 characters, no '/')");
        }
        return value;
    }

    static String host(String value) {
        text(value, "host");
        if (value.contains("/")) {
            throw new InvalidEventException("host",
                    "must be the session host name without the '{hostPool}/' prefix the service returns");
        }
        return value;
    }

    static String imageVersionId(String value, String field) {
        text(value, field);
        if (!IMAGE_VERSION_ID.matcher(value).matches()) {
            throw new InvalidEventException(field, "must be the resource id of an Azure Compute Gallery image version "
                    + "(/subscriptions/../resourceGroups/../providers/Microsoft.Compute/galleries/../images/../versions/..)");
        }
        return value;
    }

    static String optionalVmId(String value, String field) {
        optionalText(value, field);
        if (value != null && !VM_ID.matcher(value).matches()) {
            throw new InvalidEventException(field, "must be the resource id of a virtual machine "
                    + "(/subscriptions/../resourceGroups/../providers/Microsoft.Compute/virtualMachines/..)");
        }
        return value;
    }

    static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw new InvalidEventException(field, "must be at least " + min + " (was " + value + ")");
        }
        return value;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(field, "is required");
        }
        return value;
    }

    static Instant instant(Instant value, String field) {
        return present(value, field);
    }

    static Duration notNegative(Duration value, String field) {
        if (value != null && value.isNegative()) {
            throw new InvalidEventException(field, "must not be negative (was " + value + ")");
        }
        return value;
    }
}
