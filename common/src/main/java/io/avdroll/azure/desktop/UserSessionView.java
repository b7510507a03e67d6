package io.avdroll.azure.desktop;

import java.time.Instant;

/**
 * A user's session on a session host.
 *
 * @param id the session id used in the URL (the last segment of {@code hp/host/id})
 * @param sessionState e.g. {@code Active}, {@code Disconnected}
 */
public record UserSessionView(String hostPool, String sessionHost, String id, String userPrincipalName,
                              String sessionState, String applicationType, String activeDirectoryUserName,
                              Instant createTime) {

    public boolean active() {
        return "Active".equalsIgnoreCase(sessionState);
    }
}
