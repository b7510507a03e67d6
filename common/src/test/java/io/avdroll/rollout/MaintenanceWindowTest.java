package io.avdroll.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceWindowTest {

    private static MaintenanceWindow window(String start, String end, String days, String zone) {
        Set<DayOfWeek> dayset = days == null || days.isBlank() ? Set.of()
                : Arrays.stream(days.split(" ")).map(DayOfWeek::valueOf).collect(Collectors.toSet());
        return new MaintenanceWindow(LocalTime.parse(start), LocalTime.parse(end), dayset, zone);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Berlin overnight window is open late in the evening        | 22:00 | 04:00 |        | Europe/Berlin    | 2025-01-15T21:30:00Z | true
        Berlin overnight window is closed just before it starts    | 22:00 | 04:00 |        | Europe/Berlin    | 2025-01-15T20:59:59Z | false
        Berlin overnight window is open past midnight              | 22:00 | 04:00 |        | Europe/Berlin    | 2025-01-16T02:59:59Z | true
        Berlin overnight window closes at its end time             | 22:00 | 04:00 |        | Europe/Berlin    | 2025-01-16T03:00:00Z | false
        Berlin same-day window is closed in the afternoon          | 01:00 | 05:00 |        | Europe/Berlin    | 2025-07-01T12:00:00Z | false
        Berlin summer time shifts the window by the offset         | 01:00 | 05:00 |        | Europe/Berlin    | 2025-07-01T23:00:00Z | true
        Berlin spring-forward: a start in the gap opens at 03:00   | 02:30 | 03:30 |        | Europe/Berlin    | 2025-03-30T01:00:00Z | true
        Berlin spring-forward: before the gap it is still closed   | 02:30 | 03:30 |        | Europe/Berlin    | 2025-03-30T00:59:59Z | false
        Berlin spring-forward: closes at 03:30 summer time         | 02:30 | 03:30 |        | Europe/Berlin    | 2025-03-30T01:30:00Z | false
        Berlin spring-forward: a window inside the gap never opens | 02:15 | 02:45 |        | Europe/Berlin    | 2025-03-30T01:00:00Z | false
        Berlin fall-back: the repeated hour is open the first time | 02:15 | 02:45 |        | Europe/Berlin    | 2025-10-26T00:50:00Z | true
        Berlin fall-back: the window does not close between passes| 02:15 | 02:45 |        | Europe/Berlin    | 2025-10-26T01:10:00Z | true
        Berlin fall-back: it closes at the second 02:45            | 02:15 | 02:45 |        | Europe/Berlin    | 2025-10-26T01:45:00Z | false
        New York Friday-night window is open on Friday night       | 23:00 | 05:00 | FRIDAY | America/New_York | 2025-03-08T04:00:00Z | true
        New York Friday-night window runs into Saturday morning    | 23:00 | 05:00 | FRIDAY | America/New_York | 2025-03-08T09:59:59Z | true
        New York Friday-night window ends Saturday at five         | 23:00 | 05:00 | FRIDAY | America/New_York | 2025-03-08T10:00:00Z | false
        New York window does not open on an unlisted Saturday      | 23:00 | 05:00 | FRIDAY | America/New_York | 2025-03-09T04:30:00Z | false
        Sydney overnight window is open on a winter night          | 22:00 | 02:00 |        | Australia/Sydney | 2025-07-01T13:00:00Z | true
        Sydney overnight window is closed at midday                | 22:00 | 02:00 |        | Australia/Sydney | 2025-07-01T02:00:00Z | false
        A window whose start equals its end is open all day        | 00:00 | 00:00 |        | Europe/Berlin    | 2025-06-11T09:41:00Z | true
        A Sunday window started Sunday is open early Monday        | 22:00 | 04:00 | SUNDAY | Europe/Berlin    | 2025-06-16T00:30:00Z | true
        A Sunday window is closed early Sunday (started Saturday)  | 22:00 | 04:00 | SUNDAY | Europe/Berlin    | 2025-06-15T00:30:00Z | false
        """)
    void windowIsOpenExactlyWhenExpected(String description, String start, String end, String days, String zone,
                                         String at, boolean expectedOpen) {
        assertThat(window(start, end, days, zone).openAt(Instant.parse(at))).isEqualTo(expectedOpen);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Berlin spring-forward night loses an hour                 | 01:00 | 04:00 | Europe/Berlin    | 2025-03-30T00:00:00Z | PT2H
        Berlin fall-back night gains an hour                      | 01:00 | 04:00 | Europe/Berlin    | 2025-10-25T23:00:00Z | PT4H
        Berlin ordinary night keeps its three hours               | 01:00 | 04:00 | Europe/Berlin    | 2025-06-14T23:00:00Z | PT3H
        New York overnight spring-forward window lasts seven hours| 22:00 | 06:00 | America/New_York | 2025-03-09T03:00:00Z | PT7H
        New York overnight fall-back window lasts nine hours      | 22:00 | 06:00 | America/New_York | 2025-11-02T02:00:00Z | PT9H
        Sydney window on the night daylight saving ends is longer | 01:00 | 04:00 | Australia/Sydney | 2025-04-05T14:00:00Z | PT4H
        Sydney window on the night daylight saving starts is short| 01:00 | 04:00 | Australia/Sydney | 2025-10-04T15:00:00Z | PT2H
        """)
    void occurrenceOnDstNightsOpensAndClosesAtTheRealInstants(String description, String start, String end,
                                                             String zone, String opensAt, Duration length) {
        MaintenanceWindow mw = window(start, end, "", zone);
        Instant opening = Instant.parse(opensAt);
        assertThat(mw.openAt(opening.minusSeconds(1))).as("closed just before").isFalse();
        assertThat(mw.nextOpening(opening.minusSeconds(60))).contains(opening);
        assertThat(mw.closingAfter(opening)).contains(opening.plus(length));
        assertThat(mw.openAt(opening.plus(length).minusSeconds(1))).as("open until the end").isTrue();
        assertThat(mw.openAt(opening.plus(length))).as("closed at the end").isFalse();
    }

    @Test
    void aWindowLyingInsideTheSpringForwardGapNextOpensTheFollowingNight() {
        MaintenanceWindow mw = window("02:15", "02:45", "", "Europe/Berlin");
        assertThat(mw.nextOpening(Instant.parse("2025-03-29T23:00:00Z")))
                .contains(Instant.parse("2025-03-31T00:15:00Z"));
    }

    @Test
    void nextOpeningIsNowWhileOpen() {
        MaintenanceWindow mw = window("22:00", "04:00", "", "Europe/Berlin");
        Instant now = Instant.parse("2025-01-15T22:00:00Z");
        assertThat(mw.nextOpening(now)).contains(now);
    }

    @Test
    void nextOpeningSkipsDaysThatAreNotListed() {
        MaintenanceWindow mw = window("23:00", "05:00", "FRIDAY", "America/New_York");
        // Monday 2025-03-03 noon New York: the next Friday 23:00 EST is 2025-03-08T04:00Z
        assertThat(mw.nextOpening(Instant.parse("2025-03-03T17:00:00Z"))).contains(Instant.parse("2025-03-08T04:00:00Z"));
    }
}
