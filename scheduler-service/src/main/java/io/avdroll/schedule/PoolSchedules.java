package io.avdroll.schedule;

import java.util.List;

/** Every configured pool schedule, read and checked once at start. */
public record PoolSchedules(List<PoolSchedule> all) {

    public PoolSchedules {
        all = List.copyOf(all);
    }
}
