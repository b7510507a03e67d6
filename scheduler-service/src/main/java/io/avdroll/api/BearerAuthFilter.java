package io.avdroll.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/} request needs {@code Authorization: Bearer <token>}: the configured local token (emulator and
 * development) or an Entra ID access token. Anything else is 401 with a {@code WWW-Authenticate: Bearer} challenge.
 * The token is never logged nor echoed. The status page itself is public; its data comes from this API.
 */
public class BearerAuthFilter {

    /** Request property holding the authenticated caller's name, for {@code requestedBy}. */
    public static final String CALLER = "avdroll.api.caller";
    public static final String LOCAL_CALLER = "local";

    private final ApiSettings settings;
    private final Optional<EntraTokenVerifier> entra;

    public BearerAuthFilter(ApiSettings settings, Clock clock) {
        this.settings = settings;
        this.entra = settings.entra().map(e -> new EntraTokenVerifier(e, clock));
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "").toLowerCase(java.util.Locale.ROOT);
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        if (settings.localToken().isEmpty() && entra.isEmpty()) {
            return Optional.of(unauthorized("no authentication is configured: set " + ApiSettings.LOCAL_TOKEN + " or "
                    + ApiSettings.ENTRA_ISSUER + " and " + ApiSettings.ENTRA_AUDIENCE));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return Optional.of(unauthorized("a bearer token is required (Authorization: Bearer <token>)"));
        }
        String token = header.substring(7).strip();
        Optional<String> caller = caller(token);
        if (caller.isEmpty()) {
            return Optional.of(unauthorized("the bearer token is not valid for this API"));
        }
        request.setProperty(CALLER, caller.get());
        return Optional.empty();
    }

    private Optional<String> caller(String token) {
        if (settings.localToken().isPresent() && constantTimeEquals(token, settings.localToken().get())) {
            return Optional.of(LOCAL_CALLER);
        }
        return entra.flatMap(verifier -> verifier.verify(token));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(ApiProblemMapper.body(401, null, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"avdroll\"").build();
    }
}
