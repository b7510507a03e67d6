package io.avdroll.alerting;

/** What an alert is about; the webhook and log carry the name. */
public enum AlertKind {
    /** A message was moved to a dead-letter queue (with its reason). */
    DEAD_LETTERED,
    /** The rollout paused because more hosts failed than its failure budget allows. */
    FAILURE_BUDGET_EXCEEDED,
    /** The rollout paused because nothing could move (no pending host admissible, nothing in flight). */
    ROLLOUT_STALLED,
    /** Fewer hosts (or session slots) serve users than the rollout's capacity floor. */
    CAPACITY_BELOW_FLOOR,
    /** A host has been in one stage longer than that stage is allowed to take. */
    HOST_STUCK,
    /** A maintenance window closed with hosts of the rollout still waiting to be admitted. */
    MISSED_MAINTENANCE_WINDOW
}
