package io.avdroll.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.e2e.OtlpTraceCollector.CollectedSpan;
import io.avdroll.markers.HostTags;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    private static final String API_TOKEN = "e2e-rolling-update-api-token";

    private static LocalDeployment deployment;
    private static OtlpTraceCollector collector;
    private static CoordinatorApi api;
    private static final List<Sample> samples = new ArrayList<>();
    private static Duration took;

    record Sample(Instant at, int serving, int outOfService) {
    }

    @BeforeAll
    static void rollThePool() {
        Path logs = LocalDeployment.repoDir().resolve("e2e/target/e2e-logs/" + RollingUpdateEndToEndTest.class.getSimpleName());
        collector = OtlpTraceCollector.start();
        deployment = LocalDeployment.start(EmulatorOptions.defaults(), Seed.parse(SCENARIO.seedJson()),
                DemoScenario.SUBSCRIPTION, withTraceExport(SCENARIO.serviceSettings(), collector.endpoint()),
                Map.of("AVDROLL_API_LOCAL_TOKEN", API_TOKEN), logs);
        api = new CoordinatorApi(deployment.service("scheduler-service"), API_TOKEN);
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

    /**
     * The services' own OpenTelemetry settings, as an operator would set them: every span sampled and exported over
     * OTLP/HTTP protobuf to the in-test collector (tracing is off by default).
     */
    private static Map<String, Map<String, String>> withTraceExport(Map<String, Map<String, String>> settings, String endpoint) {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String service : LocalDeployment.SERVICES) {
            Map<String, String> one = new HashMap<>(settings.getOrDefault(service, Map.of()));
            one.put("quarkus.otel.traces.sampler.arg", "1.0");
            one.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
            one.put("quarkus.otel.exporter.otlp.traces.endpoint", endpoint);
            one.put("quarkus.otel.bsp.schedule.delay", "1s");
            all.put(service, one);
        }
        return all;
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void eachHostsJourneyIsOneTraceAcrossTheFourServicesEachHopAChildOfThePreviousOne() {
        Map<String, List<CollectedSpan>> journeys = awaitJourneys(Duration.ofSeconds(60));
        System.out.printf("%d spans exported to the collector; %d host journeys%n", collector.spans().size(), journeys.size());

        assertThat(collector.rejected()).isZero();
        assertThat(journeys).hasSize(SCENARIO.hosts());
        journeys.forEach((host, trace) -> {
            assertThat(trace).as(host).extracting(CollectedSpan::traceId).containsOnly(trace.get(0).traceId());
            assertThat(trace).as(host).extracting(CollectedSpan::service).containsAll(LocalDeployment.SERVICES);
            Map<String, CollectedSpan> byId = new HashMap<>();
            trace.forEach(span -> byId.put(span.spanId(), span));
            List<CollectedSpan> roots = trace.stream().filter(CollectedSpan::root).toList();
            assertThat(roots).as(host + " root").hasSize(1);
            CollectedSpan root = roots.get(0);
            assertThat(root.service()).isEqualTo("scheduler-service");
            assertThat(root.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
            assertThat(trace).as(host + ": every span's parent is in the trace")
                    .filteredOn(span -> !span.root()).allSatisfy(span -> assertThat(byId).containsKey(span.parentSpanId()));
            // each service's first span of the journey is a child of the hop before it
            assertThat(firstConsumer(trace, "drain-service", "drain-requested").parentSpanId()).isEqualTo(root.spanId());
            assertThat(parentService(byId, firstConsumer(trace, "provisioner-service", "host-drained"))).isEqualTo("drain-service");
            assertThat(parentService(byId, firstConsumer(trace, "verifier-service", "host-redeployed"))).isEqualTo("provisioner-service");
            assertThat(parentService(byId, firstConsumer(trace, "scheduler-service", "host-verified"))).isEqualTo("verifier-service");
            assertThat(trace).filteredOn(span -> span.kind() == Span.SpanKind.SPAN_KIND_CONSUMER).allSatisfy(span -> {
                assertThat(span.attribute("avdroll.rollout")).isEqualTo(ROLLOUT);
                assertThat(span.attribute("avdroll.host")).isEqualTo(host);
                assertThat(span.name()).isEqualTo("process " + span.attribute("avdroll.stage"));
            });
        });
    }

    @Test
    void theRolloutReportInTheHistoryGivesEachHostsStageTimesAndTheForcedLogOffsAzureSaw() {
        JsonNode report = awaitReport(Duration.ofSeconds(60));
        RolloutAudit audit = new RolloutAudit(deployment.emulator().audit().all());

        assertThat(report.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(report.path("counts").path("VERIFIED").asInt()).isEqualTo(SCENARIO.hosts());
        assertThat(report.path("hosts")).hasSize(SCENARIO.hosts());
        int forced = 0;
        for (JsonNode host : report.path("hosts")) {
            String vm = RolloutAudit.hostVmName("/sessionHosts/" + host.path("host").asText());
            Instant drainMode = audit.drainEntries(vm).get(0).time();
            Instant deleted = audit.first("VmDeleted", vm).orElseThrow().time();
            // the drain's log-offs: a DR host put back to sleep after verification logs off whoever used it meanwhile
            List<AuditLog.Entry> logOffs = audit.forcedLogOffs(vm).stream()
                    .filter(e -> !e.time().isBefore(drainMode) && !e.time().isAfter(deleted)).toList();
            forced += logOffs.size();
            Instant drainStarted = Instant.parse(host.path("drainStartedAt").asText());
            Instant drained = Instant.parse(host.path("drainedAt").asText());
            Instant redeployed = Instant.parse(host.path("redeployedAt").asText());
            Instant verified = Instant.parse(host.path("endedAt").asText());
            assertThat(host.path("forcedLogOffs").asInt()).as(vm + " forced log-offs").isEqualTo(logOffs.size());
            assertThat(drainStarted).as(vm + " drain began before drain mode was set").isBeforeOrEqualTo(drainMode);
            logOffs.forEach(logOff -> assertThat(drained).as(vm + " drained after its last log-off").isAfterOrEqualTo(logOff.time()));
            assertThat(redeployed).as(vm + " recreated").isAfterOrEqualTo(audit.first("VmCreated", vm).orElseThrow().time());
            assertThat(drained).as(vm + " drained before its VM was deleted").isBeforeOrEqualTo(deleted);
            assertThat(Duration.parse(host.path("verify").asText())).as(vm + " verification includes the bake time")
                    .isGreaterThanOrEqualTo(SCENARIO.bakeTime());
            assertThat(Duration.parse(host.path("outOfService").asText()))
                    .isEqualTo(Duration.between(drainStarted, verified));
        }
        assertThat(report.path("forcedLogOffs").asInt()).as("forced log-offs in the report = those Azure saw").isEqualTo(forced);
        assertThat(forced).isPositive();
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

    /** Host → the spans of its journey's trace (the trace whose root is that host's journey and that reached a verdict). */
    private static Map<String, List<CollectedSpan>> awaitJourneys(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, List<CollectedSpan>> journeys = journeys();
        while ((journeys.size() < SCENARIO.hosts() || !journeys.values().stream().allMatch(RollingUpdateEndToEndTest::closed))
                && Instant.now().isBefore(deadline)) {
            ServiceProcess.sleep(Duration.ofSeconds(1));
            journeys = journeys();
        }
        return journeys;
    }

    /**
     * Every span's parent has arrived too: each service exports on its own schedule, so the coordinator's span of the
     * verdict can reach the collector before the verifier's span that sent it.
     */
    private static boolean closed(List<CollectedSpan> trace) {
        Set<String> ids = new HashSet<>();
        trace.forEach(span -> ids.add(span.spanId()));
        return trace.stream().allMatch(span -> span.root() || ids.contains(span.parentSpanId()));
    }

    private static Map<String, List<CollectedSpan>> journeys() {
        // a span can reach a collector twice (an exporter resends a batch it saw no answer to), so one per span id
        Map<String, List<CollectedSpan>> byTrace = new HashMap<>();
        Set<String> seen = new HashSet<>();
        collector.spans().stream().filter(span -> seen.add(span.traceId() + "/" + span.spanId()))
                .forEach(span -> byTrace.computeIfAbsent(span.traceId(), t -> new ArrayList<>()).add(span));
        Map<String, List<CollectedSpan>> byHost = new TreeMap<>();
        for (List<CollectedSpan> trace : byTrace.values()) {
            Optional<CollectedSpan> root = trace.stream().filter(s -> s.root() && s.name().startsWith("host journey ")).findFirst();
            boolean verdict = trace.stream().anyMatch(s -> s.name().equals("process host-verified"));
            if (root.isPresent() && verdict && root.get().attribute("avdroll.rollout").equals(ROLLOUT)) {
                byHost.put(root.get().attribute("avdroll.host"), trace);
            }
        }
        return byHost;
    }

    /** The earliest span of {@code service} handling {@code stage} that was not sent by that service to itself. */
    private static CollectedSpan firstConsumer(List<CollectedSpan> trace, String service, String stage) {
        Map<String, CollectedSpan> byId = new HashMap<>();
        trace.forEach(span -> byId.put(span.spanId(), span));
        return trace.stream().filter(s -> s.service().equals(service) && s.attribute("avdroll.stage").equals(stage))
                .filter(s -> !service.equals(parentService(byId, s)))
                .min(java.util.Comparator.comparingLong(CollectedSpan::startedAtNanos))
                .orElseThrow(() -> new AssertionError("no " + stage + " span of " + service + " entering the trace"));
    }

    private static String parentService(Map<String, CollectedSpan> byId, CollectedSpan span) {
        CollectedSpan parent = byId.get(span.parentSpanId());
        return parent == null ? "(no parent in the trace)" : parent.service();
    }

    /** The report line of this rollout in the pool's history, once the coordinator has recorded the rollout ended. */
    private static JsonNode awaitReport(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (JsonNode line : api.history(DemoScenario.POOL)) {
                if (line.path("rolloutId").asText().equals(ROLLOUT) && line.has("report")) {
                    return line.path("report");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no report of " + ROLLOUT + " in the history within " + timeout + ": "
                        + api.history(DemoScenario.POOL));
            }
            ServiceProcess.sleep(Duration.ofSeconds(1));
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
