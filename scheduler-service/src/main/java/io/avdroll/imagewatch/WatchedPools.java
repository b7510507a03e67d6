package io.avdroll.imagewatch;

import io.avdroll.trigger.InvalidTriggerConfigException;
import io.avdroll.trigger.PoolKeys;
import io.avdroll.trigger.PoolTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The pools with {@code image-watch.enabled=true}, with {@code image-watch.delay-days} (0 to 365, default 0) and
 * {@code image-watch.skip-excluded-from-latest} (default true), read and checked once at start.
 */
public record WatchedPools(List<WatchedPool> all) {

    public static final String ENABLED = "image-watch.enabled";
    public static final String DELAY_DAYS = "image-watch.delay-days";
    public static final String SKIP_EXCLUDED = "image-watch.skip-excluded-from-latest";

    public WatchedPools {
        all = List.copyOf(all);
    }

    /** @throws InvalidTriggerConfigException naming the first bad key */
    public static WatchedPools from(PoolKeys keys, String subscriptionId) {
        keys.rejectUnknown("image-watch.", Set.of(ENABLED, DELAY_DAYS, SKIP_EXCLUDED));
        List<WatchedPool> watched = new ArrayList<>();
        for (String pool : keys.pools().stream().sorted().toList()) {
            int delayDays = keys.value(pool, DELAY_DAYS).map(v -> v.integer(0, 365)).orElse(0);
            boolean skipExcluded = keys.value(pool, SKIP_EXCLUDED).map(PoolKeys.Value::bool).orElse(true);
            if (keys.value(pool, ENABLED).map(PoolKeys.Value::bool).orElse(false)) {
                watched.add(new WatchedPool(PoolTarget.of(keys, pool, subscriptionId, "the image watch"),
                        new ImageWatchPolicy(Duration.ofDays(delayDays), skipExcluded)));
            }
        }
        return new WatchedPools(watched);
    }
}
