package io.avdroll.verify;

import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.ResourceNames;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the session host an event names. Asked for directly first; when that misses (the event may carry a bare
 * computer name while the pool lists FQDNs, or the other way round), the pool's list is searched by name, first
 * DNS label and VM name, with or without the {@code pool/} prefix the service returns.
 */
final class SessionHostLookup {

    private final SessionHosts sessionHosts;

    SessionHostLookup(SessionHosts sessionHosts) {
        this.sessionHosts = sessionHosts;
    }

    Optional<SessionHostView> find(HostPoolRef pool, String host) {
        Optional<SessionHostView> direct = sessionHosts.find(pool, host);
        if (direct.isPresent()) {
            return direct;
        }
        return sessionHosts.list(pool).stream().filter(view -> names(view, host)).findFirst();
    }

    /** True when {@code view} is the host the event calls {@code host}. */
    static boolean names(SessionHostView view, String host) {
        String wanted = label(ResourceNames.sessionHostName(host));
        String name = ResourceNames.sessionHostName(view.name());
        return name != null && (name.equalsIgnoreCase(ResourceNames.sessionHostName(host)) || label(name).equalsIgnoreCase(wanted)
                || (view.vmName() != null && view.vmName().equalsIgnoreCase(wanted)));
    }

    private static String label(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    }
}
