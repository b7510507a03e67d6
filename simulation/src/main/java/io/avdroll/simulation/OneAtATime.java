package io.avdroll.simulation;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.rollout.IntOrPercent;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.RolloutPlanner;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.time.Instant;

/** One host at a time: the planner with a window of one, whatever the spec says. */
final class OneAtATime implements AdmissionStrategy {

    @Override
    public String name() {
        return "one at a time";
    }

    @Override
    public Plan plan(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now) {
        return RolloutPlanner.plan(pool, single(spec), record, now);
    }

    @Override
    public int window(RolloutSpec spec, int poolSize) {
        return 1;
    }

    private static RolloutSpec single(RolloutSpec spec) {
        return spec.toBuilder().maxUnavailable(IntOrPercent.count(1)).build();
    }
}
