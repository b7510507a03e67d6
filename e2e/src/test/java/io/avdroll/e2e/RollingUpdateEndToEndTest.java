package io.avdroll.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.markers.HostTags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as an administrator buys it: a mixed pool with users on it rolled from one image version to the
 * next by the four services, running as separate processes against the local emulator over real HTTPS and AMQP.
 * Everything asserted is read from Azure's side (the emulator's state and audit log), not from the services.
 */
class RollingUpdateEndToEndTest {

    private static final DemoScenario SCENARIO = new DemoScenario(12, 3, 4, 3, 10,
            Duration.ofSeconds(8), Duration.ofSeconds(3), 60, 7);
    private static final String ROLLOUT = "e2e-mixed-pool";

    private static LocalDeployment deployment;
    private static final List<Sample> samples = new ArrayList<>();
    private static Duration took;

    record Sample(Instant at, int serving, int outOfService) {
    }

    @BeforeAll
    static void rollThePool() {
        Path logs = LocalDeployment.repoDir().resolve("e2e/target/e2e-logs/" + RollingUpdateEndToEndTest.class.getSimpleName());
        deployment = LocalDeployment.start(EmulatorOptions.defaults(), Seed.parse(SCENARIO.seedJson()),
                DemoScenario.SUBSCRIPTION, SCENARIO.serviceSettings(), logs);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(RollingUpdateEndToEndTest::sample, 0, 100, TimeUnit.MILLISECONDS);
        Instant start = Instant.now();
        try {
            RolloutDemo.requestRollout(deployment, SCENARIO, ROLLOUT);
            awaitVerified(1, Duration.ofMinutes(4));
            // a throttling storm mid-rollout: every ARM call answered 429 for a while, as under subscription limits
            FaultRule storm = new FaultRule();
            storm.kind = "throttle";
            storm.durationSeconds = 8.0;
            storm.retryAfterSeconds = 1;
            deployment.emulator().faults().add(storm);
            awaitVerified(SCENARIO.hosts(), Duration.ofMinutes(8));
        } finally {
            sampler.shutdownNow();
            took = Duration.between(start, Instant.now());
            System.out.printf("end-to-end rollout of %d hosts took %s; %d capacity samples%n", SCENARIO.hosts(), took, samples.size());
        }
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void everyHostEndsOnTheTargetImageAcceptingSessionsAndEveryStandardHostAvailable() {
        JsonNode pool = RolloutDemo.pool(deployment.emulator().snapshot());

        assertThat(pool.path("hosts")).hasSize(SCENARIO.hosts());
        for (JsonNode host : pool.path("hosts")) {
            boolean dr = host.path("name").asText().startsWith("avd-dr-");
            assertThat(host.path("vmImageId").asText()).as(host.path("name").asText()).isEqualToIgnoringCase(SCENARIO.targetImageId());
            // a DR host verified and put back to sleep reports Shutdown until it is woken
            assertThat(host.path("status").asText()).as(host.path("name").asText()).isEqualTo(dr ? "Shutdown" : "Available");
            assertThat(host.path("allowNewSession").asBoolean()).as(host.path("name").asText()).isTrue();
            assertThat(host.path("vmTags").path(HostTags.STAGE).asText()).isEqualTo("verified");
            assertThat(host.path("vmTags").has(HostTags.DEFAULT_SCALING_EXCLUSION)).as("exclusion tag removed").isFalse();
        }
    }

    @Test
    void aThrottlingStormMidRolloutDelaysItButFailsNoHost() {
        long throttled = deployment.emulator().counters().throttledTotal();
        System.out.printf("429s served during the storm: %d%n", throttled);

        assertThat(throttled).isPositive();
        // every host verified (asserted above) and each VM created once: the storm cost time, not hosts
        assertThat(deployment.emulator().audit().since(0, "VmCreateFailed")).isEmpty();
    }

    @Test
    void drHostsAreRecreatedWithHibernationAndPutBackToSleep() {
        JsonNode pool = RolloutDemo.pool(deployment.emulator().snapshot());
        List<JsonNode> dr = new ArrayList<>();
        pool.path("hosts").forEach(h -> {
            if (h.path("name").asText().startsWith("avd-dr-")) {
                dr.add(h);
            }
        });

        assertThat(dr).hasSize(SCENARIO.drHosts());
        assertThat(dr).allSatisfy(h -> assertThat(h.path("power").asText()).isEqualToIgnoringCase("hibernated"));
    }

    @Test
    void everyVmWasRecreatedExactlyOnce() {
        Map<String, Integer> creates = new HashMap<>();
        for (AuditLog.Entry e : deployment.emulator().audit().since(0, "VmCreated")) {
            creates.merge(e.resource().toLowerCase(), 1, Integer::sum);
        }

        assertThat(creates).hasSize(SCENARIO.hosts());
        assertThat(creates.values()).containsOnly(1);
    }

    @Test
    void noSessionWasForcedOffBeforeItsHostsGraceDeadline() {
        Map<String, Instant> drainedAt = new HashMap<>();
        List<AuditLog.Entry> all = deployment.emulator().audit().all();
        int forced = 0;
        for (AuditLog.Entry e : all) {
            if (e.type().equals("AllowNewSessionChanged") && Boolean.FALSE.equals(e.details().get("to"))) {
                drainedAt.putIfAbsent(e.resource().toLowerCase(), e.time());
            }
            if (e.type().equals("UserSessionLoggedOff") && Boolean.TRUE.equals(e.details().get("forced"))
                    && !wasDisconnected(all, e.resource())) {
                forced++;
                String host = e.resource().substring(0, e.resource().indexOf("/userSessions/")).toLowerCase();
                Instant drained = drainedAt.get(host);
                assertThat(drained).as("%s forced off a host that was never drained", e.resource()).isNotNull();
                // the deadline counts from the drain-start mark, written a moment before drain mode is switched on
                assertThat(e.time()).as(e.resource()).isAfterOrEqualTo(drained.plus(SCENARIO.gracePeriod()).minusSeconds(1));
            }
        }
        System.out.printf("forced log-offs of active sessions at the deadline: %d%n", forced);
    }

    @Test
    void theCapacityFloorAndTheWindowHeldAtEveryMoment() {
        assertThat(samples).isNotEmpty();
        int lowest = samples.stream().mapToInt(Sample::serving).min().orElseThrow();
        int mostOut = samples.stream().mapToInt(Sample::outOfService).max().orElseThrow();
        System.out.printf("lowest serving %d (floor %d); most standard hosts out at once %d (window %d)%n",
                lowest, SCENARIO.minAvailableHosts(), mostOut, SCENARIO.maxUnavailable());

        assertThat(lowest).isGreaterThanOrEqualTo(SCENARIO.minAvailableHosts());
        assertThat(mostOut).isLessThanOrEqualTo(SCENARIO.maxUnavailable()).isPositive();
    }

    @Test
    void theServicesNeverLoggedARegistrationToken() throws Exception {
        List<String> tokens = deployment.emulator().inspect(state -> List.copyOf(state.issuedRegistrationTokens));
        assertThat(tokens).isNotEmpty();
        for (String service : LocalDeployment.SERVICES) {
            String log = Files.readString(deployment.service(service).logFile());
            assertThat(log).as(service + " log").isNotBlank();
            for (String token : tokens) {
                assertThat(log).as(service + " log").doesNotContain(token);
            }
        }
    }

    private static boolean wasDisconnected(List<AuditLog.Entry> all, String sessionResource) {
        return all.stream().anyMatch(e -> e.type().equals("UserSessionDisconnected") && e.resource().equals(sessionResource));
    }

    private static void sample() {
        try {
            JsonNode pool = RolloutDemo.pool(deployment.emulator().snapshot());
            int serving = 0;
            for (JsonNode host : pool.path("hosts")) {
                if (host.path("name").asText().startsWith("avd-std-")) {
                    if (PoolProgress.isServing(host)) {
                        serving++;
                    }
                }
            }
            // a standard host missing from the pool is being recreated: out of service like a drained one
            int out = SCENARIO.standardHosts() - serving;
            synchronized (samples) {
                samples.add(new Sample(Instant.now(), serving, out));
            }
        } catch (RuntimeException e) {
            // the emulator is shutting down
        }
    }

    private static void awaitVerified(int hosts, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            PoolProgress progress = PoolProgress.of(RolloutDemo.pool(deployment.emulator().snapshot()), SCENARIO.hosts(),
                    ROLLOUT, SCENARIO.targetImageId());
            if (progress.verified() >= hosts) {
                return;
            }
            ServiceProcess.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("rollout did not finish within " + timeout + ": "
                + PoolProgress.of(RolloutDemo.pool(deployment.emulator().snapshot()), SCENARIO.hosts(), ROLLOUT, SCENARIO.targetImageId()));
    }
}
