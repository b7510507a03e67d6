package io.avdroll.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Entra ID access tokens: signature from the tenant's keys, issuer, audience and expiry, at an injected time. */
class EntraTokenVerifierTest {

    private static final String ISSUER = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0";
    private static final String AUDIENCE = "api://avdroll";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static RsaJsonWebKey tenantKey;
    private static RsaJsonWebKey otherKey;
    private static EntraTokenVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        tenantKey = RsaJwkGenerator.generateJwk(2048);
        tenantKey.setKeyId("tenant-key");
        otherKey = RsaJwkGenerator.generateJwk(2048);
        otherKey.setKeyId("tenant-key");
        verifier = new EntraTokenVerifier(new ApiSettings.Entra(ISSUER, AUDIENCE, "unused"),
                new JwksVerificationKeyResolver(List.of(tenantKey)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aTokenSignedByTheTenantForThisApiNamesTheUser() throws Exception {
        assertThat(verifier.verify(token(tenantKey, ISSUER, AUDIENCE, NOW.plusSeconds(600), "admin@contoso.com")))
                .contains("admin@contoso.com");
    }

    @Test
    void aTokenForAnotherAudienceIssuerOrSignedByAnotherKeyIsRefused() throws Exception {
        assertThat(verifier.verify(token(tenantKey, ISSUER, "api://other", NOW.plusSeconds(600), "a@b"))).isEmpty();
        assertThat(verifier.verify(token(tenantKey, "https://login.microsoftonline.com/evil/v2.0", AUDIENCE,
                NOW.plusSeconds(600), "a@b"))).isEmpty();
        assertThat(verifier.verify(token(otherKey, ISSUER, AUDIENCE, NOW.plusSeconds(600), "a@b"))).isEmpty();
        assertThat(verifier.verify("not-a-jwt")).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedBeyondOneMinuteOfClockSkew() throws Exception {
        assertThat(verifier.verify(token(tenantKey, ISSUER, AUDIENCE, NOW.minusSeconds(30), "a@b"))).contains("a@b");
        assertThat(verifier.verify(token(tenantKey, ISSUER, AUDIENCE, NOW.minusSeconds(120), "a@b"))).isEmpty();
    }

    @Test
    void theJwksUrlDefaultsToTheIssuersDiscoveryKeys() {
        assertThat(ApiSettings.defaultJwksUrl(ISSUER))
                .isEqualTo("https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys");
    }

    private static String token(RsaJsonWebKey key, String issuer, String audience, Instant expires, String user)
            throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setIssuedAt(NumericDate.fromSeconds(expires.getEpochSecond() - 3600));
        claims.setSubject("subject-id");
        claims.setClaim("preferred_username", user);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
