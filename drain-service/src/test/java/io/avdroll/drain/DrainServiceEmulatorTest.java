package io.avdroll.drain;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.desktop.UserSessionView;
import io.avdroll.azure.desktop.UserSessions;
import io.avdroll.bus.EventBus;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.EventCodec;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostDrained;
import io.avdroll.events.HostFailed;
import io.avdroll.events.MessageIds;
import io.avdroll.events.RequestedDrainPolicy;
import io.avdroll.markers.HostTags;
import io.avdroll.service.testing.AzureEmulatorResource;
import static io.avdroll.service.testing.EmulatorProbe.*;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real drain-service against the emulator over HTTPS (ARM) and AMQP (Service Bus): the event is published with
 * the project's Service Bus bus, Azure's state is read back through the adapters and the emulator's audit log, and
 * the next stage's event is received with the real SDK.
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class DrainServiceEmulatorTest {

    private static final String SUB = AzureEmulatorResource.SUBSCRIPTION;
    private static final String RG = "rg-avd";
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The rollout's bake time: drain-service does not use it, only hands it on. */
    private static final Duration BAKE = Duration.ofMinutes(7);
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static boolean gallerySeeded;

    @Inject
    EventBus bus;
    @Inject
    SessionHosts sessionHosts;
    @Inject
    UserSessions userSessions;
    @Inject
    VirtualMachines virtualMachines;
    @Inject
    EventCodec codec;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        AzureEmulatorResource.emulator().faults().clear();
    }

    @Test
    void aHostIsDrainedGracefullyAndHandedOnToRedeploy() throws Exception {
        String pool = seedPool(3);
        String host = pool + "-01";
        HostPoolRef ref = new HostPoolRef(RG, pool);
        List<UserSessionView> sessions = userSessions.list(ref, host);
        assertThat(sessions).hasSize(3);
        String disconnected = idOf(sessions.get(2));
        userSessions.disconnect(ref, host, disconnected);
        ServiceBusReceiverClient drained = drainedReceiver();
        DrainRequested request = drainRequest(pool, host, "r-graceful");
        double deadlineBefore = forcedLogOffsMetric("deadline");
        double disconnectedBefore = forcedLogOffsMetric("disconnected");

        Instant published = Instant.now();
        bus.publish(request);

        ServiceBusReceivedMessage handedOn = drained.receiveMessages(1, WAIT).stream().findFirst().orElseThrow(
                () -> new AssertionError("no host-drained within " + WAIT));
        HostDrained event = codec.decode(handedOn.getBody().toBytes(), HostDrained.class);
        drained.complete(handedOn);
        assertThat(handedOn.getMessageId()).isEqualTo(pool + "/r-graceful/" + host + "/drained");
        assertThat(event.host()).isEqualTo(host);
        assertThat(event.targetImageVersionId()).isEqualTo(request.targetImageVersionId());
        assertThat(event.bakeTime()).as("the rollout's bake time travels on to the provisioner").isEqualTo(BAKE);

        assertThat(sessionHosts.get(ref, host).allowNewSession()).isFalse();
        assertThat(userSessions.list(ref, host)).isEmpty();
        Map<String, String> tags = virtualMachines.get(new VmRef(RG, host)).tags();
        assertThat(tags).containsEntry(HostTags.ROLLOUT, "r-graceful").containsEntry(HostTags.ATTEMPT, "1")
                .containsEntry(HostTags.ADMIN_DRAINED, "false").containsEntry(HostTags.STAGE, "drained")
                .containsEntry(HostTags.DEFAULT_SCALING_EXCLUSION, "r-graceful").containsEntry(HostTags.DRAIN_NOTICES, "2");
        Instant drainStarted = Instant.parse(tags.get(HostTags.DRAIN_STARTED));
        Instant firstNotice = Instant.parse(tags.get(HostTags.DRAIN_FIRST_NOTICE));
        Instant deadline = firstNotice.plus(GRACE);
        assertThat(drainStarted).isAfterOrEqualTo(published.minusSeconds(1));
        assertThat(firstNotice).isAfter(drainStarted);

        List<AuditLog.Entry> messages = apiAudit(pool, "MessageSent");
        assertThat(messages).as("first message and one reminder to each active user; none to the disconnected one")
                .hasSize(4)
                .allSatisfy(m -> assertThat(m.resource()).doesNotEndWith("/userSessions/" + disconnected))
                .allSatisfy(m -> assertThat(m.details()).containsEntry("title", "Maintenance"));
        List<AuditLog.Entry> firstMessages = messages.stream()
                .filter(m -> "Please sign out now.".equals(m.details().get("body"))).toList();
        assertThat(firstMessages).hasSize(2).allSatisfy(m -> assertThat(m.time())
                .as("the grace period counts from a record made after the first message went out").isBeforeOrEqualTo(firstNotice));
        assertThat(messages).filteredOn(m -> "Reminder: 1 second left.".equals(m.details().get("body"))).hasSize(2)
                .allSatisfy(m -> assertThat(m.time()).isAfterOrEqualTo(deadline.minus(Duration.ofSeconds(1))));

        List<AuditLog.Entry> logOffs = apiAudit(pool, "UserSessionLoggedOff");
        assertThat(logOffs).hasSize(3).allSatisfy(e -> assertThat(e.details()).containsEntry("forced", true));
        assertThat(logOffs).filteredOn(e -> e.resource().endsWith("/userSessions/" + disconnected)).singleElement()
                .satisfies(e -> assertThat(e.time()).as("disconnected session logged off early").isBefore(deadline));
        assertThat(logOffs).filteredOn(e -> !e.resource().endsWith("/userSessions/" + disconnected)).hasSize(2)
                .allSatisfy(e -> assertThat(e.time()).as("active users are never forced off before the deadline")
                        .isAfterOrEqualTo(deadline))
                .allSatisfy(e -> assertThat(e.time()).as("each active user had the whole grace period after the first message")
                        .isAfterOrEqualTo(firstMessageTo(firstMessages, e.resource()).plus(GRACE)));
        assertThat(apiAudit(pool, "AllowNewSessionChanged")).hasSize(1);
        Instant lastLogOff = logOffs.stream().map(AuditLog.Entry::time).max(Instant::compareTo).orElseThrow();
        assertThat(event.stageTimes()).as("what the rollout report will show of this drain").isNotNull();
        assertThat(event.stageTimes().forcedLogOffs()).isEqualTo(logOffs.size());
        assertThat(event.stageTimes().drainStartedAt()).isEqualTo(request.stageStartedAt());
        assertThat(event.stageTimes().drainedAt()).isEqualTo(event.stageStartedAt()).isAfterOrEqualTo(lastLogOff);
        assertThat(forcedLogOffsMetric("deadline") - deadlineBefore)
                .as("the two active users forced off at the deadline, scraped from /q/metrics").isEqualTo(2.0);
        assertThat(forcedLogOffsMetric("disconnected") - disconnectedBefore).isEqualTo(1.0);

        // a redelivery of the admission (as after a lost lock) must change nothing and publish nothing new
        long mark = lastAuditSeq();
        redeliver(request, codec);
        awaitSubscriptionEmpty("drain-requested", "drain-service", WAIT);
        Thread.sleep(1500);
        assertThat(AzureEmulatorResource.emulator().audit().since(mark, null))
                .filteredOn(e -> e.resource().contains(pool) || e.resource().contains(host))
                .as("no Azure change after the duplicate").isEmpty();
        assertThat(virtualMachines.get(new VmRef(RG, host)).tags()).isEqualTo(tags);
        assertThat(drained.receiveMessages(1, Duration.ofSeconds(2)).stream().toList())
                .as("host-drained re-sent with the same MessageId is dropped as a duplicate").isEmpty();
    }

    @Test
    void aHostAnAdministratorHadDrainedIsRememberedAsSuchAndAnEmptyHostIsHandedOnAtOnce() throws Exception {
        String pool = seedPool(0);
        String host = pool + "-01";
        HostPoolRef ref = new HostPoolRef(RG, pool);
        sessionHosts.setAllowNewSession(ref, host, false);
        ServiceBusReceiverClient drained = drainedReceiver();

        bus.publish(drainRequest(pool, host, "r-admin"));

        assertThat(drained.receiveMessages(1, WAIT).stream().toList()).singleElement()
                .satisfies(m -> assertThat(m.getMessageId()).isEqualTo(pool + "/r-admin/" + host + "/drained"));
        assertThat(virtualMachines.get(new VmRef(RG, host)).tags()).containsEntry(HostTags.ADMIN_DRAINED, "true")
                .containsEntry(HostTags.STAGE, "drained");
        assertThat(apiAudit(pool, "MessageSent")).isEmpty();
    }

    @Test
    void aHostWhoseVmVanishedIsReportedFailedInTheDrainStage() throws Exception {
        String pool = seedPool(1);
        String host = pool + "-01";
        AzureEmulator emulator = AzureEmulatorResource.emulator();
        emulator.deleteVmBehindTheBack(virtualMachines.get(new VmRef(RG, host)).id());
        ServiceBusSessionReceiverClient sessions = serviceBus().sessionReceiver().queueName("coordinator").buildClient();
        clients.add(sessions);

        bus.publish(drainRequest(pool, host, "r-vanished"));

        ServiceBusReceiverClient coordinator = sessions.acceptSession(MessageIds.sessionIdOf(SUB, RG, pool));
        clients.add(coordinator);
        ServiceBusReceivedMessage message = coordinator.receiveMessages(1, WAIT).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no host-failed within " + WAIT));
        coordinator.complete(message);
        HostFailed failed = codec.decode(message.getBody().toBytes(), HostFailed.class);
        assertThat(failed.stage()).isEqualTo(FailedStage.DRAIN);
        assertThat(failed.host()).isEqualTo(host);
        assertThat(failed.reason()).contains("vanished").contains("does not exist");
    }

    @Test
    void aLateDrainCheckFindingTheHostRecreatedForItsRolloutCompletesWithoutReportingAFailure() throws Exception {
        String pool = seedPool(0);
        String host = pool + "-01";
        HostPoolRef ref = new HostPoolRef(RG, pool);
        // what the provisioner leaves behind: the registration removed, a VM of the host's name tagged as this
        // rollout's new one, not registered yet
        virtualMachines.updateTags(new VmRef(RG, host), Map.of(HostTags.ROLLOUT, "r-late", HostTags.ATTEMPT, "1",
                HostTags.STAGE, "redeploying"), java.util.Set.of());
        sessionHosts.delete(ref, host, true);
        ServiceBusSessionReceiverClient sessions = serviceBus().sessionReceiver().queueName("coordinator").buildClient();
        clients.add(sessions);
        long mark = lastAuditSeq();
        Instant now = Instant.now();

        bus.publish(drainRequest(pool, host, "r-late").nextCheck(now).nextCheck(now));

        awaitSubscriptionEmpty("drain-requested", "drain-service", WAIT);
        ServiceBusReceiverClient coordinator = sessions.acceptSession(MessageIds.sessionIdOf(SUB, RG, pool));
        clients.add(coordinator);
        assertThat(coordinator.receiveMessages(1, Duration.ofSeconds(3)).stream().toList())
                .as("no host-failed for a host whose drain was done long ago").isEmpty();
        assertThat(AzureEmulatorResource.emulator().audit().since(mark, null))
                .filteredOn(e -> "api".equals(e.actor()) && (e.resource().contains(pool) || e.resource().contains(host)))
                .as("the late check changes nothing").isEmpty();
    }

    @Test
    void throttlingDelaysTheDrainButNeitherFailsTheHostNorForcesAnyoneOffEarly() throws Exception {
        String pool = seedPool(1);
        String host = pool + "-01";
        FaultRule throttle = new FaultRule();
        throttle.kind = "throttle";
        throttle.operation = "Microsoft.DesktopVirtualization/*";
        throttle.count = 3;
        throttle.retryAfterSeconds = 1;
        FaultRule added = AzureEmulatorResource.emulator().faults().add(throttle);
        ServiceBusReceiverClient drained = drainedReceiver();

        bus.publish(drainRequest(pool, host, "r-throttled"));

        assertThat(drained.receiveMessages(1, WAIT).stream().toList()).hasSize(1);
        assertThat(added.fired).as("the throttle was hit every time it could be").isEqualTo(3);
        Instant deadline = Instant.parse(virtualMachines.get(new VmRef(RG, host)).tags().get(HostTags.DRAIN_FIRST_NOTICE)).plus(GRACE);
        Instant messaged = apiAudit(pool, "MessageSent").get(0).time();
        assertThat(apiAudit(pool, "UserSessionLoggedOff")).singleElement()
                .satisfies(e -> assertThat(e.time()).isAfterOrEqualTo(deadline))
                .satisfies(e -> assertThat(e.time()).as("the user had the whole grace period after the message, despite the retries")
                        .isAfterOrEqualTo(messaged.plus(GRACE)));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static DrainRequested drainRequest(String pool, String host, String rollout) {
        Instant now = Instant.now();
        return new DrainRequested(rollout, SUB, RG, pool, host, 1,
                "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal/images/win11/versions/2.0.0",
                GRACE, new RequestedDrainPolicy(List.of(Duration.ofSeconds(1)), "Maintenance", "Please sign out now.",
                "Reminder: 1 second left.", true), BAKE, 0, now, now);
    }

    /** A pool with one standard host and {@code users} sessions on it that never end on their own. */
    private static synchronized String seedPool(int users) {
        String pool = "hp-drain-" + POOLS.incrementAndGet();
        String gallery = gallerySeeded ? "" : """
                "galleries":[{"subscription":"%1$s","resourceGroup":"rg-images","name":"gal","location":"westeurope",
                   "images":[{"name":"win11","versions":[{"name":"1.0.0"},{"name":"2.0.0"}]}]}],
                """.formatted(SUB);
        AzureEmulatorResource.emulator().seed(Seed.parse("""
                {%2$s
                 "hostPools":[{"subscription":"%1$s","resourceGroup":"%3$s","name":"%4$s","location":"westeurope",
                   "image":"gal/win11/1.0.0","maxSessionLimit":5,"standardHosts":{"count":1,"namePrefix":"%4$s-"},
                   "usersPerHost":%5$d,"users":{"neverLogOff":true}}]}
                """.formatted(SUB, gallery, RG, pool, users)));
        gallerySeeded = true;
        return pool;
    }


    private ServiceBusReceiverClient drainedReceiver() {
        ServiceBusReceiverClient receiver = serviceBus().receiver().topicName("host-drained").subscriptionName("provisioner-service")
                .buildClient();
        clients.add(receiver);
        return receiver;
    }

    /** The same admission again under another MessageId, so duplicate detection lets it through to the handler. */





    /** When the user of the session a log-off names ({@code .../userSessions/{id}}) got the first message. */
    private static Instant firstMessageTo(List<AuditLog.Entry> firstMessages, String sessionResource) {
        return firstMessages.stream().filter(m -> m.resource().equals(sessionResource)).findFirst()
                .orElseThrow(() -> new AssertionError("no first message to " + sessionResource)).time();
    }

    private static String idOf(UserSessionView session) {
        return io.avdroll.azure.desktop.ResourceNames.userSessionId(session.id());
    }

    /** {@code avdroll_forced_logoffs_total{cause=...}} as drain-service's Prometheus endpoint shows it now. */
    private static double forcedLogOffsMetric(String cause) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("^avdroll_forced_logoffs_total\\{[^}]*cause=\"" + Pattern.quote(cause)
                + "\"[^}]*\\} (\\S+)", Pattern.MULTILINE).matcher(metrics);
        if (!sample.find()) {
            throw new AssertionError("no avdroll_forced_logoffs_total with cause=" + cause + " in /q/metrics: "
                    + metrics.lines().filter(l -> l.contains("forced_logoffs")).toList());
        }
        return Double.parseDouble(sample.group(1));
    }
}
