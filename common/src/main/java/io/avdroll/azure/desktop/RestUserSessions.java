package io.avdroll.azure.desktop;

import com.azure.core.http.HttpMethod;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link UserSessions} as Desktop Virtualization REST calls over the shared ARM pipeline. */
public final class RestUserSessions implements UserSessions {

    private final AvdRestClient rest;

    public RestUserSessions(AzureConnection connection) {
        this(new AvdRestClient(connection.pipeline(), connection.armBaseUrl(), connection.config().subscriptionId()));
    }

    RestUserSessions(AvdRestClient rest) {
        this.rest = rest;
    }

    @Override
    public List<UserSessionView> list(HostPoolRef pool, String sessionHost) {
        String host = ResourceNames.sessionHostName(sessionHost);
        List<UserSessionView> sessions = new ArrayList<>();
        rest.forEachItem(DesktopVirtualizationApi.userSessions(rest.subscriptionId(), pool, host), null,
            "list user sessions on " + pool + "/" + host, item -> sessions.add(AvdJson.userSession(pool.name(), host, item)));
        return List.copyOf(sessions);
    }

    @Override
    public UserSessionView get(HostPoolRef pool, String sessionHost, String sessionId) {
        String host = ResourceNames.sessionHostName(sessionHost);
        String id = ResourceNames.userSessionId(sessionId);
        String operation = "get session " + id + " on " + pool + "/" + host;
        return AvdJson.userSession(pool.name(), host, RestHostPools.required(rest.send(HttpMethod.GET,
            DesktopVirtualizationApi.userSession(rest.subscriptionId(), pool, host, id), null, null, operation), operation));
    }

    @Override
    public List<UserSessionView> listByHostPool(HostPoolRef pool) {
        List<UserSessionView> sessions = new ArrayList<>();
        rest.forEachItem(DesktopVirtualizationApi.userSessionsOfPool(rest.subscriptionId(), pool), null,
            "list user sessions in " + pool, item -> sessions.add(AvdJson.userSession(pool.name(), null, item)));
        return List.copyOf(sessions);
    }

    @Override
    public void sendMessage(HostPoolRef pool, String sessionHost, String sessionId, String title, String body) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title: a message to users needs a title");
        }
        String host = ResourceNames.sessionHostName(sessionHost);
        String id = ResourceNames.userSessionId(sessionId);
        rest.send(HttpMethod.POST, DesktopVirtualizationApi.userSession(rest.subscriptionId(), pool, host, id) + "/sendMessage",
            null, messageBody(title, body), "send message to session " + id + " on " + pool + "/" + host);
    }

    static Map<String, Object> messageBody(String title, String body) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageTitle", title);
        message.put("messageBody", body == null ? "" : body);
        return message;
    }

    @Override
    public void logOff(HostPoolRef pool, String sessionHost, String sessionId) {
        String host = ResourceNames.sessionHostName(sessionHost);
        String id = ResourceNames.userSessionId(sessionId);
        try {
            rest.send(HttpMethod.DELETE, DesktopVirtualizationApi.userSession(rest.subscriptionId(), pool, host, id),
                Map.of("force", "true"), null, "log off session " + id + " on " + pool + "/" + host);
        } catch (AzureFailure failure) {
            if (failure.kind() != AzureFailureKind.NOT_FOUND) {
                throw failure;
            }
        }
    }

    @Override
    public void disconnect(HostPoolRef pool, String sessionHost, String sessionId) {
        String host = ResourceNames.sessionHostName(sessionHost);
        String id = ResourceNames.userSessionId(sessionId);
        rest.send(HttpMethod.POST, DesktopVirtualizationApi.userSession(rest.subscriptionId(), pool, host, id) + "/disconnect",
            null, null, "disconnect session " + id + " on " + pool + "/" + host);
    }
}
