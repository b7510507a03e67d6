package io.avdroll.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host pool as observed at one moment: its session hosts and the pool's session limit per host.
 * A host being recreated is usually absent (its session host entry is gone until it registers again).
 *
 * @param hostPool        host pool name
 * @param maxSessionLimit the pool's {@code maxSessionLimit}: sessions one host accepts
 * @param hosts           the session hosts, unique by name
 */
public record HostPoolSnapshot(String hostPool, int maxSessionLimit, List<SessionHost> hosts) {

    public HostPoolSnapshot {
        if (hostPool == null || hostPool.isBlank()) {
            throw new IllegalArgumentException("hostPool: must not be blank");
        }
        if (maxSessionLimit < 1) {
            throw new IllegalArgumentException("maxSessionLimit: must be at least 1 (was " + maxSessionLimit + ")");
        }
        hosts = List.copyOf(hosts == null ? List.of() : hosts);
        Set<String> seen = new HashSet<>();
        for (SessionHost host : hosts) {
            if (!seen.add(host.name())) {
                throw new IllegalArgumentException("hosts: duplicate session host name " + host.name());
            }
        }
    }

    public int size() {
        return hosts.size();
    }

    public Optional<SessionHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** Hosts by name, in snapshot order. */
    public Map<String, SessionHost> byName() {
        Map<String, SessionHost> map = new LinkedHashMap<>();
        hosts.forEach(h -> map.put(h.name(), h));
        return Collections.unmodifiableMap(map);
    }

    public int servingHosts() {
        return (int) hosts.stream().filter(SessionHost::serving).count();
    }

    /** Session slots offered right now: maxSessionLimit × serving hosts. */
    public long servingSlots() {
        return (long) maxSessionLimit * servingHosts();
    }

    /** A copy with the named host replaced (or added when it was absent). */
    public HostPoolSnapshot with(SessionHost host) {
        List<SessionHost> copy = new ArrayList<>(hosts);
        copy.removeIf(h -> h.name().equals(host.name()));
        copy.add(host);
        return new HostPoolSnapshot(hostPool, maxSessionLimit, copy);
    }

    /** A copy without the named host (e.g. while its VM is being recreated). */
    public HostPoolSnapshot without(String name) {
        List<SessionHost> copy = new ArrayList<>(hosts);
        copy.removeIf(h -> h.name().equals(name));
        return new HostPoolSnapshot(hostPool, maxSessionLimit, copy);
    }
}
