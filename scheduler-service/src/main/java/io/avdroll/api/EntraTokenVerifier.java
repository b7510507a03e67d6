package io.avdroll.api;

import java.time.Clock;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * Checks an Entra ID access token: RS256-signed by a key of the tenant's JWKS (fetched and cached by jose4j), issued
 * by the configured issuer, for the configured audience, not expired (one minute of clock skew allowed). The caller's
 * name is the token's {@code preferred_username}, else {@code appid}/{@code azp} (an application), else {@code sub}.
 */
public final class EntraTokenVerifier {

    private final ApiSettings.Entra entra;
    private final VerificationKeyResolver keys;
    private final Clock clock;

    public EntraTokenVerifier(ApiSettings.Entra entra, Clock clock) {
        this(entra, new HttpsJwksVerificationKeyResolver(new HttpsJwks(entra.jwksUrl())), clock);
    }

    EntraTokenVerifier(ApiSettings.Entra entra, VerificationKeyResolver keys, Clock clock) {
        this.entra = entra;
        this.keys = keys;
        this.clock = clock;
    }

    /** The caller's name, or empty when the token is not one this API accepts (the reason is not disclosed). */
    public Optional<String> verify(String token) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setExpectedIssuer(entra.issuer())
                .setExpectedAudience(entra.audience())
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            return Optional.of(callerOf(claims));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    private static String callerOf(JwtClaims claims) throws MalformedClaimException {
        for (String claim : new String[] {"preferred_username", "appid", "azp"}) {
            if (claims.hasClaim(claim)) {
                return claims.getStringClaimValue(claim);
            }
        }
        return claims.getSubject();
    }
}
