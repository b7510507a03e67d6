package io.avdroll.rollout;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import java.util.ArrayList;
import java.util.List;

/** Builds small pools for planner tests. */
final class Pools {
    static final String OLD = "1.0.0";
    static final String TARGET = "2.0.0";

    private Pools() {
    }

    static SessionHost serving(String name, int sessions) {
        return new SessionHost(name, SessionHostStatus.AVAILABLE, true, sessions, OLD, HostClass.STANDARD, PowerState.RUNNING);
    }

    static SessionHost unhealthy(String name) {
        return new SessionHost(name, SessionHostStatus.NEEDS_ASSISTANCE, true, 0, OLD, HostClass.STANDARD, PowerState.RUNNING);
    }

    static SessionHost hibernatedDr(String name, String image) {
        return new SessionHost(name, SessionHostStatus.SHUTDOWN, true, 0, image, HostClass.DR, PowerState.HIBERNATED);
    }

    /** {@code count} serving standard hosts host-1..host-N with {@code sessions} sessions each. */
    static List<SessionHost> servingHosts(int count, int sessions) {
        List<SessionHost> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            hosts.add(serving("host-" + i, sessions));
        }
        return hosts;
    }

    static HostPoolSnapshot pool(int maxSessionLimit, List<SessionHost> hosts) {
        return new HostPoolSnapshot("pool-a", maxSessionLimit, hosts);
    }

    static HostPoolSnapshot pool(List<SessionHost> hosts) {
        return pool(10, hosts);
    }
}
