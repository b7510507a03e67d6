package io.avdroll.schedule;

import io.avdroll.trigger.PoolTarget;

/** A pool's schedule and what it rolls: the newest version of the pool's gallery image. */
public record PoolSchedule(PoolTarget target, Schedule schedule) {
}
