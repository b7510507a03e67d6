package io.avdroll.markers;

/**
 * Tags the stages put on a session host's VM so that any stage can tell, from Azure itself, whether its step
 * for a rollout is already done — the per-host half of crash safety (the rollout record is the other half).
 * Tag names avoid the characters Azure refuses in tag names ({@code < > % & \ ? /}).
 */
public final class HostTags {

    /** The rollout that last touched this host. A marker below only counts when this matches. */
    public static final String ROLLOUT = "avdroll-rollout";

    /** The attempt of that rollout at this host (a retry of a failed host raises it). */
    public static final String ATTEMPT = "avdroll-attempt";

    /** When drain-service first put the host in drain mode for this rollout (ISO-8601 instant). */
    public static final String DRAIN_STARTED = "avdroll-drain-started";

    /**
     * When drain-service recorded the first drain notice as sent (ISO-8601 instant, read from the clock after the
     * messages went out): the grace period and the reminders count from here, not from {@link #DRAIN_STARTED}, so
     * users get the whole grace period after the message whatever the latency of the claim and drain mode before it.
     */
    public static final String DRAIN_FIRST_NOTICE = "avdroll-drain-first-notice";

    /**
     * How many drain notices drain-service has sent for this rollout's attempt: 1 after the first message, then one more
     * per reminder. A redelivered check reads it and does not message users again.
     */
    public static final String DRAIN_NOTICES = "avdroll-drain-notices";

    /** {@code true} when an administrator had already drained the host before the rollout: verify leaves it drained. */
    public static final String ADMIN_DRAINED = "avdroll-admin-drained";

    /**
     * Where this rollout is at the host: {@code drained}; {@code redeploying} on a new VM whose create or agent
     * install is not yet confirmed; {@code redeployed}; {@code verified}.
     */
    public static final String STAGE = "avdroll-stage";

    /** The gallery image version id the VM was created from. */
    public static final String IMAGE = "avdroll-image";

    /** A DR host's power state before the rollout woke it ({@code hibernated}, {@code deallocated}, {@code running}). */
    public static final String POWER_BEFORE = "avdroll-power-before";

    /** {@code standard} or {@code dr}; set on creation so the class survives the VM being recreated. */
    public static final String HOST_CLASS = "avdroll-host-class";

    /**
     * Default name of the tag that keeps autoscaling (an AVD scaling plan's {@code exclusionTag}) away from a host
     * while it is being redeployed. The name a pool's scaling plan uses is configurable.
     */
    public static final String DEFAULT_SCALING_EXCLUSION = "ScalingPlanExclusion";

    private HostTags() {
    }
}
