package io.avdroll.events;

import java.time.Instant;

/**
 * A host's journey so far, carried forward by each of its events: the coordinator only hears the verdict
 * ({@code host-verified} / {@code host-failed}), and this is how its rollout report learns when each stage began
 * and ended and how many users were logged off by force. Optional on every host event (a message from an older
 * sender has none); each stage fills in what it knows and keeps the rest.
 *
 * @param drainStartedAt when the drain began (the drain request's {@code stageStartedAt})
 * @param drainedAt      when the host had no sessions left; the redeploy began
 * @param redeployedAt   when the host was recreated from the target image; verification began
 * @param forcedLogOffs  users drain-service logged off by force (at the deadline, or early when disconnected)
 */
public record StageTimes(@OptionalField Instant drainStartedAt, @OptionalField Instant drainedAt,
                         @OptionalField Instant redeployedAt, @OptionalField Integer forcedLogOffs) {

    public static final StageTimes NONE = new StageTimes(null, null, null, null);

    public StageTimes {
        if (forcedLogOffs != null) {
            Fields.atLeast(forcedLogOffs, 0, "stageTimes.forcedLogOffs");
        }
    }

    public static StageTimes orNone(StageTimes times) {
        return times == null ? NONE : times;
    }

    public int forcedLogOffsOrZero() {
        return forcedLogOffs == null ? 0 : forcedLogOffs;
    }

    /** These times with {@code more} forced log-offs added. */
    public StageTimes withForcedLogOffs(int more) {
        if (more < 0) {
            throw new IllegalArgumentException("more forced log-offs must not be negative: " + more);
        }
        return more == 0 ? this : new StageTimes(drainStartedAt, drainedAt, redeployedAt, forcedLogOffsOrZero() + more);
    }

    /** The drain ended at {@code at}; a drain start already known is kept. */
    public StageTimes drained(Instant startedAt, Instant at) {
        return new StageTimes(drainStartedAt != null ? drainStartedAt : startedAt, at, redeployedAt, forcedLogOffs);
    }

    /** The redeploy ended at {@code at}; a drain end already known is kept. */
    public StageTimes redeployed(Instant redeployStartedAt, Instant at) {
        return new StageTimes(drainStartedAt, drainedAt != null ? drainedAt : redeployStartedAt, at, forcedLogOffs);
    }

    /** These times with the verification's start filled in from its {@code stageStartedAt} when missing. */
    public StageTimes verifying(Instant verifyStartedAt) {
        return redeployedAt != null ? this : new StageTimes(drainStartedAt, drainedAt, verifyStartedAt, forcedLogOffs);
    }
}
