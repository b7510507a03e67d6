package io.avdroll.rollout;

import java.time.Instant;

/**
 * What the stages told the coordinator about one attempt at a host, with its verdict: when the drain began and
 * ended, when the host was recreated, how many users were logged off by force, and the stage a failure happened in.
 * Any instant is null when the verdict did not carry it (an older sender, or a stage the host never reached).
 *
 * @param failedStage {@code drain}, {@code redeploy} or {@code verify}; null unless the attempt failed
 */
public record HostJourney(Instant drainStartedAt, Instant drainedAt, Instant redeployedAt, int forcedLogOffs,
                          String failedStage) {

    public HostJourney {
        if (forcedLogOffs < 0) {
            throw new IllegalArgumentException("forcedLogOffs must not be negative: " + forcedLogOffs);
        }
    }
}
