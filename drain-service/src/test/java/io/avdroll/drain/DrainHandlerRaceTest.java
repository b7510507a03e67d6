package io.avdroll.drain;

import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.SessionHostVmSpec;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.desktop.UserSessionView;
import io.avdroll.azure.desktop.UserSessions;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.bus.Delivery;
import io.avdroll.bus.EventPublisher;
import io.avdroll.bus.ScheduledEvent;
import io.avdroll.bus.TraceContext;
import io.avdroll.events.DrainRequested;
import io.avdroll.events.Event;
import io.avdroll.events.HostFailed;
import io.avdroll.markers.HostTags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler between its reads and its steps: Azure can change under it (the provisioner takes a drained host over
 * while a late check is being handled). Driven through fakes of the project's own ports; the Azure side of these
 * ports is tested against the emulator elsewhere.
 */
class DrainHandlerRaceTest {

    private static final String SUBSCRIPTION = "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c";
    private static final String IMAGE = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/g/images/win11/versions/2.0.0";
    private static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");
    private static final String VM_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-avd/providers/Microsoft.Compute/virtualMachines/avd-07";

    private final List<Event> published = new ArrayList<>();
    private boolean registered = true;

    @Test
    void aLateCheckWhoseHostIsRemovedByTheProvisionerMidStepLooksAgainAndDoesNotFailTheHost() {
        // the registration answers the first read, then is gone when the handler lists the host's sessions
        UserSessions sessionsVanishing = new FakeUserSessions() {
            @Override
            public List<UserSessionView> list(HostPoolRef pool, String sessionHost) {
                registered = false;
                throw new AzureFailure(AzureFailureKind.NOT_FOUND, "list user sessions", 404, "NotFound",
                        "session host avd-07 not found", null);
            }
        };
        DrainHandler handler = handler(sessionsVanishing, vmMarked("drained"));

        handler.handle(delivery(check(3)));

        assertThat(published).as("a host handed on to the provisioner is not failed by a late drain check")
                .noneMatch(HostFailed.class::isInstance);
    }

    @Test
    void aHostStillRegisteredWhoseVmIsNotOursAfterTheSecondLookIsFailedWithTheReason() {
        UserSessions alwaysNotFound = new FakeUserSessions() {
            @Override
            public List<UserSessionView> list(HostPoolRef pool, String sessionHost) {
                throw new AzureFailure(AzureFailureKind.NOT_FOUND, "list user sessions", 404, "NotFound",
                        "session host avd-07 not found", null);
            }
        };
        DrainHandler handler = handler(alwaysNotFound, vmMarked("draining"));

        handler.handle(delivery(check(3)));

        assertThat(published).singleElement().isInstanceOfSatisfying(HostFailed.class,
                failed -> assertThat(failed.reason()).contains("vanished while being drained"));
    }

    private DrainHandler handler(UserSessions userSessions, VirtualMachineView vm) {
        SessionHosts sessionHosts = new FakeSessionHosts() {
            @Override
            public Optional<SessionHostView> find(HostPoolRef pool, String sessionHost) {
                return registered ? Optional.of(new SessionHostView("hp-prod", "avd-07", "avd-07", VM_ID, "vm-guid",
                        "Available", false, 0, T0, T0, null, null, null, null, null, List.of())) : Optional.empty();
            }
        };
        VirtualMachines vms = new FakeVirtualMachines() {
            @Override
            public Optional<VirtualMachineView> find(VmRef ref) {
                return Optional.of(vm);
            }
        };
        EventPublisher publisher = new EventPublisher() {
            @Override
            public void publish(Event event, TraceContext trace) {
                published.add(event);
            }

            @Override
            public ScheduledEvent publishAt(Event event, Instant visibleAt, TraceContext trace) {
                published.add(event);
                return new ScheduledEvent(event.type(), "scheduled", 1);
            }

            @Override
            public void cancelScheduled(ScheduledEvent scheduled) {
            }
        };
        return new DrainHandler(sessionHosts, userSessions, vms, publisher,
                DrainSettings.from(key -> Optional.empty()), new DrainCounters(new SimpleMeterRegistry()),
                Clock.fixed(T0.plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
    }

    private static VirtualMachineView vmMarked(String stage) {
        Map<String, String> tags = Map.of(HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "1", HostTags.STAGE, stage,
                HostTags.DRAIN_STARTED, T0.toString(), HostTags.DRAIN_NOTICES, "1",
                HostTags.DRAIN_FIRST_NOTICE, T0.toString());
        return new VirtualMachineView(VM_ID, new VmRef("rg-avd", "avd-07"), "westeurope", "Standard_D4s_v5", tags,
                PowerState.RUNNING, OsDiskKind.EPHEMERAL, "ResourceDisk", null, IMAGE, List.of(), false, "Succeeded",
                "avd-07");
    }

    private static DrainRequested check(int check) {
        return new DrainRequested("r-1", SUBSCRIPTION, "rg-avd", "hp-prod", "avd-07", 1, IMAGE, Duration.ofMinutes(30),
                check, T0, T0.plus(Duration.ofMinutes(30)));
    }

    private static Delivery delivery(DrainRequested event) {
        return new Delivery(event, "r-1/avd-07/drain/3", Optional.empty(), 1, 0, 1L, T0, "drain-requested/drain-service");
    }

    private abstract static class FakeSessionHosts implements SessionHosts {
        public List<SessionHostView> list(HostPoolRef pool) { throw new UnsupportedOperationException(); }
        public SessionHostView get(HostPoolRef pool, String sessionHost) { throw new UnsupportedOperationException(); }
        public SessionHostView setAllowNewSession(HostPoolRef pool, String sessionHost, boolean allow) { throw new UnsupportedOperationException(); }
        public void delete(HostPoolRef pool, String sessionHost, boolean force) { throw new UnsupportedOperationException(); }
    }

    private abstract static class FakeUserSessions implements UserSessions {
        public UserSessionView get(HostPoolRef pool, String sessionHost, String sessionId) { throw new UnsupportedOperationException(); }
        public List<UserSessionView> listByHostPool(HostPoolRef pool) { throw new UnsupportedOperationException(); }
        public void sendMessage(HostPoolRef pool, String sessionHost, String sessionId, String title, String body) { throw new UnsupportedOperationException(); }
        public void logOff(HostPoolRef pool, String sessionHost, String sessionId) { throw new UnsupportedOperationException(); }
        public void disconnect(HostPoolRef pool, String sessionHost, String sessionId) { throw new UnsupportedOperationException(); }
    }

    private abstract static class FakeVirtualMachines implements VirtualMachines {
        public VirtualMachineView get(VmRef vm) { throw new UnsupportedOperationException(); }
        public List<VirtualMachineView> listWithPowerState(String resourceGroup) { throw new UnsupportedOperationException(); }
        public NetworkInterfaceView getNetworkInterface(String networkInterfaceId) { throw new UnsupportedOperationException(); }
        public VirtualMachineView createSessionHost(SessionHostVmSpec spec) { throw new UnsupportedOperationException(); }
        public void beginCreateVm(SessionHostVmSpec spec) { throw new UnsupportedOperationException(); }
        public void beginDelete(VirtualMachineView vm) { throw new UnsupportedOperationException(); }
        public void beginAgentInstall(SessionHostVmSpec spec) { throw new UnsupportedOperationException(); }
        public void delete(VmRef vm) { throw new UnsupportedOperationException(); }
        public void delete(VirtualMachineView vm) { throw new UnsupportedOperationException(); }
        public void hibernate(VmRef vm) { throw new UnsupportedOperationException(); }
        public void deallocate(VmRef vm) { throw new UnsupportedOperationException(); }
        public void start(VmRef vm) { throw new UnsupportedOperationException(); }
        public Map<String, String> updateTags(VmRef vm, Map<String, String> put, Set<String> remove) { throw new UnsupportedOperationException(); }
        public Map<String, String> updateTags(VmRef vm, Map<String, String> current, Map<String, String> put, Set<String> remove) { throw new UnsupportedOperationException(); }
    }
}
