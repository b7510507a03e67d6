package io.avdroll.imagewatch;

import java.time.Duration;

/**
 * When a newer gallery version starts a pool's rollout.
 *
 * @param delay                   how long after its publishing a version must have been in the gallery
 * @param skipExcludedFromLatest  versions excluded from "latest" (for every region, or for the pool's) never start a
 *                                rollout; false: they do, like any other version
 */
public record ImageWatchPolicy(Duration delay, boolean skipExcludedFromLatest) {

    public ImageWatchPolicy {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay: must be zero or positive (was " + delay + ")");
        }
    }
}
