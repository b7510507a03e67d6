package io.avdroll.imagewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.trigger.InvalidTriggerConfigException;
import io.avdroll.trigger.PoolKeys;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchedPoolsTest {

    private static final String SUB = "00000000-0000-0000-0000-0000000000aa";
    private static final String IMAGE = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal_avd/images/win11";

    @Test
    void onlyPoolsWithTheWatchEnabledAreWatchedWithTheirDelayAndExclusionChoice() {
        WatchedPools pools = WatchedPools.from(PoolKeys.from(Map.of(
                "avdroll.pools.defaults.resource-group", "rg-avd",
                "avdroll.pools.defaults.gallery-image", IMAGE,
                "avdroll.pools.hp-watched.image-watch.enabled", "true",
                "avdroll.pools.hp-watched.image-watch.delay-days", "3",
                "avdroll.pools.hp-watched.image-watch.skip-excluded-from-latest", "false",
                "avdroll.pools.hp-plain.max-unavailable", "2")), SUB);

        assertThat(pools.all()).singleElement().satisfies(p -> {
            assertThat(p.target().hostPool()).isEqualTo("hp-watched");
            assertThat(p.target().resourceGroup()).isEqualTo("rg-avd");
            assertThat(p.policy()).isEqualTo(new ImageWatchPolicy(Duration.ofDays(3), false));
        });
    }

    @Test
    void badWatchKeysStopTheServiceNamingTheKey() {
        assertThatThrownBy(() -> WatchedPools.from(PoolKeys.from(Map.of(
                "avdroll.pools.hp.image-watch.enabled", "yes")), SUB))
                .isInstanceOf(InvalidTriggerConfigException.class)
                .hasMessage("avdroll.pools.hp.image-watch.enabled: must be true or false (was \"yes\")");
        assertThatThrownBy(() -> WatchedPools.from(PoolKeys.from(Map.of(
                "avdroll.pools.hp.image-watch.enabled", "true", "avdroll.pools.hp.image-watch.delay-days", "-1")), SUB))
                .hasMessage("avdroll.pools.hp.image-watch.delay-days: must be between 0 and 365 (was -1)");
        assertThatThrownBy(() -> WatchedPools.from(PoolKeys.from(Map.of(
                "avdroll.pools.hp.image-watch.enabled", "true")), SUB))
                .hasMessageStartingWith("avdroll.pools.hp.resource-group: is required for the image watch");
        assertThatThrownBy(() -> WatchedPools.from(PoolKeys.from(Map.of(
                "avdroll.pools.hp.image-watch.delay", "P3D")), SUB))
                .hasMessageStartingWith("avdroll.pools.hp.image-watch.delay: unknown setting");
    }
}
