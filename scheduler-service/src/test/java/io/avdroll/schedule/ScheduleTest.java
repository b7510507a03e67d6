package io.avdroll.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of the next fire time, in the style of kured's timewindow tests: a schedule, an instant, and the
 * instant it fires next, written with the local offset so a reader can check the wall-clock time. 2026: Berlin
 * springs forward on 29 March (02:00 to 03:00) and falls back on 25 October (03:00 to 02:00); New York springs
 * forward on 8 March (02:00 to 03:00) and falls back on 1 November (02:00 to 01:00).
 */
class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final Recurrence DAILY = new Recurrence.Daily();
    private static final Recurrence WEEKENDS = new Recurrence.Weekly(Set.of(SATURDAY, SUNDAY));
    private static final Recurrence ON_THE_15TH = new Recurrence.MonthlyOnDay(15, 0);
    private static final Recurrence LAST_DAY = new Recurrence.MonthlyOnDay(Recurrence.LAST, 0);
    private static final Recurrence PATCH_TUESDAY = new Recurrence.MonthlyOnWeekday(2, TUESDAY, 0);
    private static final Recurrence DAY_AFTER_PATCH_TUESDAY = new Recurrence.MonthlyOnWeekday(2, TUESDAY, 1);
    private static final Recurrence MONDAY_AFTER_LAST_FRIDAY = new Recurrence.MonthlyOnWeekday(Recurrence.LAST, FRIDAY, 3);

    static Stream<Arguments> nextFireTimes() {
        return Stream.of(
                row("daily, later the same day", schedule(DAILY, "22:00", "05:00", BERLIN),
                        "2026-11-27T11:00+01:00", "2026-11-27T22:00+01:00"),
                row("daily, exactly at a fire time: the next day's", schedule(DAILY, "22:00", "05:00", BERLIN),
                        "2026-11-27T22:00+01:00", "2026-11-28T22:00+01:00"),
                row("daily, inside the window that crosses midnight", schedule(DAILY, "22:00", "05:00", BERLIN),
                        "2026-11-28T01:00+01:00", "2026-11-28T22:00+01:00"),
                row("daily in New York", schedule(DAILY, "23:30", "04:00", NEW_YORK),
                        "2026-11-27T23:31-05:00", "2026-11-28T23:30-05:00"),
                row("weekly on weekends, from a Wednesday", schedule(WEEKENDS, "01:00", "06:00", NEW_YORK),
                        "2026-11-25T07:00-05:00", "2026-11-28T01:00-05:00"),
                row("weekly on weekends, from the Saturday firing", schedule(WEEKENDS, "01:00", "06:00", NEW_YORK),
                        "2026-11-28T01:00-05:00", "2026-11-29T01:00-05:00"),
                row("weekly on weekends, from the Sunday firing: next Saturday", schedule(WEEKENDS, "01:00", "06:00", NEW_YORK),
                        "2026-11-29T01:00-05:00", "2026-12-05T01:00-05:00"),
                row("monthly on the 15th, after this month's", schedule(ON_THE_15TH, "03:00", "06:00", BERLIN),
                        "2026-11-16T00:00+01:00", "2026-12-15T03:00+01:00"),
                row("monthly on the last day, in February", schedule(LAST_DAY, "20:00", "23:00", BERLIN),
                        "2026-02-01T00:00+01:00", "2026-02-28T20:00+01:00"),
                row("monthly on the last day, in a 31-day month", schedule(LAST_DAY, "20:00", "23:00", BERLIN),
                        "2026-03-01T00:00+01:00", "2026-03-31T20:00+02:00"),
                row("nth weekday: Patch Tuesday, 1 November is a Sunday", schedule(PATCH_TUESDAY, "20:00", "04:00", NEW_YORK),
                        "2026-11-01T12:00-05:00", "2026-11-10T20:00-05:00"),
                row("nth weekday: the day after Patch Tuesday", schedule(DAY_AFTER_PATCH_TUESDAY, "20:00", "04:00", NEW_YORK),
                        "2026-11-01T12:00-05:00", "2026-11-11T20:00-05:00"),
                row("nth weekday: the day after Patch Tuesday, once November's passed", schedule(DAY_AFTER_PATCH_TUESDAY,
                        "20:00", "04:00", NEW_YORK), "2026-11-11T20:00-05:00", "2026-12-09T20:00-05:00"),
                row("nth weekday in Berlin: the day after Patch Tuesday in December", schedule(DAY_AFTER_PATCH_TUESDAY,
                        "22:00", "05:00", BERLIN), "2026-12-01T00:00+01:00", "2026-12-09T22:00+01:00"),
                row("nth weekday: Monday after July's last Friday falls in August", schedule(MONDAY_AFTER_LAST_FRIDAY,
                        "21:00", "05:00", BERLIN), "2026-07-20T00:00+02:00", "2026-08-03T21:00+02:00"),
                row("spring forward in Berlin: 02:30 does not exist, fires at 03:00 CEST", schedule(DAILY, "02:30", "05:00", BERLIN),
                        "2026-03-28T12:00+01:00", "2026-03-29T03:00+02:00"),
                row("spring forward in Berlin: the next day at 02:30 again", schedule(DAILY, "02:30", "05:00", BERLIN),
                        "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00"),
                row("fall back in Berlin: 02:30 happens twice, fires at the first", schedule(DAILY, "02:30", "05:00", BERLIN),
                        "2026-10-24T12:00+02:00", "2026-10-25T02:30+02:00"),
                row("fall back in Berlin: not again at the second 02:30", schedule(DAILY, "02:30", "05:00", BERLIN),
                        "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"),
                row("spring forward in New York: 02:15 does not exist, fires at 03:00 EDT", schedule(DAILY, "02:15", "05:00",
                        NEW_YORK), "2026-03-07T12:00-05:00", "2026-03-08T03:00-04:00"),
                row("fall back in New York: 01:30 happens twice, fires at the first", schedule(DAILY, "01:30", "05:00", NEW_YORK),
                        "2026-10-31T12:00-04:00", "2026-11-01T01:30-04:00"),
                row("fall back in New York: not again at the second 01:30", schedule(DAILY, "01:30", "05:00", NEW_YORK),
                        "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"),
                row("weekly across spring forward in New York keeps the wall-clock time", schedule(WEEKENDS, "01:00", "06:00",
                        NEW_YORK), "2026-03-01T02:00-05:00", "2026-03-07T01:00-05:00"),
                row("weekly after spring forward in New York: EDT", schedule(WEEKENDS, "01:00", "06:00", NEW_YORK),
                        "2026-03-07T01:00-05:00", "2026-03-08T01:00-05:00"),
                row("weekly after spring forward in New York: the Saturday after is EDT", schedule(WEEKENDS, "01:00", "06:00",
                        NEW_YORK), "2026-03-08T01:00-05:00", "2026-03-14T01:00-04:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nextFireTimes")
    void theNextFireTimeIsTheWindowStartOnTheNextScheduledLocalDate(String description, Schedule schedule, Instant after,
                                                                   Instant expected) {
        assertThat(schedule.nextFireAfter(after)).as(description).contains(expected);
    }

    @Test
    void aWindowAcrossTheFallBackNightIsAnHourLongerAndEndsAtTheSecondOccurrenceOfItsEnd() {
        Occurrence night = schedule(DAILY, "01:00", "03:00", NEW_YORK).nextAfter(at("2026-10-31T12:00-04:00")).orElseThrow();

        assertThat(night.fireAt()).isEqualTo(at("2026-11-01T01:00-04:00"));
        assertThat(night.windowEnd()).isEqualTo(at("2026-11-01T03:00-05:00"));
        assertThat(java.time.Duration.between(night.fireAt(), night.windowEnd())).hasHours(3);
    }

    @Test
    void aWindowEndingInTheSpringForwardGapEndsWhenTheGapEnds() {
        Occurrence night = schedule(DAILY, "22:00", "02:30", BERLIN).nextAfter(at("2026-03-28T12:00+01:00")).orElseThrow();

        assertThat(night.fireAt()).isEqualTo(at("2026-03-28T22:00+01:00"));
        assertThat(night.windowEnd()).isEqualTo(at("2026-03-29T03:00+02:00"));
    }

    @Test
    void theLatestFiringAtOrBeforeAnInstantIncludesOneAtThatInstant() {
        Schedule patchWednesday = schedule(DAY_AFTER_PATCH_TUESDAY, "20:00", "04:00", NEW_YORK);

        assertThat(patchWednesday.latestAtOrBefore(at("2026-11-11T20:00-05:00")).orElseThrow().fireAt())
                .isEqualTo(at("2026-11-11T20:00-05:00"));
        assertThat(patchWednesday.latestAtOrBefore(at("2026-11-11T19:59-05:00")).orElseThrow().fireAt())
                .isEqualTo(at("2026-10-14T20:00-04:00"));
    }

    static Schedule schedule(Recurrence recurrence, String start, String end, ZoneId zone) {
        return new Schedule(recurrence, LocalTime.parse(start), LocalTime.parse(end), zone);
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static Arguments row(String description, Schedule schedule, String after, String expected) {
        return Arguments.of(description, schedule, at(after), at(expected));
    }
}
