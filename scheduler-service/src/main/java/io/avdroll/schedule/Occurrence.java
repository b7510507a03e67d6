package io.avdroll.schedule;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One firing of a schedule: the local date it belongs to, the instant it fires (the maintenance window opens) and
 * the instant that window closes.
 */
public record Occurrence(LocalDate day, Instant fireAt, Instant windowEnd) {

    public boolean windowOpenAt(Instant now) {
        return !now.isBefore(fireAt) && now.isBefore(windowEnd);
    }
}
