package io.avdroll.rollout;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A daily window in a pool's local time in which new hosts may be admitted.
 * <p>
 * Each occurrence starts on a listed day (empty {@code days} = every day) at {@code start} and ends at
 * {@code end} the same day, or the next day when {@code end} is not after {@code start} (start == end is a
 * whole day). Local times are turned into instants per occurrence, so daylight-saving changes never make a
 * window close and reopen: a start or end inside the spring-forward gap moves to the end of the gap (a window
 * lying wholly inside the gap does not occur that night); across the fall-back overlap the window opens at the
 * first occurrence of its start and closes at the second occurrence of its end.
 *
 * @param start    local start time
 * @param end      local end time
 * @param days     days on which an occurrence starts; empty = every day
 * @param timeZone IANA time zone id, e.g. {@code Europe/Berlin}
 */
public record MaintenanceWindow(LocalTime start, LocalTime end, Set<DayOfWeek> days, String timeZone) {

    public MaintenanceWindow {
        days = days == null || days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    public static MaintenanceWindow daily(String start, String end, String timeZone) {
        return new MaintenanceWindow(LocalTime.parse(start), LocalTime.parse(end), Set.of(), timeZone);
    }

    /** Whether new admissions are allowed at {@code now}. */
    public boolean openAt(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone());
        for (LocalDate day = today.minusDays(2); !day.isAfter(today); day = day.plusDays(1)) {
            if (startsOn(day) && !now.isBefore(startOf(day)) && now.isBefore(endOf(day))) {
                return true;
            }
        }
        return false;
    }

    /** {@code now} when open, otherwise the start of the next occurrence (empty only if none in a week). */
    public Optional<Instant> nextOpening(Instant now) {
        if (openAt(now)) {
            return Optional.of(now);
        }
        LocalDate today = LocalDate.ofInstant(now, zone());
        for (LocalDate day = today.minusDays(1); day.isBefore(today.plusDays(9)); day = day.plusDays(1)) {
            if (startsOn(day) && startOf(day).isAfter(now) && endOf(day).isAfter(startOf(day))) {
                return Optional.of(startOf(day));
            }
        }
        return Optional.empty();
    }

    /** When the occurrence open at {@code now} closes (empty when closed). */
    public Optional<Instant> closingAfter(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone());
        for (LocalDate day = today.minusDays(2); !day.isAfter(today); day = day.plusDays(1)) {
            if (startsOn(day) && !now.isBefore(startOf(day)) && now.isBefore(endOf(day))) {
                return Optional.of(endOf(day));
            }
        }
        return Optional.empty();
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    private boolean startsOn(LocalDate day) {
        return days.isEmpty() || days.contains(day.getDayOfWeek());
    }

    private Instant startOf(LocalDate day) {
        return toInstant(day.atTime(start), true);
    }

    private Instant endOf(LocalDate day) {
        LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
        return toInstant(endDay.atTime(end), false);
    }

    private Instant toInstant(LocalDateTime local, boolean earlierInOverlap) {
        ZoneRules rules = zone().getRules();
        var offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return local.toInstant(earlierInOverlap ? offsets.get(0) : offsets.get(offsets.size() - 1));
    }

    @Override
    public String toString() {
        return start + "-" + end + (days.isEmpty() ? " daily" : " on " + EnumSet.copyOf(days)) + " " + timeZone;
    }
}
