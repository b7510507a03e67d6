package io.avdroll.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * When a pool's rollouts start: on the dates of a {@link Recurrence}, at the start of the pool's maintenance window,
 * in the pool's time zone. The window ends at {@code end} the same day, or the next day when {@code end} is not after
 * {@code start} (equal: a whole day).
 * <p>
 * Daylight saving, as {@link io.avdroll.rollout.MaintenanceWindow} treats it: a start inside the spring-forward gap
 * fires at the first valid instant after it (the end of the gap); a start inside the fall-back overlap fires once,
 * at its first occurrence, and an end in the overlap is its second occurrence.
 */
public record Schedule(Recurrence recurrence, LocalTime start, LocalTime end, ZoneId zone) {

    /** Monthly recurrences with an offset fire at least every 5 weeks; a year covers every rule with margin. */
    private static final int SEARCH_DAYS = 400;

    public Schedule {
        if (recurrence == null || start == null || end == null || zone == null) {
            throw new IllegalArgumentException("recurrence, start, end and zone are all required");
        }
    }

    /** The first firing strictly after {@code after}. */
    public Optional<Occurrence> nextAfter(Instant after) {
        LocalDate day = LocalDate.ofInstant(after, zone).minusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (recurrence.firesOn(day)) {
                Occurrence o = on(day);
                if (o.fireAt().isAfter(after)) {
                    return Optional.of(o);
                }
            }
        }
        return Optional.empty();
    }

    /** The instant of {@link #nextAfter}: the pure "next fire time after an instant". */
    public Optional<Instant> nextFireAfter(Instant after) {
        return nextAfter(after).map(Occurrence::fireAt);
    }

    /** The last firing at or before {@code at}. */
    public Optional<Occurrence> latestAtOrBefore(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, zone).plusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.minusDays(1)) {
            if (recurrence.firesOn(day)) {
                Occurrence o = on(day);
                if (!o.fireAt().isAfter(at)) {
                    return Optional.of(o);
                }
            }
        }
        return Optional.empty();
    }

    /** The occurrence belonging to local date {@code day} (whether or not the recurrence fires on it). */
    public Occurrence on(LocalDate day) {
        LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
        return new Occurrence(day, toInstant(day.atTime(start), true), toInstant(endDay.atTime(end), false));
    }

    private Instant toInstant(LocalDateTime local, boolean earlierInOverlap) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.toInstant(earlierInOverlap ? offsets.get(0) : offsets.get(offsets.size() - 1));
    }

    @Override
    public String toString() {
        return recurrence + " at " + start + "-" + end + " " + zone.getId();
    }
}
