package io.avdroll.simulation;

import io.avdroll.rollout.RolloutRecord;
import java.time.Duration;

/**
 * Outcome and figures of one simulated rollout.
 *
 * @param strategy            admission strategy used
 * @param seed                the seed
 * @param makespan            start to completion (or to the pause)
 * @param lowerBound          max(longest single host, sum of per-host stage times / window): no strategy can beat it
 * @param forcedLogoffs       users logged off at the drain deadline
 * @param voluntaryLogoffs    users who signed out within the grace period
 * @param lowestServingHosts  fewest serving hosts seen after any step
 * @param lowestSessionSlots  fewest session slots seen after any step
 * @param steps               events processed
 * @param duplicateDeliveries reports delivered twice on purpose
 * @param noOpTransitions     duplicate or stale reports the record recognised as no-ops
 * @param surgeResumes        DR hosts resumed for surge
 * @param floorChecked        whether the floor held at the start, so that it was checked after every step
 * @param record              the final rollout record
 */
public record SimulationResult(String strategy, long seed, Duration makespan, Duration lowerBound, int forcedLogoffs,
                               int voluntaryLogoffs, int lowestServingHosts, long lowestSessionSlots, int steps,
                               int duplicateDeliveries, int noOpTransitions, int surgeResumes, boolean floorChecked,
                               RolloutRecord record) {

    /** makespan / lower bound; 1.0 is perfect. */
    public double efficiency() {
        return lowerBound.isZero() ? 1.0 : (double) makespan.toMillis() / lowerBound.toMillis();
    }
}
