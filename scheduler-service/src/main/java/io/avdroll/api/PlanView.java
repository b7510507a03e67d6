package io.avdroll.api;

import java.util.List;

/**
 * A dry run of a rollout of one pool: nothing is sent, nothing is touched.
 *
 * @param hosts             the pool as read from Azure now, in the order the rollout would admit them (skipped last)
 * @param waves             when each wave would start, from the planner's dry run with fixed typical stage times
 *                          (drain = grace period for a host with users, 1 min empty, 15 min redeploy, 10 min verify)
 * @param estimatedDuration ISO-8601, the {@link Estimate#median()}: null when the simulated rollout does not complete
 * @param estimate          from simulating the rollout of this pool as it is now (its hosts, their session counts, the
 *                          spec) many times with random stage durations
 * @param completes         whether the planner's dry run reaches the end
 */
public record PlanView(String subscriptionId, String resourceGroup, String hostPool, String targetImageVersionId,
                       SpecView spec, List<PlanHost> hosts, List<Wave> waves, List<String> skipped,
                       String estimatedDuration, Estimate estimate, boolean completes, List<String> notes) {

    /**
     * The simulated durations, ISO-8601, counted from now (a closed maintenance window is waited for).
     *
     * @param median      half the simulated runs took at most this long
     * @param pessimistic the {@code percentile}-th percentile of the runs
     * @param lowerBound  the hosts' own work alone: the longest host, or all hosts' time spread over the window
     * @param basis       the stage-duration distributions simulated ({@code avdroll.plan.estimate.*})
     */
    public record Estimate(String median, String pessimistic, int percentile, String lowerBound, int runs,
                           boolean completes, String reason, String basis) {
    }

    public record PlanHost(String host, String hostClass, String status, int sessions, String imageVersion,
                           Integer order, Integer wave) {
    }

    public record Wave(int number, String startsAfter, List<String> hosts) {
    }

    public record SpecView(String maxUnavailable, int window, int canaryHosts, String failureBudget,
                           int minAvailableHosts, long minSessionSlots, String drainGracePeriod, String ordering,
                           boolean skipMatching, boolean drAsSurge, String maintenanceWindow) {
    }
}
