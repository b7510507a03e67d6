package io.avdroll.verify;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import io.avdroll.azure.compute.AvdAgent;
import io.avdroll.azure.compute.EphemeralPlacement;
import io.avdroll.azure.compute.HostClass;
import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.SessionHostVmSpec;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RegistrationToken;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.bus.EventBus;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.Event;
import io.avdroll.events.EventCodec;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostRedeployed;
import io.avdroll.events.HostVerified;
import io.avdroll.events.MessageIds;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The real verifier-service against the emulator over HTTPS (ARM) and AMQP (Service Bus): host-redeployed is published
 * with the project's Service Bus bus, Azure's state is read back through the adapters and the emulator's audit log,
 * and what the verifier reports is received from the coordinator's session queue with the real SDK.
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class VerifierServiceEmulatorTest {

    private static final String SUB = AzureEmulatorResource.SUBSCRIPTION;
    private static final String RG = "rg-avd";
    private static final String TARGET = "/subscriptions/" + SUB
            + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal/images/win11/versions/2.0.0";
    private static final Duration BAKE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static boolean gallerySeeded;

    @Inject
    EventBus bus;
    @Inject
    SessionHosts sessionHosts;
    @Inject
    HostPools hostPools;
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
    void aRedeployedHostIsReturnedToServiceAfterItsBakeAndVerifiedExactlyOnce() throws Exception {
        String pool = seedPool("r-std", "standardHosts", Map.of());
        String host = pool + "-01";
        HostPoolRef ref = new HostPoolRef(RG, pool);
        sessionHosts.setAllowNewSession(ref, host, false);
        ServiceBusReceiverClient coordinator = coordinatorSession(pool);
        HostRedeployed redeployed = redeployed(pool, host, "r-std", Instant.now());

        bus.publish(redeployed);

        HostVerified verified = receive(coordinator, HostVerified.class);
        assertThat(verified.host()).isEqualTo(host);
        assertThat(verified.imageVersionId()).isEqualTo(TARGET);
        assertThat(verified.messageId()).isEqualTo(pool + "/r-std/" + host + "/verified");
        assertThat(sessionHosts.get(ref, host).allowNewSession()).isTrue();
        Map<String, String> tags = virtualMachines.get(new VmRef(RG, host)).tags();
        assertThat(tags).containsEntry(HostTags.STAGE, "verified").doesNotContainKey(HostTags.DEFAULT_SCALING_EXCLUSION);
        AuditLog.Entry reopened = apiAudit(pool, "AllowNewSessionChanged").get(1);
        assertThat(reopened.time()).as("new sessions allowed only after the whole bake")
                .isAfterOrEqualTo(redeployed.occurredAt().plus(BAKE));

        // a second delivery after verification (as after a lost lock) changes nothing and publishes nothing new
        long mark = lastAuditSeq();
        redeliver(redeployed.nextCheck(Instant.now()), codec);
        awaitSubscriptionEmpty("host-redeployed", "verifier-service", WAIT);
        Thread.sleep(1500);
        assertThat(AzureEmulatorResource.emulator().audit().since(mark, null))
                .filteredOn(e -> "api".equals(e.actor()) && e.resource().contains(host))
                .as("no Azure change after the duplicate").isEmpty();
        assertThat(virtualMachines.get(new VmRef(RG, host)).tags()).isEqualTo(tags);
        assertThat(coordinator.receiveMessages(1, Duration.ofSeconds(2)).stream().toList())
                .as("host-verified re-sent under the same MessageId is dropped as a duplicate").isEmpty();
    }

    @Test
    void aHostAnAdministratorHadDrainedIsVerifiedButStaysDrained() throws Exception {
        String pool = seedPool("r-admin", "standardHosts", Map.of(HostTags.ADMIN_DRAINED, "true"));
        String host = pool + "-01";
        HostPoolRef ref = new HostPoolRef(RG, pool);
        ServiceBusReceiverClient coordinator = coordinatorSession(pool);

        bus.publish(redeployed(pool, host, "r-admin", Instant.now()));

        assertThat(receive(coordinator, HostVerified.class).host()).isEqualTo(host);
        assertThat(sessionHosts.get(ref, host).allowNewSession()).as("its registration accepted sessions; the verifier drained it")
                .isFalse();
        assertThat(virtualMachines.get(new VmRef(RG, host)).tags()).containsEntry(HostTags.STAGE, "verified")
                .doesNotContainKey(HostTags.DEFAULT_SCALING_EXCLUSION);
    }

    @Test
    void aDrHostIsVerifiedThenPutBackToHibernation() throws Exception {
        String pool = seedPool("r-dr", "drHosts", Map.of(HostTags.POWER_BEFORE, "hibernated", HostTags.HOST_CLASS, "dr"));
        String host = pool + "-dr-01";
        HostPoolRef ref = new HostPoolRef(RG, pool);
        sessionHosts.setAllowNewSession(ref, host, false);
        ServiceBusReceiverClient coordinator = coordinatorSession(pool);

        bus.publish(redeployed(pool, host, "r-dr", Instant.now()));

        assertThat(receive(coordinator, HostVerified.class).host()).isEqualTo(host);
        VirtualMachineView vm = virtualMachines.get(new VmRef(RG, host));
        assertThat(vm.powerState()).isEqualTo(PowerState.HIBERNATED);
        assertThat(vm.tags()).containsEntry(HostTags.STAGE, "verified").doesNotContainKey(HostTags.POWER_BEFORE)
                .doesNotContainKey(HostTags.DEFAULT_SCALING_EXCLUSION);
        assertThat(sessionHosts.get(ref, host).allowNewSession()).as("in rotation again, asleep").isTrue();
    }

    @Test
    void aRecreatedHostThatNeverTurnsAvailableFailsAndIsLeftDrainedAndInPlace() throws Exception {
        String pool = seedPool("r-never", "standardHosts", Map.of());
        String host = pool + "-01";
        HostPoolRef ref = new HostPoolRef(RG, pool);
        FaultRule neverAvailable = new FaultRule();
        neverAvailable.kind = "hostNeverAvailable";
        neverAvailable.vmNamePattern = host;
        AzureEmulatorResource.emulator().faults().add(neverAvailable);
        VirtualMachineView created = recreateAsTheProvisionerWould(ref, host, "r-never");
        ServiceBusReceiverClient coordinator = coordinatorSession(pool);
        // redeployed 45 minutes ago less a few seconds: the registration timeout runs out during the test
        Instant redeployedAt = Instant.now().minus(VerifyConfig.DEFAULT_REGISTRATION_TIMEOUT).plusSeconds(4);

        bus.publish(redeployed(pool, host, "r-never", redeployedAt));

        HostFailed failed = receive(coordinator, HostFailed.class);
        assertThat(failed.stage()).isEqualTo(FailedStage.VERIFY);
        assertThat(failed.messageId()).isEqualTo(pool + "/r-never/" + host + "/failed");
        assertThat(failed.reason()).contains("not healthy within PT45M").contains("status is Unavailable, not Available");
        assertThat(sessionHosts.get(ref, host).allowNewSession()).as("the new registration was drained and stays so").isFalse();
        VirtualMachineView vm = virtualMachines.get(new VmRef(RG, host));
        assertThat(vm.id()).isEqualTo(created.id());
        assertThat(vm.tags()).containsEntry(HostTags.STAGE, "redeployed").containsEntry(HostTags.DEFAULT_SCALING_EXCLUSION, "r-never");
        assertThat(coordinator.receiveMessages(1, Duration.ofSeconds(2)).stream().toList()).as("nothing after the failure")
                .isEmpty();
    }

    @Test
    void throttlingDelaysVerificationButNeverFailsTheHost() throws Exception {
        String pool = seedPool("r-throttled", "standardHosts", Map.of());
        String host = pool + "-01";
        sessionHosts.setAllowNewSession(new HostPoolRef(RG, pool), host, false);
        FaultRule throttle = new FaultRule();
        throttle.kind = "throttle";
        throttle.operation = "Microsoft.DesktopVirtualization/*";
        throttle.count = 3;
        throttle.retryAfterSeconds = 1;
        FaultRule added = AzureEmulatorResource.emulator().faults().add(throttle);
        ServiceBusReceiverClient coordinator = coordinatorSession(pool);

        bus.publish(redeployed(pool, host, "r-throttled", Instant.now()));

        assertThat(receive(coordinator, HostVerified.class).host()).isEqualTo(host);
        assertThat(added.fired).as("every throttled call was retried after Retry-After").isEqualTo(3);
        assertThat(sessionHosts.get(new HostPoolRef(RG, pool), host).allowNewSession()).isTrue();
    }

    @Test
    void theServiceReportsUpWhileItConsumes() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static HostRedeployed redeployed(String pool, String host, String rollout, Instant redeployedAt) {
        return new HostRedeployed(rollout, SUB, RG, pool, host, 1, TARGET, null, BAKE, 0, redeployedAt, null, Instant.now());
    }

    /**
     * A pool whose one host ({@code group}: standardHosts or drHosts, a DR host running) already runs the target image
     * and carries the markers the rollout leaves on a redeployed VM, plus {@code extraTags}.
     */
    private static synchronized String seedPool(String rollout, String group, Map<String, String> extraTags) {
        String pool = "hp-verify-" + POOLS.incrementAndGet();
        String gallery = gallerySeeded ? "" : """
                "galleries":[{"subscription":"%1$s","resourceGroup":"rg-images","name":"gal","location":"westeurope",
                   "images":[{"name":"win11","versions":[{"name":"1.0.0"},{"name":"2.0.0"}]}]}],
                """.formatted(SUB);
        Map<String, String> tags = new LinkedHashMap<>(markers(rollout));
        tags.putAll(extraTags);
        String vmTags = tags.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .reduce((a, b) -> a + "," + b).orElse("");
        AzureEmulatorResource.emulator().seed(Seed.parse("""
                {%2$s
                 "hostPools":[{"subscription":"%1$s","resourceGroup":"%3$s","name":"%4$s","location":"westeurope",
                   "image":"gal/win11/2.0.0","maxSessionLimit":5,"registrationTokenHours":24,
                   "%5$s":{"count":1,"namePrefix":"%6$s","powerState":%7$s,"vmTags":{%8$s}}}]}
                """.formatted(SUB, gallery, RG, pool, group, group.equals("drHosts") ? pool + "-dr-" : pool + "-",
                group.equals("drHosts") ? "\"running\"" : "null", vmTags)));
        gallerySeeded = true;
        return pool;
    }

    private static Map<String, String> markers(String rollout) {
        return Map.of(HostTags.ROLLOUT, rollout, HostTags.ATTEMPT, "1", HostTags.STAGE, "redeployed",
                HostTags.IMAGE, TARGET, HostTags.DEFAULT_SCALING_EXCLUSION, rollout);
    }

    /** Remove the registration and the VM, then create the VM again from the target with the AVD agent and a token. */
    private VirtualMachineView recreateAsTheProvisionerWould(HostPoolRef pool, String host, String rollout) {
        VmRef ref = new VmRef(RG, host);
        VirtualMachineView old = virtualMachines.get(ref);
        NetworkInterfaceView nic = virtualMachines.getNetworkInterface(old.primaryNetworkInterfaceId());
        sessionHosts.delete(pool, host, true);
        virtualMachines.delete(ref);
        RegistrationToken token = hostPools.registrationToken(pool, Instant.now(), Duration.ofHours(1), Duration.ofHours(2));
        return virtualMachines.createSessionHost(new SessionHostVmSpec(ref, old.location(), old.size(), HostClass.STANDARD,
                TARGET, 127, EphemeralPlacement.RESOURCE_DISK, nic.name(), nic.subnetId(), null, "avdadmin", null,
                markers(rollout), null, null, new AvdAgent(pool.name(), token, null, false)));
    }


    /** What the coordinator would read for this pool (it does not run in this test). */
    private ServiceBusReceiverClient coordinatorSession(String pool) {
        ServiceBusSessionReceiverClient sessions = serviceBus().sessionReceiver().queueName("coordinator").buildClient();
        clients.add(sessions);
        ServiceBusReceiverClient receiver = sessions.acceptSession(MessageIds.sessionIdOf(SUB, RG, pool));
        clients.add(receiver);
        return receiver;
    }

    private <E extends Event> E receive(ServiceBusReceiverClient receiver, Class<E> type) {
        ServiceBusReceivedMessage message = receiver.receiveMessages(1, WAIT).stream().findFirst()
                .orElseThrow(() -> new AssertionError("nothing reached the coordinator within " + WAIT));
        receiver.complete(message);
        return codec.decode(message.getBody().toBytes(), type);
    }

    /** The same event again under another MessageId, so duplicate detection lets it through to the handler. */




}
