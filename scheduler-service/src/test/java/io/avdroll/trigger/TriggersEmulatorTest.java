package io.avdroll.trigger;

import static io.avdroll.trigger.TriggerEmulatorResource.GALLERY;
import static io.avdroll.trigger.TriggerEmulatorResource.RG;
import static io.avdroll.trigger.TriggerEmulatorResource.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.bus.EventBus;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.HandledMessages;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.UpdateRequested;
import io.avdroll.imagewatch.ImageWatchTrigger;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.schedule.ScheduleTrigger;
import io.avdroll.service.testing.AzureEmulatorResource;
import io.avdroll.service.testing.EmulatorProbe;
import io.avdroll.service.testing.PublishedEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real scheduler-service against the emulator over HTTPS and AMQP: its quarkus-scheduler jobs fire on their own
 * (checks every second), publish update-requested on the real bus, and the coordinator in the same service starts
 * the rollout. Drain-service is not running here, so "the rollout started" is read where it shows: the drain-requested
 * the coordinator publishes, taken from drain-service's subscription with the real Service Bus SDK, and the pool's
 * rollout record. Rollouts do not run to completion in this test (no drain, provisioner or verifier).
 */
@QuarkusTest
@QuarkusTestResource(value = TriggerEmulatorResource.class, restrictToAnnotatedClass = true)
class TriggersEmulatorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static PublishedEvents<DrainRequested> drains;

    @Inject
    RolloutRecords records;
    @Inject
    EventBus bus;
    @Inject
    HandledMessages handled;

    @BeforeEach
    void readDrainServicesSubscription() {
        if (drains == null) {
            drains = PublishedEvents.read("drain-requested", "drain-service", DrainRequested.class);
        }
    }

    @AfterAll
    static void stopReading() {
        if (drains != null) {
            drains.close();
            drains = null;
        }
    }

    @Test
    void whenThePoolsWindowOpensItsScheduleStartsOneRolloutToTheNewestImageVersionAndACopyOfTheRequestChangesNothing()
            throws InterruptedException {
        // the window opened a few seconds after the emulator started: while the service was checking, or (on a slow
        // machine) while it was still booting, when the firing is caught up because its window is still open
        Instant fireAt = TriggerEmulatorResource.fireAt;
        String rolloutId = ScheduleTrigger.rolloutIdOf(fireAt);

        EmulatorProbe.await(() -> !drainsOf("hp-sched").isEmpty(), "a drain-requested of hp-sched", PATIENCE);

        DrainRequested first = drainsOf("hp-sched").get(0);
        assertThat(first.rolloutId()).isEqualTo(rolloutId);
        assertThat(first.targetImageVersionId()).isEqualTo(GALLERY + "win11/versions/2.0.0");
        // the coordinator remembers the pool's state once it saved it, just after publishing the drain
        EmulatorProbe.await(() -> records.find(SUB, RG, "hp-sched").isPresent(), "hp-sched's rollout record", PATIENCE);
        CoordinatorState state = records.find(SUB, RG, "hp-sched").orElseThrow();
        assertThat(state.record().rolloutId()).isEqualTo(rolloutId);
        assertThat(state.record().createdAt()).isAfterOrEqualTo(fireAt);
        assertThat(state.target().requestedBy()).isEqualTo(ScheduleTrigger.REQUESTED_BY);
        assertThat(state.target().requestedAt()).isEqualTo(fireAt);

        // another instance (or this one after a restart) computes the same request for the same firing; a request
        // sent after it in the pool's session is handled after it, so once that one is handled the copy was too
        bus.publish(new UpdateRequested(rolloutId, SUB, RG, "hp-sched", first.targetImageVersionId(), null,
                ScheduleTrigger.REQUESTED_BY, fireAt));
        UpdateRequested later = new UpdateRequested("r-later", SUB, RG, "hp-sched", first.targetImageVersionId(), null,
                "test", Instant.now());
        bus.publish(later);
        EmulatorProbe.await(() -> handled.last(later.messageId()).isPresent(), "the later request handled", PATIENCE);

        assertThat(handled.last(later.messageId()).orElseThrow().outcome()).startsWith("refused update-requested r-later");
        CoordinatorState after = records.find(SUB, RG, "hp-sched").orElseThrow();
        assertThat(after.record().rolloutId()).isEqualTo(rolloutId);
        assertThat(after.history()).filteredOn(h -> h.text().startsWith("started")).hasSize(1);
        assertThat(drainsOf("hp-sched")).extracting(DrainRequested::rolloutId).containsOnly(rolloutId);
    }

    @Test
    void aNewImageVersionPublishedToTheGalleryStartsARolloutOnceItHasWaitedItsDelay() throws InterruptedException {
        assertThat(drainsOf("hp-watch")).as("the pool runs the gallery's only version").isEmpty();
        Instant published = Instant.now();
        String fiveDaysAgo = published.minus(Duration.ofDays(5)).toString();
        AzureEmulatorResource.emulator().seed(Seed.parse("""
                {"galleries": [{"subscription": "%s", "resourceGroup": "rg-images", "name": "gal_avd", "location": "westeurope",
                   "images": [{"name": "win11-watch", "versions": [
                     {"name": "1.1.0", "publishedDate": "%s"},
                     {"name": "1.2.0", "publishedDate": "%s", "excludeFromLatest": true},
                     {"name": "1.3.0"}]}]}]}""".formatted(SUB, fiveDaysAgo, fiveDaysAgo)));

        EmulatorProbe.await(() -> !drainsOf("hp-watch").isEmpty(), "a drain-requested of hp-watch", PATIENCE);

        DrainRequested first = drainsOf("hp-watch").get(0);
        assertThat(first.rolloutId()).isEqualTo(ImageWatchTrigger.rolloutIdOf("1.1.0"));
        assertThat(first.targetImageVersionId()).isEqualTo(GALLERY + "win11-watch/versions/1.1.0");
        EmulatorProbe.await(() -> records.find(SUB, RG, "hp-watch").isPresent(), "hp-watch's rollout record", PATIENCE);
        RolloutRecord record = records.find(SUB, RG, "hp-watch").orElseThrow().record();
        assertThat(record.createdAt()).isAfterOrEqualTo(published.minusSeconds(1));
        assertThat(records.find(SUB, RG, "hp-watch").orElseThrow().target().requestedBy())
                .isEqualTo(ImageWatchTrigger.REQUESTED_BY);
    }

    private static List<DrainRequested> drainsOf(String pool) {
        return drains.where(DrainRequested::hostPool, pool);
    }
}
