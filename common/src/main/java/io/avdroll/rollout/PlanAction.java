package io.avdroll.rollout;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.PowerState;

/** One thing the planner wants done, with the reason a person can read in the log or on the status page. */
public sealed interface PlanAction {

    String reason();

    /**
     * Start redeploying a host: drain it (the coordinator sends drain-requested).
     *
     * @param attempt          the attempt number this admission starts (1 for the first)
     * @param returnPowerState for a DR host, the power state to return it to after verification; null for standard
     */
    record AdmitHost(String host, HostClass hostClass, int attempt, PowerState returnPowerState, String reason)
            implements PlanAction {
    }

    /** Leave a host alone: it already runs the target image. */
    record SkipHost(String host, String imageVersion, String reason) implements PlanAction {
    }

    /** Wake a sleeping DR host (start it, allow new sessions) to hold the capacity floor. */
    record ResumeForSurge(String host, PowerState earlierPowerState, String reason) implements PlanAction {
    }

    /** Surge no longer needed: drain the DR host and put it back into its earlier power state. */
    record ReturnToSleep(String host, PowerState powerState, String reason) implements PlanAction {
    }

    /** Stop admitting hosts (in-flight ones finish); e.g. the failure budget is spent. */
    record PauseRollout(String reason) implements PlanAction {
    }

    /** Every host is verified, skipped, or failed within the budget. */
    record CompleteRollout(String reason) implements PlanAction {
    }
}
