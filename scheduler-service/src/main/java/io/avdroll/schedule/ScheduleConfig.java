package io.avdroll.schedule;

import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.trigger.InvalidTriggerConfigException;
import io.avdroll.trigger.PoolKeys;
import io.avdroll.trigger.PoolTarget;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the pools' schedules: {@code schedule.frequency} (daily, weekly, monthly), {@code schedule.days} (weekly),
 * {@code schedule.day-of-month} (monthly: 1 to 28 or last) or {@code schedule.weekday} (monthly: e.g. "second
 * tuesday", "last friday"), and {@code schedule.offset-days} (monthly, -27 to 27). A schedule fires when the pool's
 * maintenance window ({@code maintenance-window.start/end/time-zone}, the keys the coordinator admits hosts by)
 * opens, so the window is required, and its days must allow the days the schedule fires on.
 */
public final class ScheduleConfig {

    public static final String FREQUENCY = "schedule.frequency";
    public static final String DAYS = "schedule.days";
    public static final String DAY_OF_MONTH = "schedule.day-of-month";
    public static final String WEEKDAY = "schedule.weekday";
    public static final String OFFSET_DAYS = "schedule.offset-days";

    private static final Set<String> SETTINGS = Set.of(FREQUENCY, DAYS, DAY_OF_MONTH, WEEKDAY, OFFSET_DAYS);
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");

    private ScheduleConfig() {
    }

    /**
     * @param windowOf the maintenance window the rollout spec of a pool has (null: none)
     * @throws InvalidTriggerConfigException naming the first bad key
     */
    public static List<PoolSchedule> from(PoolKeys keys, String subscriptionId, Function<String, MaintenanceWindow> windowOf) {
        keys.rejectUnknown("schedule.", SETTINGS);
        List<PoolSchedule> schedules = new ArrayList<>();
        for (String pool : keys.pools().stream().sorted().toList()) {
            Optional<PoolKeys.Value> frequency = keys.value(pool, FREQUENCY);
            if (frequency.isEmpty()) {
                for (String setting : SETTINGS) {
                    keys.value(pool, setting).ifPresent(v -> {
                        throw new InvalidTriggerConfigException(v.key(), "has no effect without "
                                + PoolKeys.keyOf(pool, FREQUENCY) + " (daily, weekly or monthly)");
                    });
                }
                continue;
            }
            Recurrence recurrence = recurrence(keys, pool, frequency.get());
            MaintenanceWindow window = windowOf.apply(pool);
            if (window == null) {
                throw new InvalidTriggerConfigException(PoolKeys.keyOf(pool, "maintenance-window.start"),
                        "a schedule starts the rollout when the pool's maintenance window opens: set maintenance-window.start,"
                                + " end and time-zone for " + pool);
            }
            recurrence.conflictWith(window.days()).ifPresent(reason -> {
                throw new InvalidTriggerConfigException(frequency.get().key(), reason);
            });
            Schedule schedule = new Schedule(recurrence, window.start(), window.end(), ZoneId.of(window.timeZone()));
            schedules.add(new PoolSchedule(PoolTarget.of(keys, pool, subscriptionId, "a schedule"), schedule));
        }
        return schedules;
    }

    private static Recurrence recurrence(PoolKeys keys, String pool, PoolKeys.Value frequency) {
        String kind = frequency.text().strip().toLowerCase(Locale.ROOT);
        Optional<PoolKeys.Value> days = keys.value(pool, DAYS);
        Optional<PoolKeys.Value> dayOfMonth = keys.value(pool, DAY_OF_MONTH);
        Optional<PoolKeys.Value> weekday = keys.value(pool, WEEKDAY);
        Optional<PoolKeys.Value> offset = keys.value(pool, OFFSET_DAYS);
        switch (kind) {
            case "daily" -> {
                refuse(days.or(() -> dayOfMonth).or(() -> weekday).or(() -> offset), "a daily schedule fires every day");
                return new Recurrence.Daily();
            }
            case "weekly" -> {
                refuse(dayOfMonth.or(() -> weekday).or(() -> offset), "a weekly schedule fires on its schedule.days");
                PoolKeys.Value d = days.orElseThrow(() -> new InvalidTriggerConfigException(PoolKeys.keyOf(pool, DAYS),
                        "a weekly schedule needs the days it fires on, such as SAT or MON,THU"));
                return new Recurrence.Weekly(days(d));
            }
            case "monthly" -> {
                refuse(days, "a monthly schedule fires on its schedule.day-of-month or schedule.weekday");
                int offsetDays = offset.map(v -> v.integer(-27, 27)).orElse(0);
                if (dayOfMonth.isPresent() == weekday.isPresent()) {
                    throw new InvalidTriggerConfigException(PoolKeys.keyOf(pool, dayOfMonth.isPresent() ? WEEKDAY : DAY_OF_MONTH),
                            "a monthly schedule needs exactly one of schedule.day-of-month (1 to 28, or last) and "
                                    + "schedule.weekday (such as \"second tuesday\")");
                }
                return dayOfMonth.isPresent() ? new Recurrence.MonthlyOnDay(dayOfMonth(dayOfMonth.get()), offsetDays)
                        : nthWeekday(weekday.get(), offsetDays);
            }
            default -> throw new InvalidTriggerConfigException(frequency.key(),
                    "must be daily, weekly or monthly (was \"" + frequency.text() + "\")");
        }
    }

    private static void refuse(Optional<PoolKeys.Value> present, String why) {
        present.ifPresent(v -> {
            throw new InvalidTriggerConfigException(v.key(), "does not apply: " + why);
        });
    }

    private static Set<DayOfWeek> days(PoolKeys.Value value) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : value.text().split(",")) {
            if (!d.isBlank()) {
                days.add(day(d, value, "must list days such as SAT or MON,THU"));
            }
        }
        if (days.isEmpty()) {
            throw new InvalidTriggerConfigException(value.key(), "must list at least one day, such as SAT or MON,THU");
        }
        return days;
    }

    private static int dayOfMonth(PoolKeys.Value value) {
        String text = value.text().strip().toLowerCase(Locale.ROOT);
        if (text.equals("last")) {
            return Recurrence.LAST;
        }
        try {
            int day = Integer.parseInt(text);
            if (day >= 1 && day <= 28) {
                return day;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidTriggerConfigException(value.key(), "must be 1 to 28, or last (days 29 to 31 are not in every "
                + "month; write last for the month's last day), was \"" + value.text() + "\"");
    }

    private static Recurrence nthWeekday(PoolKeys.Value value, int offsetDays) {
        String[] words = value.text().strip().toLowerCase(Locale.ROOT).split("\\s+");
        String usage = "must be an ordinal and a weekday such as \"second tuesday\" or \"last friday\" (first to fourth, or "
                + "last), was \"" + value.text() + "\"";
        if (words.length != 2) {
            throw new InvalidTriggerConfigException(value.key(), usage);
        }
        int ordinal = words[0].equals("last") ? Recurrence.LAST : ORDINALS.indexOf(words[0]) + 1;
        if (ordinal == 0) {
            throw new InvalidTriggerConfigException(value.key(), usage);
        }
        return new Recurrence.MonthlyOnWeekday(ordinal, day(words[1], value, usage), offsetDays);
    }

    private static DayOfWeek day(String text, PoolKeys.Value value, String usage) {
        String day = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(DayOfWeek.values()).filter(w -> day.length() >= 3 && w.name().startsWith(day)).findFirst()
                .orElseThrow(() -> new InvalidTriggerConfigException(value.key(), usage));
    }
}
