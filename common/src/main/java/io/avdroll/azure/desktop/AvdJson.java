package io.avdroll.azure.desktop;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Desktop Virtualization response bodies into the port's value types (tolerant of missing fields). */
final class AvdJson {

    private AvdJson() {
    }

    static HostPoolView hostPool(JsonNode body) {
        JsonNode p = body.path("properties");
        return new HostPoolView(text(body, "id"), text(body, "name"), text(body, "location"), tags(body.path("tags")),
            text(p, "hostPoolType"), text(p, "loadBalancerType"),
            p.path("maxSessionLimit").isNumber() ? p.path("maxSessionLimit").asInt() : null,
            text(p, "preferredAppGroupType"), p.path("startVMOnConnect").asBoolean(false),
            text(p, "friendlyName"), text(p, "description"), instant(p.path("registrationInfo"), "expirationTime"));
    }

    /** The {@code RegistrationInfo} object: from retrieveRegistrationToken, or {@code properties.registrationInfo}. */
    static RegistrationToken registrationToken(JsonNode info) {
        if (info == null) {
            return null;
        }
        String token = text(info, "token");
        Instant expires = instant(info, "expirationTime");
        return token == null || token.isBlank() || expires == null ? null : new RegistrationToken(token, expires);
    }

    static SessionHostView sessionHost(String hostPool, JsonNode body) {
        JsonNode p = body.path("properties");
        String name = ResourceNames.sessionHostName(text(body, "name"));
        List<SessionHostView.HealthCheck> checks = new ArrayList<>();
        for (JsonNode c : p.path("sessionHostHealthCheckResults")) {
            JsonNode details = c.path("additionalFailureDetails");
            checks.add(new SessionHostView.HealthCheck(text(c, "healthCheckName"), text(c, "healthCheckResult"),
                text(details, "message"), details.path("errorCode").isNumber() ? details.path("errorCode").asInt() : null,
                instant(details, "lastHealthCheckDateTime")));
        }
        String resourceId = text(p, "resourceId");
        return new SessionHostView(hostPool, name, ResourceNames.vmName(name, resourceId), resourceId,
            text(p, "virtualMachineId"), text(p, "status"), p.path("allowNewSession").asBoolean(false),
            p.path("sessions").asInt(0), instant(p, "lastHeartBeat"), instant(p, "statusTimestamp"),
            text(p, "agentVersion"), text(p, "osVersion"), text(p, "updateState"), text(p, "assignedUser"),
            text(p, "friendlyName"), checks);
    }

    static UserSessionView userSession(String hostPool, String sessionHost, JsonNode body) {
        JsonNode p = body.path("properties");
        String name = text(body, "name");
        String host = sessionHost != null ? sessionHost : ResourceNames.sessionHostOfUserSession(name);
        if (host == null) {
            host = hostFromId(text(body, "id"));
        }
        return new UserSessionView(hostPool, host, ResourceNames.userSessionId(name), text(p, "userPrincipalName"),
            text(p, "sessionState"), text(p, "applicationType"), text(p, "activeDirectoryUserName"),
            instant(p, "createTime"));
    }

    private static String hostFromId(String id) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("sessionHosts")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (java.time.format.DateTimeParseException noOffset) {
            // some services omit the zone; ARM times are UTC
            return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
