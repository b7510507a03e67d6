package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.events.SpecOverrides;
import io.avdroll.rollout.CanaryPolicy;
import io.avdroll.rollout.IntOrPercent;
import io.avdroll.rollout.OrderingStrategy;
import io.avdroll.rollout.RolloutSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolSpecsTest {

    private static final String IMAGE = FakeAzure.image("2.0.0");

    @Test
    void withNothingConfiguredAPoolGetsTheBuiltInSpec() {
        RolloutSpec spec = PoolSpecs.from(Map.of()).configured("hp-any", IMAGE);

        assertThat(spec).isEqualTo(PoolSpecs.builtIn(IMAGE).build());
        assertThat(spec.canary()).isEqualTo(CanaryPolicy.of(1));
        assertThat(spec.failureBudget()).isEqualTo(IntOrPercent.count(0));
        assertThat(spec.validate(10)).isEmpty();
    }

    @Test
    void aPoolsOwnKeysGoOverTheDefaultsWhichGoOverTheBuiltInSpec() {
        PoolSpecs specs = PoolSpecs.from(Map.ofEntries(
                Map.entry("avdroll.pools.defaults.max-unavailable", "25%"),
                Map.entry("avdroll.pools.defaults.canary-hosts", "2"),
                Map.entry("avdroll.pools.hp-prod.max-unavailable", "3"),
                Map.entry("avdroll.pools.hp-prod.canary-widen", "true"),
                Map.entry("avdroll.pools.hp-prod.drain.grace-period", "PT45M"),
                Map.entry("avdroll.pools.hp-prod.drain.reminders", "PT20M, PT5M"),
                Map.entry("avdroll.pools.hp-prod.ordering", "by-name"),
                Map.entry("avdroll.pools.hp-prod.maintenance-window.start", "22:00"),
                Map.entry("avdroll.pools.hp-prod.maintenance-window.end", "05:00"),
                Map.entry("avdroll.pools.hp-prod.maintenance-window.days", "MON,tue,Saturday"),
                Map.entry("avdroll.pools.hp-prod.maintenance-window.time-zone", "Europe/Berlin")));

        RolloutSpec prod = specs.configured("HP-PROD", IMAGE);
        RolloutSpec other = specs.configured("hp-test", IMAGE);

        assertThat(prod.maxUnavailable()).isEqualTo(IntOrPercent.count(3));
        assertThat(prod.canary()).isEqualTo(new CanaryPolicy(2, true));
        assertThat(prod.drain().gracePeriod()).isEqualTo(Duration.ofMinutes(45));
        assertThat(prod.drain().reminderOffsets()).containsExactly(Duration.ofMinutes(20), Duration.ofMinutes(5));
        assertThat(prod.ordering()).isEqualTo(OrderingStrategy.BY_NAME);
        assertThat(prod.maintenanceWindow().start()).isEqualTo(LocalTime.of(22, 0));
        assertThat(prod.maintenanceWindow().days()).isEqualTo(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.SATURDAY));
        assertThat(other.maxUnavailable()).isEqualTo(IntOrPercent.percent(25));
        assertThat(other.canary()).isEqualTo(CanaryPolicy.of(2));
        assertThat(other.maintenanceWindow()).isNull();
    }

    @Test
    void aPoolNameWithDotsIsWrittenInQuotes() {
        PoolSpecs specs = PoolSpecs.from(Map.of("avdroll.pools.\"hp.prod.eu\".max-unavailable", "4"));

        assertThat(specs.configured("hp.prod.eu", IMAGE).maxUnavailable()).isEqualTo(IntOrPercent.count(4));
    }

    @Test
    void theRequestOverridesGoOnTopAndBakeTimeIsNotPartOfTheSpec() {
        PoolSpecs specs = PoolSpecs.from(Map.of("avdroll.pools.hp-prod.canary-widen", "true"));
        SpecOverrides overrides = new SpecOverrides("2", 0, 20, Duration.ofMinutes(10), Duration.ofHours(1), 3);

        RolloutSpec spec = specs.forRequest("hp-prod", IMAGE, overrides);

        assertThat(spec.maxUnavailable()).isEqualTo(IntOrPercent.count(2));
        assertThat(spec.canary()).isEqualTo(new CanaryPolicy(0, true));
        assertThat(spec.failureBudget()).isEqualTo(IntOrPercent.percent(20));
        assertThat(spec.drain().gracePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(spec.capacityFloor().minAvailableHosts()).isEqualTo(3);
        assertThat(specs.forRequest("hp-prod", IMAGE, SpecOverrides.none())).isEqualTo(specs.configured("hp-prod", IMAGE));
    }

    @Test
    void theTriggersKeysOfAPoolAreLeftToTheTriggersAndDoNotChangeItsSpec() {
        PoolSpecs specs = PoolSpecs.from(Map.of(
                "avdroll.pools.hp-prod.resource-group", "rg-avd",
                "avdroll.pools.hp-prod.gallery-image", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i",
                "avdroll.pools.hp-prod.schedule.frequency", "weekly",
                "avdroll.pools.defaults.image-watch.enabled", "true",
                "avdroll.pools.\"hp.dotted\".schedule.days", "SAT"));

        assertThat(specs.configured("hp-prod", IMAGE)).isEqualTo(PoolSpecs.builtIn(IMAGE).build());
    }

    @Test
    void badKeysStopTheServiceNamingTheKeyAndTheReason() {
        record Case(Map<String, String> config, String key, String reason) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("avdroll.pools.hp.max-unavailabel", "2"), "avdroll.pools.hp.max-unavailabel", "unknown setting"),
                new Case(Map.of("avdroll.pools.hp.max-unavailable", "two"), "avdroll.pools.hp.max-unavailable", "count like"),
                new Case(Map.of("avdroll.pools.hp.max-unavailable", "0"), "avdroll.pools.hp.max-unavailable", "at least 1"),
                new Case(Map.of("avdroll.pools.hp.canary-hosts", "-1"), "avdroll.pools.hp.canary-hosts", "negative"),
                new Case(Map.of("avdroll.pools.hp.skip-matching", "yes"), "avdroll.pools.hp.skip-matching", "true or false"),
                new Case(Map.of("avdroll.pools.hp.drain.grace-period", "30m"), "avdroll.pools.hp.drain.grace-period", "ISO-8601"),
                new Case(Map.of("avdroll.pools.hp.drain.reminders", "PT40M"), "avdroll.pools.hp.drain.reminders", "shorter than the grace period"),
                new Case(Map.of("avdroll.pools.hp.ordering", "random"), "avdroll.pools.hp.ordering", "least-disruptive or by-name"),
                new Case(Map.of("avdroll.pools.hp.maintenance-window.time-zone", "Mars/Olympus"),
                        "avdroll.pools.hp.maintenance-window.time-zone", "IANA"),
                new Case(Map.of("avdroll.pools.hp.maintenance-window.start", "22:00"),
                        "avdroll.pools.hp.maintenance-window", "start, end and time-zone together"),
                new Case(Map.of("avdroll.pools.max-unavailable", "2"), "avdroll.pools.max-unavailable", "names no pool"));
        for (Case c : cases) {
            assertThatThrownBy(() -> PoolSpecs.from(c.config())).as(c.config().toString())
                    .isInstanceOf(InvalidCoordinatorConfigException.class)
                    .hasMessageStartingWith(c.key() + ": ").hasMessageContaining(c.reason());
        }
    }
}
