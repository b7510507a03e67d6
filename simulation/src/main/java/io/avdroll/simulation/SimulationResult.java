package io.avdroll.simulation;

import io.avdroll.rollout.RolloutRecord;
import java.time.Duration;

/**
 * Outcome and figures of one simulated rollout.
 *
 * @param strategy            admission strategy used
 * @param seed                the seed
 * @param window              hosts the strategy may have in the pipeline at once (out of service, or extra VMs)
 * @param makespan            start to completion (or to the pause)
 * @param lowerBound          max(longest single host, sum of per-host stage times / window): no strategy can beat it
 * @param forcedLogoffs       users logged off at the drain deadline
 * @param voluntaryLogoffs    users who signed out within the grace period
 * @param userTimeDisrupted   summed over the users of drained hosts: drain notice to sign-out (forced: to the deadline)
 * @param lowestServingHosts  fewest serving hosts seen after any step
 * @param lowestSessionSlots  fewest session slots seen after any step
 * @param peakExtraVms        most VMs that existed beyond the pool's size at once (surge first's replacements)
 * @param extraVmTime         time-integral of those extra VMs (VM-time paid for beyond the pool)
 * @param steps               events processed
 * @param duplicateDeliveries reports delivered twice on purpose
 * @param noOpTransitions     duplicate or stale reports the record recognised as no-ops
 * @param surgeResumes        DR hosts resumed for surge
 * @param floorChecked        whether the floor held at the start, so that it was checked after every step
 * @param record              the final rollout record
 */
public record SimulationResult(String strategy, long seed, int window, Duration makespan, Duration lowerBound,
                               int forcedLogoffs, int voluntaryLogoffs, Duration userTimeDisrupted,
                               int lowestServingHosts, long lowestSessionSlots, int peakExtraVms, Duration extraVmTime, int steps,
                               int duplicateDeliveries, int noOpTransitions, int surgeResumes, boolean floorChecked,
                               RolloutRecord record) {

    /** makespan / lower bound; 1.0 is perfect. */
    public double efficiency() {
        return lowerBound.isZero() ? 1.0 : (double) makespan.toMillis() / lowerBound.toMillis();
    }
}
