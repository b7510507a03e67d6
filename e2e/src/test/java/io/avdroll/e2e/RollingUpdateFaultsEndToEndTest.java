package io.avdroll.e2e;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.SubQueue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.bus.DeadLetterReasons;
import io.avdroll.bus.servicebus.ServiceBusEventBus;
import io.avdroll.bus.servicebus.ServiceBusSettings;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.servicebus.SentMessage;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;
import io.avdroll.events.EventType;
import io.avdroll.events.HostDrained;
import io.avdroll.events.HostEvent;
import io.avdroll.events.HostVerified;
import io.avdroll.events.SpecOverrides;
import io.avdroll.events.UpdateRequested;
import io.avdroll.markers.HostTags;
import io.avdroll.topology.TopologyReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The four services as real processes against the local emulator, under the failures the design promises to
 * survive. One deployment serves the class: each case rolls its own small pool, and the independent cases run side
 * by side (the coordinator owns each pool through its own session). The service crashes come last, on their own
 * pool, once the others are settled, since a crash delays every pool in flight. What happened is judged from what
 * Azure (the emulator's state and audit log) saw, from the messages the bus carried and from the coordinator's
 * status API, where an operator looks.
 *
 * <p>Service Bus locks last 10 s here instead of the topology's minute (an emulator option): a service killed while
 * holding a message frees it in seconds; the running services renew their locks as they would in Azure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpdateFaultsEndToEndTest {

    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration GRACE = Duration.ofSeconds(6);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LOCK = Duration.ofSeconds(10);
    private static final String API_TOKEN = "e2e-faults-local-api-token";
    private static final DemoScenario SCENARIO = new DemoScenario(3, 1, 3, 2, 1, GRACE, Duration.ofSeconds(2), 60, 7);

    private static final FaultPools.Pool USERS = new FaultPools.Pool("hp-users", "users", 3, 1);
    private static final FaultPools.Pool ALLOC = new FaultPools.Pool("hp-alloc", "alloc", 3, 1);
    private static final FaultPools.Pool NOREG = new FaultPools.Pool("hp-noreg", "noreg", 3, 1);
    private static final FaultPools.Pool GONE = new FaultPools.Pool("hp-gone", "gone", 3, 1);
    private static final FaultPools.Pool IDLE = new FaultPools.Pool("hp-idle", "idle", 2, 0);
    private static final FaultPools.Pool CRASH = new FaultPools.Pool("hp-crash", "crash", 5, 1);
    private static final FaultPools POOLS = new FaultPools(SCENARIO, List.of(USERS, ALLOC, NOREG, GONE, IDLE, CRASH));

    private static final String NEVER_REGISTERS = NOREG.vm("std", 2);
    private static final String DELETED_BEHIND_THE_BACK = GONE.vm("std", 2);

    private static final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private static LocalDeployment deployment;
    private static CoordinatorApi api;
    private static Instant started;

    @BeforeAll
    static void startTheDeploymentAndTheIndependentRollouts() {
        started = Instant.now();
        Path logs = LocalDeployment.repoDir().resolve("e2e/target/e2e-logs/faults");
        Map<String, Map<String, String>> settings = new LinkedHashMap<>(SCENARIO.serviceSettings());
        Map<String, String> verifier = new LinkedHashMap<>(settings.get("verifier-service"));
        verifier.put("avdroll.verify.registration-timeout", REGISTRATION_TIMEOUT.toString());
        settings.put("verifier-service", verifier);
        deployment = LocalDeployment.start(EmulatorOptions.defaults().lockDuration(LOCK).onBusMessage(sent::add),
                POOLS.seed(), DemoScenario.SUBSCRIPTION, settings, Map.of("AVDROLL_API_LOCAL_TOKEN", API_TOKEN), logs);
        api = new CoordinatorApi(deployment.service("scheduler-service"), API_TOKEN);
        System.out.printf("deployment of %d pools ready after %ss%n", POOLS.pools().size(), Duration.between(started, Instant.now()).toSeconds());

        FaultRule stay = new FaultRule();
        stay.kind = "usersNeverLogOff";
        stay.hostPool = USERS.name();
        deployment.emulator().faults().add(stay);
        // every create in this pool is refused, so whichever host the canary is fails and the rollout must pause
        FaultRule allocationFailed = new FaultRule();
        allocationFailed.kind = "vmCreateFailure";
        allocationFailed.vmNamePattern = ALLOC.prefix() + "-.*";
        deployment.emulator().faults().add(allocationFailed);
        FaultRule neverRegisters = new FaultRule();
        neverRegisters.kind = "hostNeverRegisters";
        neverRegisters.vmNamePattern = NEVER_REGISTERS;
        deployment.emulator().faults().add(neverRegisters);
        deployment.emulator().deleteVmBehindTheBack(GONE.vmId("std", 2));

        publish(request(USERS, "stubborn-users", SpecOverrides.none()));
        // the same session, so the coordinator handles it after the first: a second rollout for a pool already rolling
        publish(request(USERS, "second-request", SpecOverrides.none()));
        publish(request(ALLOC, "alloc-failed", new SpecOverrides("2", null, 0, null, null, null)));
        publish(request(NOREG, "never-registers", new SpecOverrides("2", null, 50, null, null, null)));
        publish(request(GONE, "vm-deleted", new SpecOverrides("2", null, 50, null, null, null)));
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
        if (started != null) {
            System.out.printf("faults end to end: %ss for the whole class%n", Duration.between(started, Instant.now()).toSeconds());
        }
    }

    @Test
    @Order(1)
    void usersWhoNeverLogOffAreLoggedOffAtTheGraceDeadlineNotBefore() {
        awaitAllVerified(USERS, "stubborn-users");

        RolloutAudit audit = audit();
        int hostsWithUsers = 0;
        for (String vm : seededVms(audit, USERS)) {
            List<AuditLog.Entry> drains = audit.drainEntries(vm);
            if (drains.isEmpty() || ((Number) drains.get(0).details().get("sessions")).intValue() == 0) {
                continue;
            }
            hostsWithUsers++;
            Instant drainedAt = drains.get(0).time();
            // the grace runs from the drain start drain-service stamps on the VM (it reads its clock just before
            // switching drain mode on, so this is a little earlier than the AllowNewSessionChanged entry)
            Instant drainStarted = audit.drainStartedTag(vm).orElseThrow();
            Instant deletedAt = audit.first("VmDeleted", vm).orElseThrow().time();
            List<AuditLog.Entry> forced = audit.forcedLogOffs(vm).stream().filter(e -> e.time().isBefore(deletedAt)).toList();
            assertThat(forced).as("users forced off %s", vm).isNotEmpty();
            for (AuditLog.Entry e : forced) {
                assertThat(Duration.between(drainStarted, e.time())).as("%s: forced log-off after the drain start", vm)
                        .isGreaterThanOrEqualTo(GRACE);
                assertThat(Duration.between(drainedAt, e.time())).as("%s: forced log-off close to the deadline", vm)
                        .isLessThan(GRACE.plusSeconds(5));
            }
            assertThat(entriesOn(audit, vm, "UserSessionLoggedOff", drainedAt, deletedAt))
                    .as("%s: every session that ended between drain and delete was forced", vm)
                    .allSatisfy(e -> assertThat(e.details().get("forced")).isEqualTo(true));
        }
        assertThat(hostsWithUsers).as("drained hosts that had users").isGreaterThan(0);
    }

    @Test
    @Order(2)
    void aSecondUpdateRequestForAPoolAlreadyRollingIsRefusedWithAReasonTheOperatorSees() {
        JsonNode status = await(Duration.ofMinutes(1), () -> api.status(USERS.name()),
                s -> historyMentioning(s, "second-request").isPresent(), "the second request in the pool's history");

        assertThat(status.path("rolloutId").asText()).as("the rollout the pool runs").isEqualTo("stubborn-users");
        assertThat(historyMentioning(status, "second-request").orElseThrow())
                .contains("refused update-requested second-request")
                .contains("rollout stubborn-users is")
                .contains("cancel it first");
        assertThat(logOf("scheduler-service")).contains("refused update-requested second-request");
        assertThat(audit().entries()).as("nothing done under the refused rollout id")
                .noneMatch(e -> String.valueOf(e.details()).contains("second-request"));
        assertThat(busMessages(m -> m.messageId() != null && m.messageId().contains("/second-request/")))
                .as("messages sent for the refused rollout: only the request itself")
                .allSatisfy(m -> assertThat(m.messageId()).endsWith("/second-request/update-requested"));
    }

    @Test
    @Order(3)
    void aHandledHostDrainedAndALateHostVerifiedDeliveredAgainUnderNewIdsChangeNothing() throws Exception {
        awaitAllVerified(USERS, "stubborn-users");
        String vm = USERS.vm("std", 1);
        HostDrained drained = firstEvent(HostDrained.class, USERS, vm, d -> d.blueprint() == null && d.check() == 0);
        HostVerified verified = firstEvent(HostVerified.class, USERS, vm, v -> true);
        JsonNode before = api.status(USERS.name());
        long auditBefore = lastSeq();
        int sentBefore = sent.size();

        // new MessageIds so duplicate detection lets them through: the handlers' own idempotency is what is tested
        resend(drained, "e2e-again/" + drained.messageId());
        resend(verified, "e2e-late/" + verified.messageId());

        JsonNode after = await(Duration.ofMinutes(1), () -> api.status(USERS.name()),
                s -> recentEvent(s, "e2e-late/" + verified.messageId()).isPresent(), "the late host-verified handled");
        awaitSubscriptionsIdle("host-drained/subscriptions/provisioner-service", "host-redeployed/subscriptions/verifier-service");
        ServiceProcess.sleep(Duration.ofSeconds(3));

        System.out.printf("late host-verified: %s%n", recentEvent(after, "e2e-late/" + verified.messageId()).orElseThrow());
        assertThat(after.path("counters")).as("the record's counters").isEqualTo(before.path("counters"));
        assertThat(after.path("state").asText()).isEqualTo(before.path("state").asText());
        assertThat(after.path("history")).as("history lines").isEqualTo(before.path("history"));
        List<AuditLog.Entry> since = deployment.emulator().audit().since(auditBefore, null).stream()
                .filter(e -> e.seq() > auditBefore).toList();
        assertThat(since).as("what Azure saw happen to %s after the copies", vm)
                .filteredOn(e -> e.resource().toLowerCase().contains(vm))
                .noneMatch(e -> e.type().equals("VmCreated") || e.type().equals("VmDeleted") || e.type().startsWith("VmCreate")
                        || e.type().equals("UserSessionLoggedOff")
                        || (e.type().equals("AllowNewSessionChanged") && Boolean.FALSE.equals(e.details().get("to"))));
        // the other pools of this class may still be rolling: only what was sent for this pool counts
        List<SentMessage> snapshot = List.copyOf(sent);
        List<SentMessage> later = snapshot.subList(sentBefore, snapshot.size()).stream()
                .filter(m -> m.sessionId() != null && m.sessionId().endsWith("/" + USERS.name())).toList();
        assertThat(later).as("messages sent for %s after the copies", USERS.name())
                .noneMatch(m -> m.entityPath().equalsIgnoreCase(EventType.DRAIN_REQUESTED.wireName()) && !m.duplicate());
        assertThat(later).filteredOn(m -> !m.duplicate() && m.entityPath().equalsIgnoreCase(EventType.HOST_VERIFIED.wireName()))
                .as("host-verified announced again (the coordinator must not count it twice)")
                .allSatisfy(m -> assertThat(m.messageId()).contains(vm));
        assertThat(after.path("counters").path("verified").asInt()).isEqualTo(USERS.hosts());
    }

    @Test
    @Order(4)
    void aVmCreateRefusedWithAllocationFailedLeavesTheHostFailedDrainedAndWithoutOrphansAndPausesTheRollout() {
        JsonNode status = await(ROLLOUT_TIMEOUT, () -> api.status(ALLOC.name()),
                s -> "PAUSED".equals(s.path("state").asText()), "the rollout of " + ALLOC.name() + " paused");
        ServiceProcess.sleep(Duration.ofSeconds(5));

        RolloutAudit audit = audit();
        List<String> drained = poolVms(audit.drainedVmsInOrder(), ALLOC);
        assertThat(drained).as("hosts drained in %s: only the canary, then the rollout paused", ALLOC.name()).hasSize(1);
        String failing = drained.get(0);
        JsonNode failedHost = CoordinatorApi.host(api.status(ALLOC.name()), failing);
        assertThat(failedHost).as("%s in the record", failing).isNotNull();
        assertThat(failedHost.path("stage").asText()).isEqualTo("FAILED");
        assertThat(failedHost.path("lastReason").asText()).contains("AllocationFailed");
        assertThat(status.path("stateReason").asText()).as("why it paused").isNotBlank();
        JsonNode sessionHost = sessionHost(ALLOC, failing);
        if (sessionHost != null) {
            assertThat(sessionHost.path("allowNewSession").asBoolean(true)).as("failed host drained").isFalse();
        }
        List<String> lifecycle = audit.vmLifecycle(failing);
        assertThat(lifecycle).as("VM lifecycle of %s", failing).contains("VmCreateFailed").last().isEqualTo("VmDeleted");
        assertThat(resourcesNamedAfter(failing)).as("NICs and disks left of %s", failing).isEmpty();
        System.out.printf("%s failed; paused: %s; lifecycle %s%n", failing, status.path("stateReason").asText(), lifecycle);
    }

    @Test
    @Order(5)
    void aHostThatNeverRegistersEndsFailedWithTheVerifiersTimeoutStaysDrainedAndTheRolloutGoesOnWithinItsBudget() {
        JsonNode status = await(ROLLOUT_TIMEOUT, () -> api.status(NOREG.name()),
                s -> s.path("counters").path("done").asInt() == NOREG.hosts(), "every host of " + NOREG.name() + " done");

        JsonNode failed = CoordinatorApi.host(status, NEVER_REGISTERS);
        assertThat(failed).as("%s in the record", NEVER_REGISTERS).isNotNull();
        assertThat(failed.path("stage").asText()).isEqualTo("FAILED");
        assertThat(failed.path("lastReason").asText()).as("the verifier's reason")
                .contains("was not healthy within " + REGISTRATION_TIMEOUT)
                .contains("not registered");
        assertThat(status.path("counters").path("verified").asInt()).as("the other hosts").isEqualTo(NOREG.hosts() - 1);
        assertThat(status.path("counters").path("failed").asInt()).isEqualTo(1);
        assertThat(status.path("state").asText()).as("one failure is within a 50%% budget").isEqualTo("COMPLETED");

        RolloutAudit audit = audit();
        assertThat(audit.first("RegistrationSuppressed", NEVER_REGISTERS)).as("the fault fired").isPresent();
        assertThat(audit.vmLifecycle(NEVER_REGISTERS)).as("its new VM is kept for a person to look at").last().isEqualTo("VmCreated");
        assertThat(sessionHost(NOREG, NEVER_REGISTERS)).as("it never joined the pool, so it takes no users").isNull();
    }

    @Test
    @Order(6)
    void aVmDeletedBehindTheSystemsBackIsReportedAndItsHostStaysCountedAsOutOfService() {
        JsonNode status = await(ROLLOUT_TIMEOUT, () -> api.status(GONE.name()),
                s -> s.path("counters").path("done").asInt() == GONE.hosts(), "every host of " + GONE.name() + " done");

        JsonNode gone = CoordinatorApi.host(status, DELETED_BEHIND_THE_BACK);
        assertThat(gone).as("%s in the record", DELETED_BEHIND_THE_BACK).isNotNull();
        System.out.printf("%s: %s%n", DELETED_BEHIND_THE_BACK, gone);
        assertThat(gone.path("stage").asText()).isEqualTo("FAILED");
        assertThat(gone.path("lastReason").asText()).as("the reason names what happened")
                .containsIgnoringCase("deleted outside the rollout");
        assertThat(status.path("counters").path("total").asInt()).as("every host of the pool accounted for").isEqualTo(GONE.hosts());
        assertThat(status.path("counters").path("verified").asInt()).isEqualTo(GONE.hosts() - 1);

        RolloutAudit audit = audit();
        assertThat(audit.countByVm("VmCreated")).as("nothing recreated from nothing").doesNotContainKey(DELETED_BEHIND_THE_BACK);
        JsonNode sessionHost = sessionHost(GONE, DELETED_BEHIND_THE_BACK);
        assertThat(sessionHost).as("its registration stays visible in the pool").isNotNull();
        // drain-service fails it at the claim (there is no VM to tag) and puts its registration in drain mode; with no
        // VM behind it AVD reports it Unavailable, so it is out of rotation and never counted as capacity
        assertThat(sessionHost.path("allowNewSession").asBoolean(true)).as("failed host drained").isFalse();
        assertThat(sessionHost.path("status").asText()).as("its status").isEqualTo("Unavailable");
        assertThat(PoolProgress.isServing(sessionHost)).as("and is never counted as serving").isFalse();
    }

    @Test
    @Order(7)
    void anInvalidUpdateRequestIsDeadLetteredWithAReasonAndTouchesNothing() throws Exception {
        ObjectMapper json = new ObjectMapper();
        UpdateRequested valid = request(IDLE, "bad-1", SpecOverrides.none());
        ObjectNode body = (ObjectNode) json.readTree(new EventCodec().toJson(valid));
        body.remove("targetImageVersionId");
        ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(deployment.serviceBusConnectionString());
        try (ServiceBusSenderClient sender = client.sender().topicName("update-requested").buildClient()) {
            ServiceBusMessage message = new ServiceBusMessage(json.writeValueAsBytes(body));
            message.setMessageId("bad-request-1");
            message.setSessionId(valid.sessionId());
            message.setContentType("application/json");
            sender.sendMessage(message);
        }

        try (ServiceBusReceiverClient dlq = client.receiver().queueName("coordinator").subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            List<ServiceBusReceivedMessage> dead = new ArrayList<>();
            await(Duration.ofMinutes(1), () -> {
                dlq.receiveMessages(10, Duration.ofSeconds(1)).forEach(m -> {
                    dead.add(m);
                    dlq.complete(m);
                });
                return dead.stream().anyMatch(m -> "bad-request-1".equals(m.getMessageId()));
            }, found -> found, "the request dead-lettered");
            assertThat(dead).filteredOn(m -> "bad-request-1".equals(m.getMessageId())).singleElement().satisfies(m -> {
                assertThat(m.getDeadLetterReason()).isEqualTo(DeadLetterReasons.INVALID_EVENT);
                assertThat(m.getDeadLetterErrorDescription()).contains("targetImageVersionId");
            });
        }
        assertThat(poolVms(audit().drainedVmsInOrder(), IDLE)).as("hosts drained for an invalid request").isEmpty();
    }

    /**
     * Last, on its own pool, once the other rollouts are settled: each service is killed (SIGKILL) while a host is
     * at the stage it owns and started again; the rollout must still finish with every VM created and deleted once
     * and no host drained twice.
     */
    @Test
    @Order(8)
    void eachServiceKilledMidStepAndRestartedLetsTheRolloutFinishWithEveryHostRedeployedOnce() {
        String rolloutId = "crashes";
        publish(request(CRASH, rolloutId, SpecOverrides.none()));
        Map<String, String> killedWhile = new LinkedHashMap<>();
        for (String service : List.of("drain-service", "provisioner-service", "verifier-service", "scheduler-service")) {
            PoolProgress atKill = await(ROLLOUT_TIMEOUT, () -> progress(CRASH, rolloutId), inFlightFor(service, CRASH.hosts()),
                    "hosts in flight at " + service + "'s stage");
            deployment.service(service).kill();
            assertThat(deployment.service(service).alive()).isFalse();
            deployment.service(service).start();
            killedWhile.put(service, atKill.byStage().toString());
        }
        System.out.printf("killed and restarted while: %s%n", killedWhile);

        awaitAllVerified(CRASH, rolloutId);
        assertEveryHostOnTargetAndBackInService(CRASH, rolloutId);
        RolloutAudit audit = audit();
        List<String> vms = seededVms(audit, CRASH);
        assertThat(vms).hasSize(CRASH.hosts());
        assertThat(poolCounts(audit.countByVm("VmCreated"), CRASH)).as("VMs created per host").isEqualTo(onceEach(vms));
        assertThat(poolCounts(audit.countByVm("VmDeleted"), CRASH)).as("old VMs deleted per host").isEqualTo(onceEach(vms));
        for (String vm : vms) {
            long drains = audit.drainsOfOriginalVm(vm);
            assertThat(drains).as("drains of %s before its old VM was deleted", vm).isLessThanOrEqualTo(1);
            if (vm.contains("-std-")) {
                assertThat(drains).as("a standard host in service is drained before it is deleted: %s", vm).isEqualTo(1);
            }
        }
        for (String service : LocalDeployment.SERVICES) {
            assertThat(deployment.service(service).starts()).as("%s started", service).isEqualTo(2);
        }
    }

    // --- requests and messages -------------------------------------------------------------------------------------

    private static UpdateRequested request(FaultPools.Pool pool, String rolloutId, SpecOverrides overrides) {
        return new UpdateRequested(rolloutId, DemoScenario.SUBSCRIPTION, DemoScenario.RESOURCE_GROUP, pool.name(),
                SCENARIO.targetImageId(), overrides, "e2e-faults", Instant.now());
    }

    private static void publish(Event event) {
        try (ServiceBusEventBus bus = new ServiceBusEventBus(
                ServiceBusSettings.from(Map.of(ServiceBusSettings.CONNECTION_STRING, deployment.serviceBusConnectionString())),
                TopologyReader.fromClasspath(), new EventCodec(), Clock.systemUTC())) {
            bus.publish(event);
        }
    }

    /** The event as the services send it (body, session, subject, schema version), under another MessageId. */
    private static void resend(Event event, String messageId) {
        ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(deployment.serviceBusConnectionString());
        try (ServiceBusSenderClient sender = client.sender().topicName(event.type().wireName()).buildClient()) {
            ServiceBusMessage message = new ServiceBusMessage(new EventCodec().encode(event));
            message.setMessageId(messageId);
            message.setSessionId(event.sessionId());
            message.setSubject(event.type().wireName());
            message.setContentType("application/json");
            message.getApplicationProperties().put("avdroll-schema-version", EventType.SCHEMA_VERSION);
            sender.sendMessage(message);
        }
    }

    /** The first event of this type the services sent for the host, decoded from what the bus carried. */
    private static <E extends HostEvent> E firstEvent(Class<E> type, FaultPools.Pool pool, String vm, Predicate<E> which) {
        EventCodec codec = new EventCodec();
        for (SentMessage m : sent) {
            if (m.duplicate() || m.scheduledFor() != null || m.body().length == 0 || m.entityPath().equalsIgnoreCase("coordinator")) {
                continue;
            }
            Event event;
            try {
                event = codec.decode(m.body());
            } catch (RuntimeException notAnEvent) {
                continue;
            }
            if (type.isInstance(event) && pool.name().equals(((HostEvent) event).hostPool())
                    && RolloutAudit.hostVmName("/sessionHosts/" + ((HostEvent) event).host()).equals(vm)
                    && which.test(type.cast(event))) {
                return type.cast(event);
            }
        }
        return fail("no %s for %s among %d messages sent", type.getSimpleName(), vm, sent.size());
    }

    private static List<SentMessage> busMessages(Predicate<SentMessage> which) {
        return sent.stream().filter(which).toList();
    }

    private static void awaitSubscriptionsIdle(String... subscriptions) {
        ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(deployment.serviceBusConnectionString());
        for (String path : subscriptions) {
            String[] parts = path.split("/subscriptions/");
            try (ServiceBusReceiverClient peek = client.receiver().topicName(parts[0]).subscriptionName(parts[1]).buildClient()) {
                await(Duration.ofMinutes(1), () -> {
                    List<ServiceBusReceivedMessage> left = new ArrayList<>();
                    peek.peekMessages(10, 0).forEach(left::add);
                    return left.size();
                }, n -> n == 0, path + " empty");
            }
        }
    }

    // --- observations ---------------------------------------------------------------------------------------------

    private static RolloutAudit audit() {
        return new RolloutAudit(deployment.emulator().audit().all());
    }

    private static long lastSeq() {
        List<AuditLog.Entry> all = deployment.emulator().audit().all();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    private static PoolProgress progress(FaultPools.Pool pool, String rolloutId) {
        return PoolProgress.of(RolloutDemo.pool(deployment.emulator().snapshot(), pool.name()), pool.hosts(), rolloutId,
                SCENARIO.targetImageId());
    }

    /** The moment a crash of {@code service} hurts most: while a host is at the stage it owns. */
    private static Predicate<PoolProgress> inFlightFor(String service, int hosts) {
        return switch (service) {
            case "drain-service" -> p -> p.byStage().containsKey("draining");
            case "provisioner-service" -> p -> p.byStage().containsKey("being recreated") || p.byStage().containsKey("redeploying");
            case "verifier-service" -> p -> p.byStage().containsKey("redeployed");
            default -> p -> p.verified() >= 1 && p.verified() < hosts - 1 && p.byStage().containsKey("waiting");
        };
    }

    private static void awaitAllVerified(FaultPools.Pool pool, String rolloutId) {
        await(ROLLOUT_TIMEOUT, () -> progress(pool, rolloutId), p -> p.verified() == p.hosts(),
                "every host of " + pool.name() + " verified (logs in e2e/target/e2e-logs/faults)");
        System.out.printf("%s verified everywhere %ss after the deployment started%n", pool.name(),
                Duration.between(started, Instant.now()).toSeconds());
    }

    private static void assertEveryHostOnTargetAndBackInService(FaultPools.Pool pool, String rolloutId) {
        JsonNode snapshot = RolloutDemo.pool(deployment.emulator().snapshot(), pool.name());
        assertThat(snapshot.path("hosts")).hasSize(pool.hosts());
        for (JsonNode host : snapshot.path("hosts")) {
            String name = host.path("name").asText();
            assertThat(host.path("vmImageId").asText()).as("%s image", name).isEqualToIgnoringCase(SCENARIO.targetImageId());
            assertThat(host.path("vmTags").path(HostTags.ROLLOUT).asText()).as("%s rollout tag", name).isEqualTo(rolloutId);
            assertThat(host.path("vmTags").path(HostTags.STAGE).asText()).as("%s stage tag", name).isEqualTo("verified");
            if (name.contains("-dr-")) {
                assertThat(host.path("power").asText()).as("%s back to its earlier power state", name).isEqualTo("hibernated");
            } else {
                assertThat(PoolProgress.isServing(host)).as("%s serving: %s", name, host).isTrue();
            }
        }
    }

    private static List<String> seededVms(RolloutAudit audit, FaultPools.Pool pool) {
        return poolVms(audit.seededVms(), pool);
    }

    private static List<String> poolVms(List<String> vms, FaultPools.Pool pool) {
        return vms.stream().filter(pool::owns).toList();
    }

    private static Map<String, Long> poolCounts(Map<String, Long> byVm, FaultPools.Pool pool) {
        Map<String, Long> out = new TreeMap<>();
        byVm.forEach((vm, n) -> {
            if (pool.owns(vm)) {
                out.put(vm, n);
            }
        });
        return out;
    }

    private static JsonNode sessionHost(FaultPools.Pool pool, String vmName) {
        for (JsonNode host : RolloutDemo.pool(deployment.emulator().snapshot(), pool.name()).path("hosts")) {
            if (RolloutAudit.hostVmName("/sessionHosts/" + host.path("name").asText()).equals(vmName)) {
                return host;
            }
        }
        return null;
    }

    private static List<String> resourcesNamedAfter(String vmName) {
        return deployment.emulator().inspect(state -> state.allResources().stream()
                .filter(r -> r.type.toLowerCase().contains("networkinterfaces") || r.type.toLowerCase().contains("disks"))
                .filter(r -> r.name.toLowerCase().startsWith(vmName))
                .map(r -> r.id).toList());
    }

    private static List<AuditLog.Entry> entriesOn(RolloutAudit audit, String vm, String type, Instant from, Instant to) {
        return audit.entries().stream().filter(e -> e.type().equals(type))
                .filter(e -> e.resource().contains("/sessionHosts/") && RolloutAudit.hostVmName(e.resource()).equals(vm))
                .filter(e -> !e.time().isBefore(from) && e.time().isBefore(to)).toList();
    }

    private static Optional<String> historyMentioning(JsonNode status, String text) {
        for (JsonNode line : status.path("history")) {
            if (line.path("text").asText().contains(text)) {
                return Optional.of(line.path("text").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> recentEvent(JsonNode status, String messageId) {
        for (JsonNode event : status.path("recentEvents")) {
            if (messageId.equals(event.path("messageId").asText())) {
                return Optional.of(event.path("outcome").asText());
            }
        }
        return Optional.empty();
    }

    private static String logOf(String service) {
        try {
            return java.nio.file.Files.readString(deployment.service(service).logFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Long> onceEach(List<String> vms) {
        Map<String, Long> once = new TreeMap<>();
        vms.forEach(vm -> once.put(vm, 1L));
        return once;
    }

    private static <T> T await(Duration timeout, Supplier<T> probe, Predicate<T> done, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            ServiceProcess.sleep(Duration.ofMillis(250));
        }
        return fail("not within %s: %s; last seen %s", timeout, what, last);
    }
}
