package io.avdroll.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.state.EmulatorState;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS request pipeline playing Azure Resource Manager: bearer-token check, route match, api-version
 * check, injected faults and subscription throttling, counters, then the handler under the state lock.
 * Requests under {@code /_emulator/} go to the admin API instead (no token needed).
 */
public final class ArmServer {
    private static final Logger LOG = LoggerFactory.getLogger(ArmServer.class);
    public static final String ADMIN_PREFIX = "/_emulator/";

    private final EmulatorState state;
    private final ArmRouter router;
    private final Function<AdminRequest, ArmResponse> admin;

    /** A request for the admin API. */
    public record AdminRequest(String method, String path, Map<String, String> query, String body, String baseUrl) {
    }

    public ArmServer(EmulatorState state, ArmRouter router, Function<AdminRequest, ArmResponse> admin) {
        this.state = state;
        this.router = router;
        this.admin = admin;
    }

    public void handle(HttpServerRequest req) {
        req.body().onSuccess(buf -> respond(req, buf)).onFailure(e -> req.response().setStatusCode(400).end());
    }

    private void respond(HttpServerRequest req, Buffer buf) {
        ArmResponse response;
        String path = req.path();
        Map<String, String> query = query(req.params());
        String baseUrl = "https://" + (req.authority() != null ? req.authority().toString() : req.host());
        try {
            if (path.startsWith(ADMIN_PREFIX)) {
                response = admin.apply(new AdminRequest(req.method().name(), path.substring(ADMIN_PREFIX.length()), query, buf.toString(), baseUrl));
            } else {
                response = arm(req, path, query, buf, baseUrl);
            }
        } catch (ArmException e) {
            response = e.toResponse();
        } catch (IllegalArgumentException e) {
            response = ArmException.badRequest("InvalidParameter", e.getMessage()).toResponse();
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", req.method(), path, e);
            response = new ArmException(500, "InternalServerError", "The emulator failed: " + e.getClass().getSimpleName()).toResponse();
        }
        write(req.response(), response);
    }

    private ArmResponse arm(HttpServerRequest req, String path, Map<String, String> query, Buffer buf, String baseUrl) {
        if (!state.options.auditTraffic()) {
            return serve(req, path, query, buf, baseUrl);
        }
        java.time.Instant arrived = state.now();
        String caller = callerName(req.getHeader("Authorization"));
        int status = 0;
        String operation = "unmatched";
        try {
            operation = router.match(req.method().name(), path).map(m -> m.route().operation()).orElse("unmatched");
            ArmResponse response = serve(req, path, query, buf, baseUrl);
            status = response.status();
            return response;
        } catch (ArmException e) {
            status = e.status();
            throw e;
        } catch (RuntimeException e) {
            status = 500;
            throw e;
        } finally {
            state.audit.record(arrived, "ArmRequest", caller, path, "method", req.method().name(), "operation", operation,
                    "status", status);
        }
    }

    private String callerName(String authorization) {
        if (authorization == null || authorization.length() < 7) {
            return "api";
        }
        String name = state.options.callerOf(authorization.substring(7).trim());
        return name == null ? "api" : name;
    }

    private ArmResponse serve(HttpServerRequest req, String path, Map<String, String> query, Buffer buf, String baseUrl) {
        Map<String, String> extraHeaders = new HashMap<>();
        checkBearer(req.getHeader("Authorization"));
        String method = req.method().name();
        Optional<ArmRouter.Match> match = router.match(method, path);
        if (match.isEmpty()) {
            state.counters.call("unmatched");
            LOG.warn("no ARM route for {} {}", method, path);
            if (router.knowsPath(path)) {
                throw new ArmException(405, "MethodNotAllowed", "The requested resource does not support http method '" + method + "'.");
            }
            throw new ArmException(404, "InvalidResourceType", "The resource type could not be found in the namespace for path '" + path + "'.");
        }
        ArmRouter.Route route = match.get().route();
        String operation = route.operation();
        String provider = route.provider() != null ? route.provider() : match.get().params().get("provider");
        ApiVersions.check(query.get("api-version"), provider, typeName(route));
        state.counters.call(operation);
        Optional<ArmException> fault = state.faults.beforeRequest(operation);
        if (fault.isEmpty()) {
            fault = state.throttle.take(match.get().params().get("subscriptionId"), method, extraHeaders);
        }
        if (fault.isPresent()) {
            if (fault.get().status() == 429) {
                state.counters.throttled(operation);
            } else {
                state.counters.event("injected" + fault.get().status());
            }
            ArmResponse r = fault.get().toResponse();
            extraHeaders.forEach(r::header);
            return r;
        }
        JsonNode body = parseBody(buf);
        ArmCall call = new ArmCall(method, path, match.get().params(), query, body, baseUrl);
        ArmResponse response;
        synchronized (state) {
            response = route.handler().handle(call);
        }
        extraHeaders.forEach(response::header);
        return response;
    }

    private void checkBearer(String authorization) {
        String expected = state.options.bearerToken();
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw new ArmException(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
                    .header("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", "
                            + "error_description=\"The authentication failed because of missing 'Authorization' header.\"");
        }
        String token = authorization.substring(7).trim();
        if (expected != null && !expected.equals(token) && state.options.callerOf(token) == null) {
            throw new ArmException(401, "InvalidAuthenticationToken", "The access token is invalid.")
                    .header("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", "
                            + "error_description=\"The access token is invalid.\"");
        }
    }

    private static String typeName(ArmRouter.Route route) {
        String[] s = route.segments();
        for (int i = s.length - 1; i >= 0; i--) {
            if (!s[i].startsWith("{")) {
                return s[i];
            }
        }
        return "";
    }

    private static JsonNode parseBody(Buffer buf) {
        if (buf == null || buf.length() == 0) {
            return null;
        }
        String text = buf.toString();
        if (text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: " + e.getMessage());
        }
    }

    private static Map<String, String> query(MultiMap params) {
        Map<String, String> out = new HashMap<>();
        params.forEach(e -> out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        return out;
    }

    private static void write(HttpServerResponse out, ArmResponse response) {
        String requestId = UUID.randomUUID().toString();
        out.setStatusCode(response.status());
        out.putHeader("x-ms-request-id", requestId);
        out.putHeader("x-ms-correlation-request-id", requestId);
        response.headers().forEach(out::putHeader);
        if (response.body() == null) {
            out.putHeader("Content-Length", "0");
            out.end();
        } else {
            out.putHeader("Content-Type", "application/json; charset=utf-8");
            out.end(Json.write(response.body()));
        }
    }
}
