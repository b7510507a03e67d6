package io.avdroll.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** On which local dates a schedule fires: every day, some days of the week, or once a month. */
public sealed interface Recurrence {

    /** {@link MonthlyOnDay#dayOfMonth()} and {@link MonthlyOnWeekday#ordinal()} value meaning "the last one". */
    int LAST = -1;

    boolean firesOn(LocalDate date);

    /**
     * Why this recurrence fires on a day the maintenance window does not start on ({@code windowDays} empty: every
     * day), so the rollout it starts would have to wait for another day's window; empty when it never does.
     */
    Optional<String> conflictWith(Set<DayOfWeek> windowDays);

    record Daily() implements Recurrence {
        @Override
        public boolean firesOn(LocalDate date) {
            return true;
        }

        @Override
        public Optional<String> conflictWith(Set<DayOfWeek> windowDays) {
            return windowDays.isEmpty() || windowDays.size() == 7 ? Optional.empty()
                    : Optional.of("a daily schedule fires on days the maintenance window (days " + names(windowDays)
                    + ") does not open");
        }

        @Override
        public String toString() {
            return "daily";
        }
    }

    record Weekly(Set<DayOfWeek> days) implements Recurrence {
        public Weekly {
            if (days == null || days.isEmpty()) {
                throw new IllegalArgumentException("days: a weekly schedule needs at least one day");
            }
            days = Set.copyOf(EnumSet.copyOf(days));
        }

        @Override
        public boolean firesOn(LocalDate date) {
            return days.contains(date.getDayOfWeek());
        }

        @Override
        public Optional<String> conflictWith(Set<DayOfWeek> windowDays) {
            if (windowDays.isEmpty() || windowDays.containsAll(days)) {
                return Optional.empty();
            }
            EnumSet<DayOfWeek> outside = EnumSet.copyOf(days);
            outside.removeAll(windowDays);
            return Optional.of("the schedule fires on " + names(outside) + ", which the maintenance window (days "
                    + names(windowDays) + ") does not open on");
        }

        @Override
        public String toString() {
            return "weekly on " + names(days);
        }
    }

    /**
     * The {@code dayOfMonth}-th day of each month (1 to 28, or {@link #LAST}), moved by {@code offsetDays}.
     * Days 29 to 31 are refused rather than skipped or clamped in short months: "last" says what is meant.
     */
    record MonthlyOnDay(int dayOfMonth, int offsetDays) implements Recurrence {
        public MonthlyOnDay {
            if (dayOfMonth != LAST && (dayOfMonth < 1 || dayOfMonth > 28)) {
                throw new IllegalArgumentException("dayOfMonth: must be 1 to 28 or last (was " + dayOfMonth + ")");
            }
        }

        @Override
        public boolean firesOn(LocalDate date) {
            LocalDate anchor = date.minusDays(offsetDays);
            return dayOfMonth == LAST ? anchor.getDayOfMonth() == anchor.lengthOfMonth() : anchor.getDayOfMonth() == dayOfMonth;
        }

        @Override
        public Optional<String> conflictWith(Set<DayOfWeek> windowDays) {
            return windowDays.isEmpty() || windowDays.size() == 7 ? Optional.empty()
                    : Optional.of("a day-of-month schedule falls on any weekday, but the maintenance window opens only on "
                    + names(windowDays));
        }

        @Override
        public String toString() {
            return "monthly on day " + (dayOfMonth == LAST ? "last" : String.valueOf(dayOfMonth)) + offsetText(offsetDays);
        }
    }

    /**
     * The {@code ordinal}-th {@code weekday} of each month (1 to 4, or {@link #LAST}), moved by {@code offsetDays}:
     * Patch Tuesday is (2, TUESDAY, 0), the day after it (2, TUESDAY, 1).
     */
    record MonthlyOnWeekday(int ordinal, DayOfWeek weekday, int offsetDays) implements Recurrence {
        public MonthlyOnWeekday {
            if (ordinal != LAST && (ordinal < 1 || ordinal > 4)) {
                throw new IllegalArgumentException("ordinal: must be 1 to 4 or last (was " + ordinal + ")");
            }
            if (weekday == null) {
                throw new IllegalArgumentException("weekday: is required");
            }
        }

        @Override
        public boolean firesOn(LocalDate date) {
            LocalDate anchor = date.minusDays(offsetDays);
            if (anchor.getDayOfWeek() != weekday) {
                return false;
            }
            return ordinal == LAST ? anchor.getDayOfMonth() + 7 > anchor.lengthOfMonth()
                    : (anchor.getDayOfMonth() - 1) / 7 + 1 == ordinal;
        }

        /** The weekday the schedule actually fires on, the offset applied. */
        public DayOfWeek firingWeekday() {
            return weekday.plus(offsetDays);
        }

        @Override
        public Optional<String> conflictWith(Set<DayOfWeek> windowDays) {
            return windowDays.isEmpty() || windowDays.contains(firingWeekday()) ? Optional.empty()
                    : Optional.of("the schedule fires on a " + name(firingWeekday()) + ", which the maintenance window (days "
                    + names(windowDays) + ") does not open on");
        }

        @Override
        public String toString() {
            String nth = switch (ordinal) {
                case 1 -> "first";
                case 2 -> "second";
                case 3 -> "third";
                case 4 -> "fourth";
                default -> "last";
            };
            return "monthly on the " + nth + " " + name(weekday) + offsetText(offsetDays);
        }
    }

    private static String offsetText(int offsetDays) {
        return offsetDays == 0 ? "" : (offsetDays > 0 ? " + " : " - ") + Math.abs(offsetDays) + " day(s)";
    }

    private static String names(Set<DayOfWeek> days) {
        return String.join(",", EnumSet.copyOf(days).stream().map(Recurrence::name).toList());
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
