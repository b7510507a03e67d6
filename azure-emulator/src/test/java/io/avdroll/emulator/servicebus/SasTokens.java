package io.avdroll.emulator.servicebus;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Builds SAS tokens the way the SDK does, for tests that need a token the SDK would not make. */
final class SasTokens {

    private SasTokens() {
    }

    static String token(String resource, String keyName, String key, Instant expiry) {
        try {
            String encoded = URLEncoder.encode(resource, StandardCharsets.UTF_8);
            String toSign = encoded + "\n" + expiry.getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            return "SharedAccessSignature sr=" + encoded + "&sig=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                    + "&se=" + expiry.getEpochSecond() + "&skn=" + URLEncoder.encode(keyName, StandardCharsets.UTF_8);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
