package io.avdroll.schedule;

import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.azure.gallery.ImageVersion;
import io.avdroll.trigger.PoolTarget;
import io.avdroll.trigger.RolloutStarter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Checks the pools' schedules every {@code avdroll.schedule.check-interval} (default 30 s) and asks for a rollout to
 * the newest version of the pool's gallery image when one fires. The rollout id is {@code schedule-<UTC fire time>},
 * the same in every instance and after a restart, so a firing starts at most one rollout (see {@link RolloutStarter}).
 * <p>
 * After a start, each pool is checked from two days back: a firing whose window is still open is caught up, one
 * whose window passed is logged as missed (see {@link Due}).
 */
@ApplicationScoped
public class ScheduleTrigger {

    public static final String REQUESTED_BY = "schedule";
    private static final Duration LOOK_BACK_AFTER_START = Duration.ofDays(2);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(ScheduleTrigger.class);

    private final PoolSchedules schedules;
    private final HostPools hostPools;
    private final ImageGallery gallery;
    private final RolloutStarter starter;
    private final Clock clock;
    /** pool → the instant up to which its firings have been dealt with */
    private final Map<String, Instant> handledUpTo = new ConcurrentHashMap<>();

    public ScheduleTrigger(PoolSchedules schedules, HostPools hostPools, ImageGallery gallery, RolloutStarter starter,
                           Clock clock) {
        this.schedules = schedules;
        this.hostPools = hostPools;
        this.gallery = gallery;
        this.starter = starter;
        this.clock = clock;
    }

    @Scheduled(identity = "schedules", every = "${avdroll.schedule.check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Instant now = clock.instant();
        for (PoolSchedule pool : schedules.all()) {
            try {
                check(pool, now);
            } catch (RuntimeException e) {
                // not marked handled: the next check tries again while the window is open
                LOG.errorf("schedule of %s: %s", pool.target().hostPool(), e.getMessage());
            }
        }
    }

    private void check(PoolSchedule pool, Instant now) {
        PoolTarget target = pool.target();
        Instant since = handledUpTo.getOrDefault(target.hostPool(), now.minus(LOOK_BACK_AFTER_START));
        Due due = Due.check(pool.schedule(), since, now);
        switch (due.kind()) {
            case NONE -> { }
            case MISSED -> LOG.warnf("schedule of %s: the firing at %s was missed (its window closed at %s while this "
                            + "service was not checking); the next is %s. Start a rollout on demand if it should not wait.",
                    target.hostPool(), due.occurrence().fireAt(), due.occurrence().windowEnd(),
                    pool.schedule().nextFireAfter(now).map(Instant::toString).orElse("never"));
            case FIRE -> fire(pool, due.occurrence());
        }
        handledUpTo.put(target.hostPool(), now);
    }

    private void fire(PoolSchedule pool, Occurrence occurrence) {
        PoolTarget target = pool.target();
        String location = hostPools.get(target.poolRef()).location();
        Optional<ImageVersion> newest = gallery.newestVersion(target.image(), location);
        if (newest.isEmpty()) {
            LOG.errorf("schedule of %s fired at %s, but gallery image %s has no version that latest may use in %s",
                    target.hostPool(), occurrence.fireAt(), target.image(), location);
            return;
        }
        starter.start(target, rolloutIdOf(occurrence.fireAt()), newest.get().name(), REQUESTED_BY, occurrence.fireAt());
    }

    /** {@code schedule-20261111T0100Z}: one id per firing, whoever computes it. */
    public static String rolloutIdOf(Instant fireAt) {
        return "schedule-" + ID_TIME.format(fireAt);
    }
}
