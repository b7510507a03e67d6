package io.avdroll.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.markers.HostTags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollouts nobody asked for by hand, run to completion by the four services as real processes against the local
 * emulator: one pool whose daily schedule fires a few seconds after the deployment is started (its maintenance
 * window opens then, in the pool's time zone), and one pool with the image watch on, whose rollout starts once the
 * test publishes a newer version to the emulator's gallery. Both are configured with the scheduler-service's normal
 * keys ({@code avdroll.pools.<pool>.schedule.*}, {@code image-watch.*}), passed as service settings; the triggers
 * check every second. What happened is read from Azure's side (the emulator's state and audit log) and from the
 * on-demand API's status, where an operator looks.
 */
class TriggeredRolloutsEndToEndTest {

    private static final String API_TOKEN = "e2e-triggers-local-api-token";
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(4);
    /** The window opens this long after the test starts: about when the services are up (caught up if later). */
    private static final Duration LEAD = Duration.ofSeconds(20);
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final DemoScenario SCENARIO = new DemoScenario(3, 0, 2, 2, 1, Duration.ofSeconds(5), Duration.ofSeconds(2), 60, 17);

    private static final String GALLERY = "/subscriptions/" + DemoScenario.SUBSCRIPTION
            + "/resourceGroups/rg-avd-images/providers/Microsoft.Compute/galleries/gal_avd/images/";
    private static final String SCHEDULED = "hp-sched";
    private static final String SCHEDULED_IMAGE = "win11-sched";
    private static final String WATCHED = "hp-watch";
    private static final String WATCHED_IMAGE = "win11-watch";
    private static final String NEW_VERSION = "1.1.0";
    private static final int HOSTS = 3;

    private static LocalDeployment deployment;
    private static CoordinatorApi api;
    private static Instant started;
    private static Instant fireAt;
    private static Instant published;
    private static JsonNode scheduledStatus;
    private static JsonNode watchedStatus;

    @BeforeAll
    static void startTheDeploymentAndPublishANewVersionForTheWatchedPool() {
        started = Instant.now();
        fireAt = started.plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        deployment = LocalDeployment.start(EmulatorOptions.defaults(), seed(), DemoScenario.SUBSCRIPTION, settings(fireAt),
                Map.of("AVDROLL_API_LOCAL_TOKEN", API_TOKEN),
                LocalDeployment.repoDir().resolve("e2e/target/e2e-logs/" + TriggeredRolloutsEndToEndTest.class.getSimpleName()));
        api = new CoordinatorApi(deployment.service("scheduler-service"), API_TOKEN);
        System.out.printf("triggers end to end: deployment ready after %ss, the schedule fires %s after the start%n",
                Duration.between(started, Instant.now()).toSeconds(), LEAD);

        // the watch has been checking every second since the service started; the pool runs the newest version
        assertThat(statusOnceAnswered(WATCHED)).as("a rollout of %s before a newer version exists", WATCHED).isNull();
        published = Instant.now();
        deployment.emulator().seed(Seed.parse("""
                {"galleries": [{"subscription": "%s", "resourceGroup": "rg-avd-images", "name": "gal_avd", "location": "westeurope",
                   "images": [{"name": "%s", "versions": [{"name": "%s", "publishedDate": "%s"}]}]}]}"""
                .formatted(DemoScenario.SUBSCRIPTION, WATCHED_IMAGE, NEW_VERSION, published.truncatedTo(ChronoUnit.SECONDS))));

        // both rollouts run side by side: the coordinator owns each pool through its own Service Bus session
        scheduledStatus = awaitCompleted(SCHEDULED);
        watchedStatus = awaitCompleted(WATCHED);
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
        if (started != null) {
            System.out.printf("triggers end to end: %ss for the whole class%n", Duration.between(started, Instant.now()).toSeconds());
        }
    }

    @Test
    void thePoolsScheduleFiresWhenItsWindowOpensAndTheRolloutCompletesWithEveryHostOnTheNewestVersion() {
        String rolloutId = "schedule-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC).format(fireAt);

        assertThat(scheduledStatus.path("rolloutId").asText()).isEqualTo(rolloutId);
        assertThat(scheduledStatus.path("requestedBy").asText()).isEqualTo("schedule");
        assertThat(Instant.parse(scheduledStatus.path("createdAt").asText())).isAfterOrEqualTo(fireAt);
        assertCompletedOnto(scheduledStatus, SCHEDULED, "sched", GALLERY + SCHEDULED_IMAGE + "/versions/" + NEW_VERSION, rolloutId);
        assertThat(scheduledStatus.path("history")).as("history of %s", SCHEDULED)
                .filteredOn(h -> h.path("text").asText().startsWith("started")).hasSize(1);
    }

    @Test
    void aVersionPublishedToTheGalleryStartsTheWatchedPoolsRolloutWhichCompletesOntoThatVersion() {
        String rolloutId = "image-watch-" + NEW_VERSION;

        assertThat(watchedStatus.path("rolloutId").asText()).isEqualTo(rolloutId);
        assertThat(watchedStatus.path("requestedBy").asText()).isEqualTo("image-watch");
        assertThat(Instant.parse(watchedStatus.path("createdAt").asText())).isAfterOrEqualTo(published.truncatedTo(ChronoUnit.SECONDS));
        assertCompletedOnto(watchedStatus, WATCHED, "watch", GALLERY + WATCHED_IMAGE + "/versions/" + NEW_VERSION, rolloutId);
    }

    @Test
    void eachVmOfBothPoolsWasRecreatedExactlyOnce() {
        Map<String, Long> creates = new TreeMap<>(new RolloutAudit(deployment.emulator().audit().all()).countByVm("VmCreated"));
        List<String> expected = new ArrayList<>(vms("sched"));
        expected.addAll(vms("watch"));

        assertThat(creates.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(creates.values()).containsOnly(1L);
    }

    private static void assertCompletedOnto(JsonNode status, String pool, String prefix, String versionId, String rolloutId) {
        assertThat(status.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(status.path("targetImageVersionId").asText()).isEqualToIgnoringCase(versionId);
        assertThat(status.path("counters").path("verified").asInt()).as("verified hosts of %s", pool).isEqualTo(HOSTS);
        assertThat(status.path("hosts")).hasSize(HOSTS).allSatisfy(h -> assertThat(h.path("stage").asText()).isEqualTo("VERIFIED"));

        JsonNode azure = RolloutDemo.pool(deployment.emulator().snapshot(), pool);
        assertThat(azure.path("hosts")).as("session hosts of %s in Azure", pool).hasSize(HOSTS);
        for (JsonNode host : azure.path("hosts")) {
            String name = host.path("name").asText();
            assertThat(name).startsWith(prefix + "-");
            assertThat(host.path("vmImageId").asText()).as(name).isEqualToIgnoringCase(versionId);
            assertThat(host.path("vmTags").path(HostTags.ROLLOUT).asText()).as(name).isEqualTo(rolloutId);
            assertThat(host.path("vmTags").path(HostTags.STAGE).asText()).as(name).isEqualTo("verified");
            assertThat(host.path("status").asText()).as(name).isEqualTo("Available");
            assertThat(host.path("allowNewSession").asBoolean()).as(name).isTrue();
        }
    }

    private static List<String> vms(String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            names.add(String.format("%s-std-%02d", prefix, i));
        }
        return names;
    }

    private static JsonNode awaitCompleted(String pool) {
        return await(pool, s -> "COMPLETED".equals(s.path("state").asText()));
    }

    private static JsonNode await(String pool, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(ROLLOUT_TIMEOUT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = findStatus(pool);
            } catch (CoordinatorBusy e) {
                // the coordinator has not loaded the pool yet; ask again
            }
            if (last != null && done.test(last)) {
                return last;
            }
            ServiceProcess.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("the rollout of " + pool + " did not complete within " + ROLLOUT_TIMEOUT + "; last status: "
                + last + "; Azure shows " + PoolProgress.of(RolloutDemo.pool(deployment.emulator().snapshot(), pool), HOSTS,
                last == null ? "" : last.path("rolloutId").asText(), ""));
    }

    /** The pool's status, or null when no rollout was ever recorded for it, once the coordinator could say. */
    private static JsonNode statusOnceAnswered(String pool) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                return findStatus(pool);
            } catch (CoordinatorBusy e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }

    /**
     * The pool's status from the on-demand API, or null when the coordinator has no rollout of it (404).
     *
     * @throws CoordinatorBusy on 503: the coordinator did not load the pool's state within the API's wait
     */
    private static JsonNode findStatus(String pool) {
        try {
            return api.status(pool);
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("HTTP 404")) {
                return null;
            }
            if (e.getMessage().contains("HTTP 503")) {
                throw new CoordinatorBusy(e.getMessage());
            }
            throw e;
        }
    }

    private static final class CoordinatorBusy extends RuntimeException {
        CoordinatorBusy(String message) {
            super(message);
        }
    }

    private static Seed seed() {
        String users = "\"usersPerHost\": %d, \"users\": {\"logonIntervalSeconds\": 60, \"sessionMinutesMin\": 5, \"sessionMinutesMax\": 60, \"targetSessions\": %d}"
                .formatted(SCENARIO.usersPerHost(), HOSTS * SCENARIO.usersPerHost());
        return Seed.parse("""
                {
                  "settings": {"speed": %s, "randomSeed": %d, "retryAfterSeconds": 1,
                    "timingsSeconds": {"vmCreate": 120, "vmDelete": 60, "extension": 90, "registration": 60, "becomeAvailable": 90,
                                       "vmStart": 60, "vmDeallocate": 60, "vmHibernate": 60}},
                  "subscriptions": ["%s"],
                  "galleries": [{"subscription": "%s", "resourceGroup": "rg-avd-images", "name": "gal_avd", "location": "westeurope",
                    "images": [
                      {"name": "%s", "versions": [{"name": "1.0.0", "publishedDate": "2026-10-13T00:00:00Z"},
                                                  {"name": "%s", "publishedDate": "2026-11-10T00:00:00Z"}]},
                      {"name": "%s", "versions": [{"name": "1.0.0", "publishedDate": "2026-10-13T00:00:00Z"}]}]}],
                  "hostPools": [
                    {"subscription": "%s", "resourceGroup": "%s", "name": "%s", "location": "westeurope",
                     "maxSessionLimit": 8, "loadBalancerType": "BreadthFirst", "image": "gal_avd/%s/1.0.0",
                     "standardHosts": {"count": %d, "namePrefix": "sched-std-", "vmSize": "Standard_D8ds_v5"}, %s},
                    {"subscription": "%s", "resourceGroup": "%s", "name": "%s", "location": "westeurope",
                     "maxSessionLimit": 8, "loadBalancerType": "BreadthFirst", "image": "gal_avd/%s/1.0.0",
                     "standardHosts": {"count": %d, "namePrefix": "watch-std-", "vmSize": "Standard_D8ds_v5"}, %s}]
                }
                """.formatted(SCENARIO.speed(), SCENARIO.randomSeed(), DemoScenario.SUBSCRIPTION, DemoScenario.SUBSCRIPTION,
                SCHEDULED_IMAGE, NEW_VERSION, WATCHED_IMAGE,
                DemoScenario.SUBSCRIPTION, DemoScenario.RESOURCE_GROUP, SCHEDULED, SCHEDULED_IMAGE, HOSTS, users,
                DemoScenario.SUBSCRIPTION, DemoScenario.RESOURCE_GROUP, WATCHED, WATCHED_IMAGE, HOSTS, users));
    }

    /**
     * The scenario's settings plus the triggers: hp-sched fires daily when its window opens at {@code fireAt} (local
     * time in {@link #ZONE}, to the second; the window stays open an hour, so the coordinator admits every host), and
     * hp-watch rolls to any newer version of its image at once (no delay). Both triggers check every second.
     */
    private static Map<String, Map<String, String>> settings(Instant fireAt) {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>(SCENARIO.serviceSettings());
        Map<String, String> scheduler = new LinkedHashMap<>(settings.get("scheduler-service"));
        LocalTime opens = LocalTime.ofInstant(fireAt, ZONE);
        scheduler.put("avdroll.schedule.check-interval", "1s");
        scheduler.put("avdroll.image-watch.interval", "1s");
        scheduler.put("avdroll.pools." + SCHEDULED + ".resource-group", DemoScenario.RESOURCE_GROUP);
        scheduler.put("avdroll.pools." + SCHEDULED + ".gallery-image", GALLERY + SCHEDULED_IMAGE);
        scheduler.put("avdroll.pools." + SCHEDULED + ".schedule.frequency", "daily");
        scheduler.put("avdroll.pools." + SCHEDULED + ".maintenance-window.start", opens.toString());
        scheduler.put("avdroll.pools." + SCHEDULED + ".maintenance-window.end", opens.plusHours(1).toString());
        scheduler.put("avdroll.pools." + SCHEDULED + ".maintenance-window.time-zone", ZONE.getId());
        scheduler.put("avdroll.pools." + WATCHED + ".resource-group", DemoScenario.RESOURCE_GROUP);
        scheduler.put("avdroll.pools." + WATCHED + ".gallery-image", GALLERY + WATCHED_IMAGE);
        scheduler.put("avdroll.pools." + WATCHED + ".image-watch.enabled", "true");
        scheduler.put("avdroll.pools." + WATCHED + ".image-watch.delay-days", "0");
        settings.put("scheduler-service", scheduler);
        return settings;
    }
}
