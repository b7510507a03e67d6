package io.avdroll.imagewatch;

import io.avdroll.trigger.PoolTarget;

/** A pool the image watch looks after, and by which policy. */
public record WatchedPool(PoolTarget target, ImageWatchPolicy policy) {
}
