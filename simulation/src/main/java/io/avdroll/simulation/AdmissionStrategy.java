package io.avdroll.simulation;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.RolloutPlanner;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.time.Instant;

/**
 * Decides what to do next in a simulated rollout. The real {@link RolloutPlanner} is the default; other
 * strategies (lock-step batches, one at a time, surge first) plug in here to be compared on the same seeds.
 */
public interface AdmissionStrategy {

    String name();

    Plan plan(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now);

    /** The production planner. */
    static AdmissionStrategy planner() {
        return new AdmissionStrategy() {
            @Override
            public String name() {
                return "sliding window (planner)";
            }

            @Override
            public Plan plan(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now) {
                return RolloutPlanner.plan(pool, spec, record, now);
            }
        };
    }
}
