package io.avdroll.azure.failure;

import java.util.regex.Pattern;

/**
 * Last line of defence for text that leaves the adapters (exception messages): removes anything shaped like a
 * bearer token or a JWT (AVD registration tokens are JWTs). Code must still never put secrets into text.
 */
public final class Redaction {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
    public static final String REDACTED = "[redacted]";

    private Redaction() {
    }

    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String withoutBearer = BEARER.matcher(text).replaceAll("Bearer " + REDACTED);
        return JWT.matcher(withoutBearer).replaceAll(REDACTED);
    }
}
