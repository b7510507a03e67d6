package io.avdroll.simulation;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.SessionHost;
import io.avdroll.rollout.RolloutSpec;
import java.time.Instant;
import java.util.List;

/**
 * One simulated rollout.
 *
 * @param standardHosts   always-on hosts (ephemeral OS disk)
 * @param drHosts         hibernated DR hosts
 * @param maxSessionLimit sessions per host
 * @param spec            the rollout spec (its target image is what hosts are redeployed to)
 * @param seed            seeds every random choice; same seed, same host-level samples for any strategy
 * @param failureRate     probability that a host fails one of its stages
 * @param duplicateRate   probability that a report is delivered twice
 * @param unhealthyRate   probability that a standard host starts unhealthy (NeedsAssistance)
 * @param onTargetRate    probability that a host already runs the target image
 * @param start           virtual start time
 * @param timings         duration ranges
 * @param poolHosts       a real pool's hosts as observed (status, sessions, image, power), simulated as they are; empty:
 *                        the hosts are made up from the counts and rates above
 */
public record SimulationConfig(int standardHosts, int drHosts, int maxSessionLimit, RolloutSpec spec, long seed,
                               double failureRate, double duplicateRate, double unhealthyRate, double onTargetRate,
                               Instant start, Timings timings, List<SessionHost> poolHosts) {

    public static final String OLD_IMAGE = "1.0.0";

    public SimulationConfig {
        if (standardHosts < 0 || drHosts < 0 || standardHosts + drHosts == 0) {
            throw new IllegalArgumentException("hosts: need at least one host (standard " + standardHosts + ", dr " + drHosts + ")");
        }
        if (maxSessionLimit < 1) {
            throw new IllegalArgumentException("maxSessionLimit: must be at least 1 (was " + maxSessionLimit + ")");
        }
        poolHosts = poolHosts == null ? List.of() : List.copyOf(poolHosts);
        if (!poolHosts.isEmpty()) {
            long dr = poolHosts.stream().filter(h -> h.hostClass() == HostClass.DR).count();
            if (dr != drHosts || poolHosts.size() - dr != standardHosts) {
                throw new IllegalArgumentException("poolHosts: " + (poolHosts.size() - dr) + " standard and " + dr
                        + " DR hosts, but the counts say " + standardHosts + " and " + drHosts);
            }
        }
        spec.validated(standardHosts + drHosts);
    }

    /** A made-up pool: hosts generated from the counts and rates. */
    public SimulationConfig(int standardHosts, int drHosts, int maxSessionLimit, RolloutSpec spec, long seed,
                            double failureRate, double duplicateRate, double unhealthyRate, double onTargetRate,
                            Instant start, Timings timings) {
        this(standardHosts, drHosts, maxSessionLimit, spec, seed, failureRate, duplicateRate, unhealthyRate, onTargetRate,
                start, timings, List.of());
    }

    /**
     * A real pool as observed, rolled by {@code spec} from {@code start}: every host with its own status, sessions
     * (the users to drain), image and power state; no injected failures and no duplicate reports, so the figures
     * are those of a rollout that goes to plan. Only the durations vary with the seed.
     */
    public static SimulationConfig forPool(HostPoolSnapshot pool, RolloutSpec spec, long seed, Instant start, Timings timings) {
        int dr = (int) pool.hosts().stream().filter(h -> h.hostClass() == HostClass.DR).count();
        return new SimulationConfig(pool.size() - dr, dr, pool.maxSessionLimit(), spec, seed, 0.0, 0.0, 0.0, 0.0, start,
                timings, pool.hosts());
    }

    public int poolSize() {
        return standardHosts + drHosts;
    }
}
