package io.avdroll.azure.desktop;

/**
 * The live service names a session host {@code {hostPool}/{sessionHost}} and a user session
 * {@code {hostPool}/{sessionHost}/{id}}, while the spec examples show bare names: accept both.
 */
public final class ResourceNames {

    private ResourceNames() {
    }

    /** {@code hp/host.contoso.local} and {@code host.contoso.local} both give {@code host.contoso.local}. */
    public static String sessionHostName(String name) {
        if (name == null) {
            return null;
        }
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** {@code hp/host/3} and {@code 3} both give {@code 3}. */
    public static String userSessionId(String name) {
        if (name == null) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** The session host segment of a user session's {@code hp/host/3} name, or null for a bare name. */
    public static String sessionHostOfUserSession(String name) {
        if (name == null) {
            return null;
        }
        String[] parts = name.split("/");
        return parts.length == 3 ? parts[1] : null;
    }

    /** The VM name the session host runs on: the last segment of its resource id, else the first DNS label. */
    public static String vmName(String sessionHostName, String resourceId) {
        if (resourceId != null && !resourceId.isBlank()) {
            return resourceId.substring(resourceId.lastIndexOf('/') + 1);
        }
        String bare = sessionHostName(sessionHostName);
        if (bare == null) {
            return null;
        }
        int dot = bare.indexOf('.');
        return dot < 0 ? bare : bare.substring(0, dot);
    }
}
