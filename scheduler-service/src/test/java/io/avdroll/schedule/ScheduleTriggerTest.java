package io.avdroll.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.azure.desktop.HostPoolPatch;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPoolView;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RegistrationToken;
import io.avdroll.azure.gallery.GalleryImageRef;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.azure.gallery.ImageVersion;
import io.avdroll.bus.EventPublisher;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.TraceContext;
import io.avdroll.bus.testing.ManualClock;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.events.Event;
import io.avdroll.events.MessageIds;
import io.avdroll.events.UpdateRequested;
import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.trigger.PoolTarget;
import io.avdroll.trigger.RolloutStarter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The schedule job as quarkus-scheduler runs it, with a manual clock standing in for time: what it publishes as the
 * clock moves, after a restart, and while a rollout runs. The bus and Azure are small recording fakes of the
 * project's own ports.
 */
class ScheduleTriggerTest {

    private static final String SUB = "00000000-0000-0000-0000-0000000000aa";
    private static final String IMAGE = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal/images/win11";
    private static final PoolTarget TARGET = new PoolTarget(SUB, "rg-avd", "hp-prod", IMAGE,
            new GalleryImageRef("rg-images", "gal", "win11"));
    /** 02:30 to 05:00 Berlin every night: the start happens twice on the fall-back night. */
    private static final PoolSchedules NIGHTLY = new PoolSchedules(List.of(new PoolSchedule(TARGET, new Schedule(
            new Recurrence.Daily(), LocalTime.of(2, 30), LocalTime.of(5, 0), ZoneId.of("Europe/Berlin")))));

    private final List<UpdateRequested> published = new ArrayList<>();
    private final Map<String, CoordinatorState> known = new HashMap<>();
    private final ManualClock clock = new ManualClock(at("2026-10-24T12:00+02:00"));

    @Test
    void theFallBackNightFiresOnceAtTheFirst0230AndTheRequestNamesTheFiringAndTheNewestVersion() {
        ScheduleTrigger trigger = trigger();
        runEveryMinuteUntil(trigger, at("2026-10-25T06:00+01:00"));

        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.rolloutId()).isEqualTo("schedule-20261025T0030Z");
            assertThat(r.messageId()).isEqualTo("hp-prod/schedule-20261025T0030Z/update-requested");
            assertThat(r.requestedAt()).isEqualTo(at("2026-10-25T02:30+02:00"));
            assertThat(r.targetImageVersionId()).isEqualTo(IMAGE + "/versions/2.0.0");
            assertThat(r.requestedBy()).isEqualTo(ScheduleTrigger.REQUESTED_BY);
        });
    }

    @Test
    void aRestartInsideTheWindowAsksForTheSameRolloutAndOneAfterItAsksForNothing() {
        runEveryMinuteUntil(trigger(), at("2026-10-26T03:00+01:00"));
        assertThat(published).extracting(UpdateRequested::messageId).hasSize(2);

        runEveryMinuteUntil(trigger(), at("2026-10-26T03:01+01:00")); // restarted at 03:00, window open till 05:00
        assertThat(published).hasSize(3);
        assertThat(published.get(2)).isEqualTo(published.get(1));

        clock.set(at("2026-10-26T05:30+01:00"));
        trigger().check(); // restarted after the window closed: missed, not started late
        assertThat(published).hasSize(3);
    }

    @Test
    void aFiringWhileThePoolsRolloutRunsAsksForNoSecondOne() {
        RolloutRecord running = RolloutRecord.start("r-on-demand", new HostPoolSnapshot("hp-prod", 8, List.of(
                new SessionHost("h1", SessionHostStatus.AVAILABLE, true, 0, IMAGE + "/versions/1.0.0", HostClass.STANDARD,
                        PowerState.RUNNING))), IMAGE + "/versions/2.0.0", clock.instant());
        known.put(MessageIds.sessionIdOf(SUB, "rg-avd", "hp-prod"), CoordinatorState.empty().withRollout(null, null, running));

        runEveryMinuteUntil(trigger(), at("2026-10-25T06:00+01:00"));

        assertThat(published).isEmpty();
    }

    private ScheduleTrigger trigger() {
        return new ScheduleTrigger(NIGHTLY, new OnePool(), image -> List.of(version("1.0.0"), version("2.0.0")),
                new RolloutStarter(new Recorder(), new Records()), clock);
    }

    private void runEveryMinuteUntil(ScheduleTrigger trigger, Instant end) {
        while (clock.instant().isBefore(end)) {
            trigger.check();
            clock.advance(Duration.ofMinutes(1));
        }
    }

    private static ImageVersion version(String name) {
        return new ImageVersion(IMAGE + "/versions/" + name, name, Instant.parse("2026-10-01T00:00:00Z"), false, Set.of(),
                "Succeeded", 127, null);
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private final class Recorder implements EventPublisher {
        @Override
        public void publish(Event event, TraceContext trace) {
            published.add((UpdateRequested) event);
        }

        @Override
        public ScheduledEvent publishAt(Event event, Instant visibleAt, TraceContext trace) {
            throw new UnsupportedOperationException("the schedule publishes at once");
        }

        @Override
        public void cancelScheduled(ScheduledEvent scheduled) {
            throw new UnsupportedOperationException("the schedule publishes at once");
        }
    }

    private final class Records implements RolloutRecords {
        @Override
        public Optional<CoordinatorState> find(String sessionId) {
            return Optional.ofNullable(known.get(sessionId));
        }

        @Override
        public Map<String, CoordinatorState> all() {
            return known;
        }
    }

    private static final class OnePool implements HostPools {
        @Override
        public HostPoolView get(HostPoolRef pool) {
            return new HostPoolView("/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/"
                    + "Microsoft.DesktopVirtualization/hostPools/hp-prod", "hp-prod", "westeurope", Map.of(), "Pooled",
                    "BreadthFirst", 8, "Desktop", false, "hp-prod", null, null);
        }

        @Override
        public HostPoolView update(HostPoolRef pool, HostPoolPatch patch) {
            throw new UnsupportedOperationException("the schedule only reads the pool");
        }

        @Override
        public Optional<RegistrationToken> currentRegistrationToken(HostPoolRef pool) {
            throw new UnsupportedOperationException("the schedule only reads the pool");
        }

        @Override
        public RegistrationToken renewRegistrationToken(HostPoolRef pool, Instant expiresAt, Instant now) {
            throw new UnsupportedOperationException("the schedule only reads the pool");
        }
    }
}
