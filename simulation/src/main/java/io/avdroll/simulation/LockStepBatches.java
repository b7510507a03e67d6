package io.avdroll.simulation;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.PlanAction;
import io.avdroll.rollout.RolloutPlanner;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lock-step batches: the planner's choices (same order, floor, canary and failure budget), but no host is
 * admitted while any host of the previous batch is still in flight, so each batch waits for its slowest host.
 */
final class LockStepBatches implements AdmissionStrategy {

    @Override
    public String name() {
        return "lock-step batches";
    }

    @Override
    public Plan plan(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now) {
        Plan plan = RolloutPlanner.plan(pool, spec, record, now);
        int inFlight = record.inFlightCount();
        if (inFlight == 0) {
            return plan;
        }
        List<PlanAction> kept = plan.actions().stream().filter(a -> !(a instanceof PlanAction.AdmitHost)).toList();
        List<String> why = new ArrayList<>(plan.explanations());
        why.add("lock-step: " + inFlight + " host(s) of the current batch still in flight");
        return new Plan(kept, why, plan.capacity());
    }
}
