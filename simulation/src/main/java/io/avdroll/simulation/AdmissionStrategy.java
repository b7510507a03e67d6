package io.avdroll.simulation;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.rollout.Plan;
import io.avdroll.rollout.RolloutPlanner;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.time.Instant;

/**
 * Decides what to do next in a simulated rollout. The real {@link RolloutPlanner} (a sliding window) is the
 * default; the strategies people use today plug in here to be compared with it on the same seeds.
 */
public interface AdmissionStrategy {

    String name();

    Plan plan(HostPoolSnapshot pool, RolloutSpec spec, RolloutRecord record, Instant now);

    /**
     * How many hosts this strategy may have in the pipeline at once (the simulation checks it after every step and
     * uses it for the lower bound). For a drain-first strategy they are hosts out of service; for a
     * create-first one they are extra VMs.
     */
    default int window(RolloutSpec spec, int poolSize) {
        return spec.resolvedMaxUnavailable(poolSize);
    }

    /**
     * Whether a host's replacement is created, registered and verified while the old host still serves, and the
     * old one is drained and deleted only then (surge first). False: drain, delete, recreate, verify.
     */
    default boolean createsBeforeDeleting() {
        return false;
    }

    /** The production planner: the next host starts as soon as one finishes. */
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

    /** Batches of the window's size; a batch starts only when every host of the previous one has finished. */
    static AdmissionStrategy lockStep() {
        return new LockStepBatches();
    }

    /** One host at a time, whatever the spec's window (the Azure session host update default). */
    static AdmissionStrategy oneAtATime() {
        return new OneAtATime();
    }

    /** Create the replacement first, then drain and delete the old host; the window counts extra VMs. */
    static AdmissionStrategy surgeFirst() {
        return new SurgeFirst();
    }
}
