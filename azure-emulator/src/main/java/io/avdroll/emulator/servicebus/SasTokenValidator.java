package io.avdroll.emulator.servicebus;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a {@code SharedAccessSignature sr=..&sig=..&se=..&skn=..} token as Service Bus does: the key name, the
 * HMAC-SHA256 signature over {@code urlencode(sr) + "\n" + se} with the configured key, the expiry, and that the
 * resource belongs to this namespace. Failure messages never echo the token or the key.
 */
final class SasTokenValidator {

    /** Outcome of a check: the resource URI the token grants, or why it was refused. */
    record Result(boolean valid, String reason, URI resource, Instant expiresAt) {
        static Result refused(String reason) {
            return new Result(false, reason, null, null);
        }
    }

    private final String namespaceHost;
    private final String keyName;
    private final byte[] key;
    private final Clock clock;

    SasTokenValidator(String namespaceHost, String keyName, String key, Clock clock) {
        this.namespaceHost = namespaceHost.toLowerCase(Locale.ROOT);
        this.keyName = keyName;
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    Result validate(String token) {
        if (token == null || !token.startsWith("SharedAccessSignature ")) {
            return Result.refused("InvalidToken: not a SharedAccessSignature token");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : token.substring("SharedAccessSignature ".length()).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1));
            }
        }
        for (String required : new String[] {"sr", "sig", "se", "skn"}) {
            if (!fields.containsKey(required)) {
                return Result.refused("InvalidToken: field '" + required + "' is missing");
            }
        }
        String resource = URLDecoder.decode(fields.get("sr"), StandardCharsets.UTF_8);
        String signature = URLDecoder.decode(fields.get("sig"), StandardCharsets.UTF_8);
        String skn = URLDecoder.decode(fields.get("skn"), StandardCharsets.UTF_8);
        final long expiry;
        try {
            expiry = Long.parseLong(URLDecoder.decode(fields.get("se"), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return Result.refused("InvalidToken: field 'se' is not a number of seconds");
        }
        if (!keyName.equals(skn)) {
            return Result.refused("InvalidSignature: unknown SharedAccessKeyName '" + skn + "'");
        }
        String expected = sign(URLEncoder.encode(resource, StandardCharsets.UTF_8) + "\n" + expiry);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            return Result.refused("InvalidSignature: the token has an invalid signature");
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry);
        if (!expiresAt.isAfter(clock.instant())) {
            return Result.refused("ExpiredToken: the token expired at " + expiresAt);
        }
        final URI uri;
        try {
            uri = URI.create(resource);
        } catch (IllegalArgumentException e) {
            return Result.refused("InvalidAudience: the token's resource is not a URI");
        }
        if (uri.getHost() == null || !uri.getHost().toLowerCase(Locale.ROOT).equals(namespaceHost)) {
            return Result.refused("InvalidAudience: the token's resource is for namespace '" + uri.getHost()
                    + "', not '" + namespaceHost + "'");
        }
        return new Result(true, null, uri, expiresAt);
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
