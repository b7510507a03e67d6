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
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.EventCodec;
import io.avdroll.events.SpecOverrides;
import io.avdroll.events.UpdateRequested;
import io.avdroll.markers.HostTags;
import io.avdroll.topology.TopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The four services as real processes against the local emulator, under the failures the design promises to
 * survive: a crashed service, a VM Azure cannot allocate, a malformed request, users who never leave. Each test
 * has its own small pool and deployment; what happened is judged from what Azure (the emulator) saw.
 */
class RollingUpdateFaultsEndToEndTest {

    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(4);
    private static final int STANDARD_HOSTS = 3;
    private static final int DR_HOSTS = 1;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"drain-service", "provisioner-service", "verifier-service", "scheduler-service"})
    void aServiceKilledMidRolloutAndRestartedLetsTheRolloutFinishWithEveryHostRedeployedOnce(String service) {
        DemoScenario scenario = scenario(Duration.ofSeconds(5));
        try (LocalDeployment deployment = deploy(scenario, "killed-" + service)) {
            String rolloutId = "crash-" + service;
            publish(deployment, rolloutId, SpecOverrides.none());

            PoolProgress atKill = await(ROLLOUT_TIMEOUT, () -> progress(deployment, scenario, rolloutId),
                    inFlightFor(service, scenario.hosts()), "hosts in flight at " + service + "'s stage");
            deployment.service(service).kill();
            assertThat(deployment.service(service).alive()).isFalse();
            ServiceProcess.sleep(Duration.ofSeconds(3));
            deployment.service(service).start();
            System.out.printf("%s killed and restarted while %s%n", service, atKill.byStage());

            awaitAllVerified(deployment, scenario, rolloutId);
            assertEveryHostOnTargetAndBackInService(deployment, scenario, rolloutId);

            RolloutAudit audit = new RolloutAudit(deployment.emulator().audit().all());
            List<String> vms = audit.seededVms();
            assertThat(vms).hasSize(scenario.hosts());
            assertThat(audit.countByVm("VmCreated")).as("VMs created per host").isEqualTo(onceEach(vms));
            assertThat(audit.countByVm("VmDeleted")).as("old VMs deleted per host").isEqualTo(onceEach(vms));
            for (String vm : vms) {
                long drains = audit.drainsOfOriginalVm(vm);
                assertThat(drains).as("drains of %s before its old VM was deleted", vm).isLessThanOrEqualTo(1);
                if (vm.startsWith("avd-std-")) {
                    assertThat(drains).as("a standard host in service is drained before it is deleted: %s", vm).isEqualTo(1);
                }
            }
            assertThat(deployment.service(service).starts()).isEqualTo(2);
        }
    }

    @Test
    void aVmCreateRefusedWithAllocationFailedLeavesTheHostFailedDrainedAndWithoutOrphans() {
        DemoScenario scenario = scenario(Duration.ofSeconds(5));
        try (LocalDeployment deployment = deploy(scenario, "allocation-failed")) {
            String rolloutId = "alloc-failed";
            publish(deployment, rolloutId, new SpecOverrides("2", null, 0, null, null, null));

            // the fault goes on the first host admitted, so hosts remain that the paused rollout must leave alone
            String failing = await(Duration.ofMinutes(2),
                    () -> new RolloutAudit(deployment.emulator().audit().all()).drainedVmsInOrder(),
                    drained -> !drained.isEmpty(), "a first host drained").get(0);
            FaultRule allocationFailed = new FaultRule();
            allocationFailed.kind = "vmCreateFailure";
            allocationFailed.vmNamePattern = failing;
            deployment.emulator().faults().add(allocationFailed);

            await(ROLLOUT_TIMEOUT, () -> new RolloutAudit(deployment.emulator().audit().all()).first("VmCreateFailed", failing),
                    java.util.Optional::isPresent, "the create of " + failing + " failing");
            // the other hosts already admitted finish; then nothing new is started while the rollout is paused
            Set<String> admitted = await(ROLLOUT_TIMEOUT, () -> admittedSettled(deployment, rolloutId, failing),
                    s -> s != null, "the hosts in flight beside " + failing + " verified");
            ServiceProcess.sleep(Duration.ofSeconds(15));
            Set<String> admittedLater = admittedSettled(deployment, rolloutId, failing);
            assertThat(admittedLater).as("hosts touched by the rollout after it paused").isEqualTo(admitted);
            assertThat(admitted).as("a paused rollout leaves hosts untouched").hasSizeLessThan(scenario.hosts());

            JsonNode failedHost = host(deployment, failing);
            if (failedHost != null) {
                assertThat(failedHost.path("allowNewSession").asBoolean(true)).as("failed host drained").isFalse();
            }
            RolloutAudit audit = new RolloutAudit(deployment.emulator().audit().all());
            List<String> lifecycle = audit.vmLifecycle(failing);
            assertThat(lifecycle).as("VM lifecycle of %s", failing).contains("VmCreateFailed").last().isEqualTo("VmDeleted");
            assertThat(resourcesNamedAfter(deployment, failing)).as("NICs and disks left of %s", failing).isEmpty();
            System.out.printf("%s failed; admitted %s; lifecycle %s%n", failing, admitted, lifecycle);
        }
    }

    @Test
    void anInvalidUpdateRequestIsDeadLetteredWithAReason() throws Exception {
        DemoScenario scenario = scenario(Duration.ofSeconds(5));
        try (LocalDeployment deployment = deploy(scenario, "invalid-request")) {
            ObjectMapper json = new ObjectMapper();
            UpdateRequested valid = request("bad-1", scenario, SpecOverrides.none());
            ObjectNode body = (ObjectNode) json.readTree(new EventCodec().toJson(valid));
            body.remove("targetImageVersionId");
            ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(deployment.serviceBusConnectionString());
            try (ServiceBusSenderClient sender = client.sender().topicName("update-requested").buildClient()) {
                ServiceBusMessage message = new ServiceBusMessage(json.writeValueAsBytes(body));
                message.setMessageId("bad-request-1");
                message.setSessionId(DemoScenario.POOL);
                message.setContentType("application/json");
                sender.sendMessage(message);
            }

            try (ServiceBusReceiverClient dlq = client.receiver().queueName("coordinator")
                    .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
                List<ServiceBusReceivedMessage> dead = new ArrayList<>();
                await(Duration.ofMinutes(1), () -> {
                    dlq.receiveMessages(10, Duration.ofSeconds(1)).forEach(m -> {
                        dead.add(m);
                        dlq.complete(m);
                    });
                    return dead.size();
                }, n -> n > 0, "a dead-lettered request");
                assertThat(dead).singleElement().satisfies(m -> {
                    assertThat(m.getMessageId()).isEqualTo("bad-request-1");
                    assertThat(m.getDeadLetterReason()).isEqualTo(DeadLetterReasons.INVALID_EVENT);
                    assertThat(m.getDeadLetterErrorDescription()).contains("targetImageVersionId");
                });
            }
            assertThat(new RolloutAudit(deployment.emulator().audit().all()).drainedVmsInOrder())
                    .as("hosts drained for an invalid request").isEmpty();
        }
    }

    @Test
    void usersWhoNeverLogOffAreLoggedOffAtTheGraceDeadlineNotBefore() {
        Duration grace = Duration.ofSeconds(8);
        DemoScenario scenario = scenario(grace);
        try (LocalDeployment deployment = deploy(scenario, "users-never-log-off")) {
            FaultRule stay = new FaultRule();
            stay.kind = "usersNeverLogOff";
            stay.hostPool = DemoScenario.POOL;
            deployment.emulator().faults().add(stay);
            String rolloutId = "stubborn-users";
            publish(deployment, rolloutId, SpecOverrides.none());

            awaitAllVerified(deployment, scenario, rolloutId);

            RolloutAudit audit = new RolloutAudit(deployment.emulator().audit().all());
            int hostsWithUsers = 0;
            for (String vm : audit.seededVms()) {
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
                List<AuditLog.Entry> forced = audit.forcedLogOffs(vm).stream()
                        .filter(e -> e.time().isBefore(deletedAt)).toList();
                assertThat(forced).as("users forced off %s", vm).isNotEmpty();
                for (AuditLog.Entry e : forced) {
                    assertThat(Duration.between(drainStarted, e.time())).as("%s: forced log-off after the drain start", vm)
                            .isGreaterThanOrEqualTo(grace);
                    assertThat(Duration.between(drainedAt, e.time())).as("%s: forced log-off close to the deadline", vm)
                            .isLessThan(grace.plusSeconds(5));
                    System.out.printf("%s: forced off %d ms after drain mode, %d ms after the stamped drain start%n", vm,
                            Duration.between(drainedAt, e.time()).toMillis(), Duration.between(drainStarted, e.time()).toMillis());
                }
                assertThat(entriesOn(audit, vm, "UserSessionLoggedOff", drainedAt, deletedAt))
                        .as("%s: every session that ended between drain and delete was forced", vm)
                        .allSatisfy(e -> assertThat(e.details().get("forced")).isEqualTo(true));
            }
            assertThat(hostsWithUsers).as("drained hosts that had users").isGreaterThan(0);
        }
    }

    // --- set-up ---------------------------------------------------------------------------------------------------

    private static DemoScenario scenario(Duration grace) {
        return new DemoScenario(STANDARD_HOSTS, DR_HOSTS, 3, 2, 1, grace, Duration.ofSeconds(2), 60, 7);
    }

    private static LocalDeployment deploy(DemoScenario scenario, String name) {
        Path logs = LocalDeployment.repoDir().resolve("e2e/target/e2e-logs/faults-" + name);
        return LocalDeployment.start(EmulatorOptions.defaults(), Seed.parse(scenario.seedJson()), DemoScenario.SUBSCRIPTION,
                scenario.serviceSettings(), logs);
    }

    private static UpdateRequested request(String rolloutId, DemoScenario scenario, SpecOverrides overrides) {
        return new UpdateRequested(rolloutId, DemoScenario.SUBSCRIPTION, DemoScenario.RESOURCE_GROUP, DemoScenario.POOL,
                scenario.targetImageId(), overrides, "e2e-faults", Instant.now());
    }

    private static void publish(LocalDeployment deployment, String rolloutId, SpecOverrides overrides) {
        DemoScenario scenario = scenario(Duration.ZERO);
        try (ServiceBusEventBus bus = new ServiceBusEventBus(
                ServiceBusSettings.from(Map.of(ServiceBusSettings.CONNECTION_STRING, deployment.serviceBusConnectionString())),
                TopologyReader.fromClasspath(), new EventCodec(), Clock.systemUTC())) {
            bus.publish(request(rolloutId, scenario, overrides));
        }
    }

    // --- observations ---------------------------------------------------------------------------------------------

    private static PoolProgress progress(LocalDeployment deployment, DemoScenario scenario, String rolloutId) {
        return PoolProgress.of(RolloutDemo.pool(deployment.emulator().snapshot()), scenario.hosts(), rolloutId, scenario.targetImageId());
    }

    /** The moment a crash of {@code service} hurts most: while a host is at the stage it owns. */
    private static Predicate<PoolProgress> inFlightFor(String service, int hosts) {
        return switch (service) {
            case "drain-service" -> p -> p.byStage().containsKey("draining");
            case "provisioner-service" -> p -> p.byStage().containsKey("being recreated") || p.byStage().containsKey("redeploying");
            case "verifier-service" -> p -> p.byStage().containsKey("redeployed");
            default -> p -> p.verified() >= 1 && p.verified() < hosts - 1;
        };
    }

    private static void awaitAllVerified(LocalDeployment deployment, DemoScenario scenario, String rolloutId) {
        Instant started = Instant.now();
        await(ROLLOUT_TIMEOUT, () -> progress(deployment, scenario, rolloutId), p -> p.verified() == p.hosts(),
                "every host verified (logs in e2e/target/e2e-logs)");
        System.out.printf("rollout %s verified everywhere after %ss%n", rolloutId, Duration.between(started, Instant.now()).toSeconds());
    }

    private static void assertEveryHostOnTargetAndBackInService(LocalDeployment deployment, DemoScenario scenario, String rolloutId) {
        JsonNode pool = RolloutDemo.pool(deployment.emulator().snapshot());
        assertThat(pool.path("hosts")).hasSize(scenario.hosts());
        for (JsonNode host : pool.path("hosts")) {
            String name = host.path("name").asText();
            assertThat(host.path("vmImageId").asText()).as("%s image", name).isEqualToIgnoringCase(scenario.targetImageId());
            assertThat(host.path("vmTags").path(HostTags.ROLLOUT).asText()).as("%s rollout tag", name).isEqualTo(rolloutId);
            assertThat(host.path("vmTags").path(HostTags.STAGE).asText()).as("%s stage tag", name).isEqualTo("verified");
            if (name.startsWith("avd-dr-")) {
                assertThat(host.path("power").asText()).as("%s back to its earlier power state", name).isEqualTo("hibernated");
            } else {
                assertThat(PoolProgress.isServing(host)).as("%s serving: %s", name, host).isTrue();
            }
        }
    }

    /** Hosts the rollout has touched, once all of them but {@code failing} are verified; null while some are in flight. */
    private static Set<String> admittedSettled(LocalDeployment deployment, String rolloutId, String failing) {
        RolloutAudit audit = new RolloutAudit(deployment.emulator().audit().all());
        Set<String> admitted = new TreeSet<>(audit.drainedVmsInOrder());
        JsonNode pool = RolloutDemo.pool(deployment.emulator().snapshot());
        for (String vm : admitted) {
            if (vm.equals(failing)) {
                continue;
            }
            JsonNode host = hostIn(pool, vm);
            if (host == null || !"verified".equals(host.path("vmTags").path(HostTags.STAGE).asText())
                    || !rolloutId.equals(host.path("vmTags").path(HostTags.ROLLOUT).asText())) {
                return null;
            }
        }
        return admitted;
    }

    private static JsonNode host(LocalDeployment deployment, String vmName) {
        return hostIn(RolloutDemo.pool(deployment.emulator().snapshot()), vmName);
    }

    private static JsonNode hostIn(JsonNode pool, String vmName) {
        for (JsonNode host : pool.path("hosts")) {
            if (RolloutAudit.hostVmName("/sessionHosts/" + host.path("name").asText()).equals(vmName)) {
                return host;
            }
        }
        return null;
    }

    private static List<String> resourcesNamedAfter(LocalDeployment deployment, String vmName) {
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

    private static Map<String, Long> onceEach(List<String> vms) {
        Map<String, Long> once = new java.util.TreeMap<>();
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
