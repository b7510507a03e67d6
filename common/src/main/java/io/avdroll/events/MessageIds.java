package io.avdroll.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Builds the deterministic MessageIds and SessionIds. Service Bus caps both at 128 characters; a longer
 * id keeps a readable prefix and ends in a hash of the whole id, so it stays deterministic and unique.
 */
public final class MessageIds {

    public static final int MAX_LENGTH = 128;
    private static final int KEPT_PREFIX = 86;

    private MessageIds() {
    }

    /**
     * {@code {hostPool}/{rolloutId}/{host}[/attempt-N]/{stage}[/check-K]}; attempt 1 and check 0 add no segment.
     * The pool leads because a tool may reuse one request id for several pools, and duplicate detection
     * must not drop the second pool's events as copies of the first's.
     */
    public static String forHost(String hostPool, String rolloutId, String host, int attempt, String stage, int check) {
        StringBuilder id = new StringBuilder(hostPool).append('/').append(rolloutId).append('/').append(host);
        if (attempt > 1) {
            id.append("/attempt-").append(attempt);
        }
        id.append('/').append(stage);
        if (check > 0) {
            id.append("/check-").append(check);
        }
        return bounded(id.toString());
    }

    /**
     * The SessionId of everything about one host pool: {@code {subscriptionId}/{resourceGroup}/{hostPool}},
     * lower-cased because Azure resource names are case-insensitive. Pool names alone could collide
     * across resource groups, and two pools must never share a session (and so a rollout record).
     */
    public static String sessionIdOf(String subscriptionId, String resourceGroup, String hostPool) {
        return bounded((subscriptionId + "/" + resourceGroup + "/" + hostPool).toLowerCase(Locale.ROOT));
    }

    /** {@code {hostPool}/{rolloutId}/{suffix}} for pool-level events. */
    public static String forPool(String hostPool, String rolloutId, String suffix) {
        return bounded(hostPool + "/" + rolloutId + "/" + suffix);
    }

    public static String bounded(String id) {
        if (id.length() <= MAX_LENGTH) {
            return id;
        }
        return id.substring(0, KEPT_PREFIX) + "~" + sha256Hex(id).substring(0, 40);
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
