package io.avdroll.rollout;

/** Where one host is in its redeployment. The legal moves between stages are {@link HostStageTransitions}. */
public enum HostStage {
    PENDING,
    DRAINING,
    DRAINED,
    REDEPLOYING,
    REDEPLOYED,
    VERIFYING,
    VERIFIED,
    FAILED,
    SKIPPED;

    /** Admitted and not finished: the host is out of service because of this rollout. */
    public boolean inFlight() {
        return this == DRAINING || this == DRAINED || this == REDEPLOYING || this == REDEPLOYED || this == VERIFYING;
    }

    /** Nothing more happens to the host in this rollout unless a person retries it. */
    public boolean finished() {
        return this == VERIFIED || this == FAILED || this == SKIPPED;
    }
}
