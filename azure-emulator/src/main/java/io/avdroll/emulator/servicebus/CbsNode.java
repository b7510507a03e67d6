package io.avdroll.emulator.servicebus;

import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.message.Message;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code $cbs} claims-based-security node: {@code put-token} checks a SAS token and, when valid, lets the
 * connection attach links to the token's audience until the token expires.
 */
final class CbsNode {

    private final SasTokenValidator validator;

    CbsNode(SasTokenValidator validator) {
        this.validator = validator;
    }

    /** Handles one request; on success records the granted audience path (lower case) in {@code grants}. */
    Message handle(Message request, Map<String, Instant> grants) {
        Map<String, Object> properties = request.getApplicationProperties() == null ? Map.of()
                : request.getApplicationProperties().getValue();
        if (!"put-token".equals(properties.get("operation"))) {
            return response(400, "Unsupported operation '" + properties.get("operation") + "' on $cbs.");
        }
        Object name = properties.get("name");
        if (name == null) {
            return response(400, "put-token request has no 'name' (audience).");
        }
        Object token = request.getBody() instanceof AmqpValue v ? v.getValue() : null;
        SasTokenValidator.Result result = validator.validate(token == null ? null : String.valueOf(token));
        if (!result.valid()) {
            return response(401, result.reason());
        }
        final URI audience;
        try {
            audience = URI.create(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            return response(400, "put-token 'name' is not a URI.");
        }
        if (audience.getHost() == null || !audience.getHost().equalsIgnoreCase(result.resource().getHost())) {
            return response(401, "InvalidAudience: the audience's namespace does not match the token's.");
        }
        String granted = Broker.key(result.resource().getPath() == null ? "" : result.resource().getPath());
        String requested = Broker.key(audience.getPath() == null ? "" : audience.getPath());
        if (!covers(granted, requested)) {
            return response(401, "InvalidAudience: the token does not grant access to '" + requested + "'.");
        }
        grants.put(requested, result.expiresAt());
        return response(202, "Accepted");
    }

    static boolean covers(String grantedPath, String path) {
        return grantedPath.isEmpty() || path.equals(grantedPath) || path.startsWith(grantedPath + "/");
    }

    private static Message response(int status, String description) {
        Message response = Proton.message();
        Map<String, Object> properties = new HashMap<>();
        properties.put("status-code", status);
        properties.put("status-description", description);
        response.setApplicationProperties(new ApplicationProperties(properties));
        return response;
    }
}
