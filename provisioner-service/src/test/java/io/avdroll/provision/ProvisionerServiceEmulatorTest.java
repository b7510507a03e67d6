package io.avdroll.provision;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineExtensionInner;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.compute.AvdAgent;
import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.bus.EventBus;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.events.EventCodec;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostDrained;
import io.avdroll.events.HostFailed;
import io.avdroll.events.HostRedeployed;
import io.avdroll.markers.HostTags;
import io.avdroll.service.testing.AzureEmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The real provisioner-service against the emulator over HTTPS and AMQP: host-drained in, VMs recreated in the
 * emulator, host-redeployed (or host-failed) out, read with the real Service Bus SDK.
 */
@QuarkusTest
@QuarkusTestResource(value = AzureEmulatorResource.class, restrictToAnnotatedClass = true)
class ProvisionerServiceEmulatorTest {

    private static final String SUB = AzureEmulatorResource.SUBSCRIPTION;
    private static final String POOL_RG = "rg-avd";
    private static final String VM_RG = "rg-avd-vms";
    private static final String POOL = "hp-prov";
    private static final String ROLLOUT = "r-2025-04";
    private static final String TARGET = "/subscriptions/" + SUB
            + "/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/gal/images/win11/versions/2.0.0";
    private static final String SEED = """
            {"subscriptions": ["%1$s"],
             "galleries": [{"subscription": "%1$s", "resourceGroup": "rg-img", "name": "gal", "location": "westeurope",
               "images": [{"name": "win11", "versions": [
                 {"name": "1.0.0", "publishedDate": "2025-01-01T00:00:00Z"},
                 {"name": "2.0.0", "publishedDate": "2025-04-01T00:00:00Z"}]}]}],
             "hostPools": [{"subscription": "%1$s", "resourceGroup": "%2$s", "vmResourceGroup": "%3$s", "name": "%4$s",
               "location": "westeurope", "image": "gal/win11/1.0.0", "registrationTokenHours": 2,
               "standardHosts": {"count": 2, "namePrefix": "std-",
                 "vmTags": {"costCenter": "4711", "ScalingPlanExclusion": "true", "avdroll-rollout": "%5$s",
                            "avdroll-attempt": "1", "avdroll-stage": "drained", "avdroll-admin-drained": "true"}},
               "drHosts": {"count": 1, "namePrefix": "dr-", "powerState": "hibernated",
                 "vmTags": {"avdroll-rollout": "%5$s", "avdroll-attempt": "1", "avdroll-stage": "drained"}}}]}
            """.formatted(SUB, POOL_RG, VM_RG, POOL, ROLLOUT);

    private static boolean seeded;

    @Inject
    EventBus bus;
    @Inject
    VirtualMachines vms;
    @Inject
    SessionHosts sessionHosts;
    @Inject
    AzureConnection connection;

    private final EventCodec codec = new EventCodec();

    @BeforeEach
    void seedOnce() {
        if (!seeded) {
            emulator().seed(Seed.parse(SEED));
            seeded = true;
        }
    }

    @Test
    void theServiceStartsAndReportsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aStandardAndAHibernatedDrHostAreRecreatedWithTheirClassesTagsAndAFreshRegistrationAnnouncedOnce() {
        VirtualMachineView oldStd = vms.get(new VmRef(VM_RG, "std-01"));
        VirtualMachineView oldDr = vms.get(new VmRef(VM_RG, "dr-01"));
        assertThat(oldDr.powerState()).isEqualTo(PowerState.HIBERNATED);
        NetworkInterfaceView oldStdNic = vms.getNetworkInterface(oldStd.primaryNetworkInterfaceId());
        long auditBefore = lastAuditSeq();

        HostDrained std = drained("std-01");
        HostDrained dr = drained("dr-01");
        bus.publish(std);
        bus.publish(dr);
        sendAsARedelivery(dr, "copy-1");

        List<HostRedeployed> announced = receiveRedeployed(2, Duration.ofSeconds(40));
        assertThat(announced).extracting(HostRedeployed::host).containsExactlyInAnyOrder("std-01", "dr-01");
        assertThat(announced).allSatisfy(e -> assertThat(e.vmResourceId()).endsWithIgnoringCase("/virtualMachines/" + e.host()));

        VirtualMachineView newStd = vms.get(new VmRef(VM_RG, "std-01"));
        assertThat(newStd.osDiskKind()).isEqualTo(OsDiskKind.EPHEMERAL);
        assertThat(newStd.ephemeralPlacement()).isEqualToIgnoringCase(oldStd.ephemeralPlacement());
        assertThat(newStd.size()).isEqualTo(oldStd.size());
        assertThat(newStd.imageReferenceId()).isEqualToIgnoringCase(TARGET);
        assertThat(newStd.tags())
                .containsEntry(HostTags.ROLLOUT, ROLLOUT).containsEntry(HostTags.ATTEMPT, "1")
                .containsEntry(HostTags.IMAGE, TARGET).containsEntry(HostTags.HOST_CLASS, "standard")
                .containsEntry(HostTags.STAGE, "redeployed").containsEntry(HostTags.ADMIN_DRAINED, "true")
                .containsEntry(HostTags.DEFAULT_SCALING_EXCLUSION, "true").containsEntry("costCenter", "4711");
        NetworkInterfaceView newStdNic = vms.getNetworkInterface(newStd.primaryNetworkInterfaceId());
        assertThat(newStdNic.name()).isEqualTo(oldStdNic.name());
        assertThat(newStdNic.subnetId()).isEqualToIgnoringCase(oldStdNic.subnetId());

        VirtualMachineView newDr = vms.get(new VmRef(VM_RG, "dr-01"));
        assertThat(newDr.osDiskKind()).isEqualTo(OsDiskKind.MANAGED);
        assertThat(newDr.hibernationEnabled()).isTrue();
        assertThat(newDr.tags()).containsEntry(HostTags.HOST_CLASS, "dr").containsEntry(HostTags.POWER_BEFORE, "hibernated")
                .containsEntry(HostTags.STAGE, "redeployed");
        if (!newDr.osDiskId().equalsIgnoreCase(oldDr.osDiskId())) {
            Object oldDisk = emulator().inspect(state -> state.resource(oldDr.osDiskId()));
            assertThat(oldDisk).as("old DR OS disk").isNull();
        }

        assertThat(resources("Microsoft.Network/networkInterfaces")).as("one NIC per existing VM, none orphaned")
                .contains("std-01-nic", "dr-01-nic")
                .allSatisfy(nic -> assertThat(vms.find(new VmRef(VM_RG, nic.replace("-nic", "")))).isPresent());
        assertThat(resources("Microsoft.Compute/disks")).as("only the new DR host's managed disk")
                .containsExactly(name(newDr.osDiskId()));

        for (String vm : List.of("std-01", "dr-01")) {
            VirtualMachineExtensionInner agent = connection.resourceManager().virtualMachines().manager().serviceClient()
                    .getVirtualMachineExtensions().get(VM_RG, vm, AvdAgent.EXTENSION_NAME);
            assertThat(agent.protectedSettings()).as("protected settings are never returned").isNull();
            assertThat(String.valueOf(agent.settings())).contains("PrivateSettingsRef:RegistrationInfoToken")
                    .doesNotContain("eyJ");
            SessionHostView host = awaitRegistered(vm);
            assertThat(host.resourceId()).endsWithIgnoringCase("/virtualMachines/" + vm);
        }
        assertThat(emulator().audit().since(auditBefore, "RegistrationRejected"))
                .as("the agents' tokens, read only from protected settings, were accepted").isEmpty();

        sendAsARedelivery(std, "late-copy");
        sendAsARedelivery(std.nextCheck(std.blueprint(), Instant.now()), "late-copy");
        assertThat(receiveRedeployed(1, Duration.ofSeconds(5))).as("no second host-redeployed").isEmpty();
        assertThat(emulator().audit().since(auditBefore, "VmCreateStarted")).as("each VM created once")
                .extracting(AuditLog.Entry::resource).map(ProvisionerServiceEmulatorTest::name)
                .containsExactlyInAnyOrder("std-01", "dr-01");
    }

    @Test
    void aVmAzureCannotAllocateIsCleanedUpRetriedAndReportedFailedWithoutOrphans() {
        FaultRule noCapacity = new FaultRule();
        noCapacity.kind = "vmCreateFailure";
        noCapacity.vmNamePattern = "std-02";
        noCapacity.code = "AllocationFailed";
        emulator().faults().add(noCapacity);
        try {
            bus.publish(drained("std-02"));

            HostFailed failed = receiveFailed("std-02", Duration.ofSeconds(40));

            assertThat(failed.stage()).isEqualTo(FailedStage.REDEPLOY);
            assertThat(failed.errorCode()).isEqualTo("AllocationFailed");
            assertThat(failed.errorMessage()).contains("capacity");
            assertThat(failed.reason()).contains("2 attempts");
            assertThat(noCapacity.fired).as("max-create-attempts=2 in the test profile").isEqualTo(2);
            assertThat(vms.find(new VmRef(VM_RG, "std-02"))).isEmpty();
            assertThat(resources("Microsoft.Network/networkInterfaces")).doesNotContain("std-02-nic");
            assertThat(resources("Microsoft.Compute/disks")).noneMatch(d -> d.startsWith("std-02"));
            assertThat(sessionHosts.find(new HostPoolRef(POOL_RG, POOL), "std-02")).isEmpty();
        } finally {
            emulator().faults().remove(noCapacity.id);
        }
    }

    private static HostDrained drained(String host) {
        Instant now = Instant.now();
        return new HostDrained(ROLLOUT, SUB, POOL_RG, POOL, host, 1, TARGET, 0, now, now);
    }

    /** The same event under another MessageId, as a redelivery after the duplicate detection window would be. */
    private void sendAsARedelivery(HostDrained event, String suffix) {
        try (ServiceBusSenderClient sender = new ServiceBusClientBuilder()
                .connectionString(emulator().serviceBusConnectionString()).sender().topicName("host-drained").buildClient()) {
            ServiceBusMessage message = new ServiceBusMessage(codec.encode(event));
            message.setMessageId(event.messageId() + "/" + suffix);
            message.setContentType("application/json");
            message.setSubject("host-drained");
            sender.sendMessage(message);
        }
    }

    private List<HostRedeployed> receiveRedeployed(int expected, Duration within) {
        List<HostRedeployed> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(within);
        try (ServiceBusReceiverClient receiver = new ServiceBusClientBuilder()
                .connectionString(emulator().serviceBusConnectionString()).receiver()
                .topicName("host-redeployed").subscriptionName("verifier-service").buildClient()) {
            while (Instant.now().isBefore(deadline) && received.size() < expected) {
                for (ServiceBusReceivedMessage message : receiver.receiveMessages(10, Duration.ofSeconds(1))) {
                    received.add(codec.decode(message.getBody().toBytes(), HostRedeployed.class));
                    receiver.complete(message);
                }
            }
        }
        return received;
    }

    private HostFailed receiveFailed(String host, Duration within) {
        HostDrained any = drained(host);
        Instant deadline = Instant.now().plus(within);
        try (ServiceBusSessionReceiverClient sessions = new ServiceBusClientBuilder()
                .connectionString(emulator().serviceBusConnectionString()).sessionReceiver().queueName("coordinator")
                .buildClient()) {
            ServiceBusReceiverClient receiver = sessions.acceptSession(any.sessionId());
            try {
                while (Instant.now().isBefore(deadline)) {
                    for (ServiceBusReceivedMessage message : receiver.receiveMessages(10, Duration.ofSeconds(1))) {
                        receiver.complete(message);
                        if (codec.decode(message.getBody().toBytes()) instanceof HostFailed failed && failed.host().equals(host)) {
                            return failed;
                        }
                    }
                }
            } finally {
                receiver.close();
            }
        }
        throw new AssertionError("no host-failed for " + host + " within " + within);
    }

    private SessionHostView awaitRegistered(String vm) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Optional<SessionHostView> host = sessionHosts.find(new HostPoolRef(POOL_RG, POOL), vm);
            if (host.isPresent()) {
                return host.get();
            }
            sleep();
        }
        throw new AssertionError(vm + " did not register to " + POOL);
    }

    private static List<String> resources(String type) {
        return emulator().inspect(state -> state.list("/subscriptions/" + SUB + "/resourceGroups/" + VM_RG + "/", type))
                .stream().map(r -> r.name).toList();
    }

    private static long lastAuditSeq() {
        List<AuditLog.Entry> all = emulator().audit().all();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    private static String name(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static AzureEmulator emulator() {
        return AzureEmulatorResource.emulator();
    }

}
