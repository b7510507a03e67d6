package io.avdroll.simulation;

import io.avdroll.rollout.RolloutSpec;
import java.time.Instant;

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
 */
public record SimulationConfig(int standardHosts, int drHosts, int maxSessionLimit, RolloutSpec spec, long seed,
                               double failureRate, double duplicateRate, double unhealthyRate, double onTargetRate,
                               Instant start, Timings timings) {

    public static final String OLD_IMAGE = "1.0.0";

    public SimulationConfig {
        if (standardHosts < 0 || drHosts < 0 || standardHosts + drHosts == 0) {
            throw new IllegalArgumentException("hosts: need at least one host (standard " + standardHosts + ", dr " + drHosts + ")");
        }
        if (maxSessionLimit < 1) {
            throw new IllegalArgumentException("maxSessionLimit: must be at least 1 (was " + maxSessionLimit + ")");
        }
        spec.validated(standardHosts + drHosts);
    }

    public int poolSize() {
        return standardHosts + drHosts;
    }
}
