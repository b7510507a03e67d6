package io.avdroll.azure.desktop;

import java.util.List;
import java.util.Optional;

/**
 * Session hosts registered in a host pool. Names may be given bare ({@code host.contoso.local}) or as the service
 * returns them ({@code pool/host.contoso.local}). Every method fails with {@link io.avdroll.azure.failure.AzureFailure}.
 */
public interface SessionHosts {

    /** All session hosts, across every page. */
    List<SessionHostView> list(HostPoolRef pool);

    /** NOT_FOUND failure when the host is not registered (any more). */
    SessionHostView get(HostPoolRef pool, String sessionHost);

    Optional<SessionHostView> find(HostPoolRef pool, String sessionHost);

    /** Drain mode on ({@code false}) or off ({@code true}). */
    SessionHostView setAllowNewSession(HostPoolRef pool, String sessionHost, boolean allow);

    /** Removes the registration; an already removed host is not an error. */
    void delete(HostPoolRef pool, String sessionHost, boolean force);
}
