package io.avdroll.schedule;

import static io.avdroll.schedule.ScheduleTest.at;
import static io.avdroll.schedule.ScheduleTest.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a check fires a schedule, and what a check after downtime does with a firing it slept through. */
class DueTest {

    private static final Schedule NIGHTLY = schedule(new Recurrence.Daily(), "22:00", "05:00", ZoneId.of("Europe/Berlin"));

    static Stream<Arguments> checks() {
        return Stream.of(
                row("nothing fired between two checks before the window", "2026-11-27T21:00+01:00", "2026-11-27T21:01+01:00",
                        Due.Kind.NONE, null),
                row("the check just after the window opened fires it", "2026-11-27T21:59:30+01:00", "2026-11-27T22:00:30+01:00",
                        Due.Kind.FIRE, "2026-11-27T22:00+01:00"),
                row("the check at the very instant fires it", "2026-11-27T21:59+01:00", "2026-11-27T22:00+01:00",
                        Due.Kind.FIRE, "2026-11-27T22:00+01:00"),
                row("a check after the one that fired does not fire again", "2026-11-27T22:00:30+01:00",
                        "2026-11-27T22:01:30+01:00", Due.Kind.NONE, null),
                row("down at 22:00, back at 23:30: caught up inside the window", "2026-11-27T20:00+01:00",
                        "2026-11-27T23:30+01:00", Due.Kind.FIRE, "2026-11-27T22:00+01:00"),
                row("down at 22:00, back at 04:59 the next morning: still inside", "2026-11-27T20:00+01:00",
                        "2026-11-28T04:59+01:00", Due.Kind.FIRE, "2026-11-27T22:00+01:00"),
                row("down for the whole window: missed, not started late", "2026-11-27T20:00+01:00", "2026-11-28T05:00+01:00",
                        Due.Kind.MISSED, "2026-11-27T22:00+01:00"),
                row("down for two nights, back inside the second window: only the second fires", "2026-11-26T20:00+01:00",
                        "2026-11-28T22:10+01:00", Due.Kind.FIRE, "2026-11-28T22:00+01:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aFiringIsStartedOnlyWhileItsWindowIsOpen(String description, Instant since, Instant now, Due.Kind kind,
                                                  Instant firing) {
        Due due = Due.check(NIGHTLY, since, now);

        assertThat(due.kind()).as(description).isEqualTo(kind);
        if (firing == null) {
            assertThat(due.occurrence()).as(description).isNull();
        } else {
            assertThat(due.occurrence().fireAt()).as(description).isEqualTo(firing);
        }
    }

    private static Arguments row(String description, String since, String now, Due.Kind kind, String firing) {
        return Arguments.of(description, at(since), at(now), kind, firing == null ? null : at(firing));
    }
}
