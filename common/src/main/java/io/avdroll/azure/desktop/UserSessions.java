package io.avdroll.azure.desktop;

import java.util.List;

/** User sessions on session hosts. Every method fails with {@link io.avdroll.azure.failure.AzureFailure}. */
public interface UserSessions {

    /** All sessions on one session host, across every page. */
    List<UserSessionView> list(HostPoolRef pool, String sessionHost);

    /** NOT_FOUND failure when the session has ended. */
    UserSessionView get(HostPoolRef pool, String sessionHost, String sessionId);

    /** All sessions in the pool, across every page. */
    List<UserSessionView> listByHostPool(HostPoolRef pool);

    void sendMessage(HostPoolRef pool, String sessionHost, String sessionId, String title, String body);

    /** Logs the user off (DELETE with {@code force=true}); a session already gone is not an error. */
    void logOff(HostPoolRef pool, String sessionHost, String sessionId);

    void disconnect(HostPoolRef pool, String sessionHost, String sessionId);
}
