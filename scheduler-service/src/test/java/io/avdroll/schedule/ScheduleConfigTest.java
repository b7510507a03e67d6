package io.avdroll.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.coordinator.PoolSpecs;
import io.avdroll.trigger.InvalidTriggerConfigException;
import io.avdroll.trigger.PoolKeys;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ScheduleConfigTest {

    private static final String SUB = "00000000-0000-0000-0000-0000000000aa";
    private static final String IMAGE = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal_avd/images/win11";

    private static Map<String, String> pool(String name, String... more) {
        Map<String, String> config = new HashMap<>(Map.of(
                "avdroll.pools." + name + ".resource-group", "rg-avd",
                "avdroll.pools." + name + ".gallery-image", IMAGE,
                "avdroll.pools." + name + ".maintenance-window.start", "22:00",
                "avdroll.pools." + name + ".maintenance-window.end", "05:00",
                "avdroll.pools." + name + ".maintenance-window.time-zone", "Europe/Berlin"));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                config.remove("avdroll.pools." + name + "." + more[i]);
            } else {
                config.put("avdroll.pools." + name + "." + more[i], more[i + 1]);
            }
        }
        return config;
    }

    private static List<PoolSchedule> read(Map<String, String> config) {
        PoolSpecs specs = PoolSpecs.from(config);
        return ScheduleConfig.from(PoolKeys.from(config), SUB, p -> specs.configured(p, "check").maintenanceWindow());
    }

    @Test
    void theDayAfterPatchTuesdayInTheWindowOfThePoolsTimeZoneWithItsPoolAndImage() {
        List<PoolSchedule> schedules = read(pool("hp-prod", "schedule.frequency", "monthly",
                "schedule.weekday", "second Tuesday", "schedule.offset-days", "1"));

        assertThat(schedules).singleElement().satisfies(s -> {
            assertThat(s.schedule()).isEqualTo(new Schedule(new Recurrence.MonthlyOnWeekday(2, DayOfWeek.TUESDAY, 1),
                    LocalTime.of(22, 0), LocalTime.of(5, 0), ZoneId.of("Europe/Berlin")));
            assertThat(s.target().hostPool()).isEqualTo("hp-prod");
            assertThat(s.target().resourceGroup()).isEqualTo("rg-avd");
            assertThat(s.target().versionId("2.0.0")).isEqualTo(IMAGE + "/versions/2.0.0");
        });
    }

    @Test
    void poolsWithoutAFrequencyHaveNoScheduleAndDefaultsApplyToEveryPool() {
        Map<String, String> config = new HashMap<>(pool("hp-a", "schedule.frequency", "weekly", "schedule.days", "sat,SUN"));
        config.putAll(pool("hp-b"));
        config.put("avdroll.pools.defaults.schedule.days", "WED");

        assertThatThrownBy(() -> read(config)).isInstanceOf(InvalidTriggerConfigException.class)
                .hasMessage("avdroll.pools.defaults.schedule.days: has no effect without avdroll.pools.hp-b.schedule.frequency"
                        + " (daily, weekly or monthly)");
        config.remove("avdroll.pools.defaults.schedule.days");
        assertThat(read(config)).singleElement().satisfies(s -> assertThat(s.schedule().recurrence())
                .isEqualTo(new Recurrence.Weekly(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))));
    }

    static Stream<Arguments> badKeys() {
        return Stream.of(
                bad("an unknown frequency", pool("hp", "schedule.frequency", "hourly"),
                        "avdroll.pools.hp.schedule.frequency: must be daily, weekly or monthly (was \"hourly\")"),
                bad("a misspelt setting", pool("hp", "schedule.frequency", "daily", "schedule.day", "MON"),
                        "avdroll.pools.hp.schedule.day: unknown setting"),
                bad("weekly without days", pool("hp", "schedule.frequency", "weekly"),
                        "avdroll.pools.hp.schedule.days: a weekly schedule needs the days"),
                bad("a day that is no day", pool("hp", "schedule.frequency", "weekly", "schedule.days", "MON,FUNDAY"),
                        "avdroll.pools.hp.schedule.days: must list days"),
                bad("day 31 of every month", pool("hp", "schedule.frequency", "monthly", "schedule.day-of-month", "31"),
                        "avdroll.pools.hp.schedule.day-of-month: must be 1 to 28, or last"),
                bad("a fifth Tuesday", pool("hp", "schedule.frequency", "monthly", "schedule.weekday", "fifth tuesday"),
                        "avdroll.pools.hp.schedule.weekday: must be an ordinal and a weekday"),
                bad("both a day of month and a weekday", pool("hp", "schedule.frequency", "monthly",
                        "schedule.weekday", "second tuesday", "schedule.day-of-month", "3"),
                        "avdroll.pools.hp.schedule.weekday: a monthly schedule needs exactly one of"),
                bad("an offset out of range", pool("hp", "schedule.frequency", "monthly", "schedule.weekday",
                        "second tuesday", "schedule.offset-days", "40"),
                        "avdroll.pools.hp.schedule.offset-days: must be between -27 and 27 (was 40)"),
                bad("days on a daily schedule", pool("hp", "schedule.frequency", "daily", "schedule.days", "MON"),
                        "avdroll.pools.hp.schedule.days: does not apply: a daily schedule fires every day"),
                bad("no maintenance window", pool("hp", "schedule.frequency", "daily", "maintenance-window.start", null,
                        "maintenance-window.end", null, "maintenance-window.time-zone", null),
                        "avdroll.pools.hp.maintenance-window.start: a schedule starts the rollout when the pool's maintenance"
                                + " window opens"),
                bad("a weekday the window does not open on", pool("hp", "schedule.frequency", "monthly", "schedule.weekday",
                        "second tuesday", "schedule.offset-days", "1", "maintenance-window.days", "SAT,SUN"),
                        "avdroll.pools.hp.schedule.frequency: the schedule fires on a Wed, which the maintenance window"
                                + " (days Sat,Sun) does not open on"),
                bad("no resource group", pool("hp", "schedule.frequency", "daily", "resource-group", null),
                        "avdroll.pools.hp.resource-group: is required for a schedule"),
                bad("an image version instead of an image", pool("hp", "schedule.frequency", "daily",
                        "gallery-image", IMAGE + "/versions/1.0.0"), "avdroll.pools.hp.gallery-image: must be the resource id"),
                bad("a gallery in another subscription", pool("hp", "schedule.frequency", "daily", "gallery-image",
                        IMAGE.replace(SUB, "11111111-0000-0000-0000-000000000000")),
                        "avdroll.pools.hp.gallery-image: the gallery must be in subscription " + SUB));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void aBadScheduleKeyStopsTheServiceNamingTheKeyAndTheReason(String description, Map<String, String> config,
                                                                String message) {
        assertThatThrownBy(() -> read(config)).as(description).isInstanceOf(InvalidTriggerConfigException.class)
                .hasMessageStartingWith(message);
    }

    private static Arguments bad(String description, Map<String, String> config, String message) {
        return Arguments.of(description, config, message);
    }
}
