package io.avdroll.simulation;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.RolloutPlanner;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.time.Instant;

/**
 * Surge first (create new, then delete old): up to the window's count of replacement VMs exist beside the hosts
 * they replace; the old host keeps serving until its replacement is verified, then is drained and deleted.
 * Admission uses the planner's order and sliding window; what differs is the simulated pipeline (see
 * {@link #createsBeforeDeleting()}), and the extra VMs are counted in the result.
 */
final class SurgeFirst implements AdmissionStrategy {

    @Override
    public String name() {
        return "surge first";
    }

    @Override
    public Plan plan(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now) {
        return RolloutPlanner.plan(pool, spec, record, now);
    }

    @Override
    public boolean createsBeforeDeleting() {
        return true;
    }
}
