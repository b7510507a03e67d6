package io.avdroll.api;

import java.util.List;

/**
 * A dry run of a rollout of one pool: nothing is sent, nothing is touched.
 *
 * @param hosts             the pool as read from Azure now, in the order the rollout would admit them (skipped last)
 * @param estimatedDuration ISO-8601; from the real planner run against the pool's real session counts with typical
 *                          stage times (drain = grace period for a host with users, 1 min empty, 15 min redeploy,
 *                          10 min verify)
 */
public record PlanView(String subscriptionId, String resourceGroup, String hostPool, String targetImageVersionId,
                       SpecView spec, List<PlanHost> hosts, List<Wave> waves, List<String> skipped,
                       String estimatedDuration, boolean completes, List<String> notes) {

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
