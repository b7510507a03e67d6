package io.avdroll.verify;

import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHostView.HealthCheck;
import io.avdroll.events.HostRedeployed;
import io.avdroll.markers.HostTags;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders of what the verifier observes, for decider tests. */
final class Hosts {

    static final String SUB = "2b7a3c1e-5f0d-4c8e-9a61-3d2f4e5a6b7c";
    static final String IMAGE_DEFINITION = "/subscriptions/" + SUB
            + "/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/gal/images/win11";
    static final String TARGET = IMAGE_DEFINITION + "/versions/2.0.0";
    static final String OLD = IMAGE_DEFINITION + "/versions/1.0.0";
    static final Instant REDEPLOYED = Instant.parse("2025-03-01T02:00:00Z");
    static final VmRef VM = new VmRef("rg-avd", "avd-07");
    static final String VM_ID = "/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/Microsoft.Compute/virtualMachines/avd-07";
    static final VerifyPolicy POLICY = new VerifyPolicy(Duration.ofMinutes(45), Duration.ofMinutes(10), Duration.ofMinutes(1),
            HostTags.DEFAULT_SCALING_EXCLUSION, Duration.ofSeconds(15));

    private Hosts() {
    }

    static HostRedeployed redeployed() {
        return new HostRedeployed("r-1", SUB, "rg-avd", "hp", "avd-07", 1, TARGET, 0, REDEPLOYED, REDEPLOYED);
    }

    /** The VM as the provisioner leaves it: running the target, drained markers of this rollout. */
    static Vm vm() {
        return new Vm();
    }

    static SessionHost sessionHost() {
        return new SessionHost();
    }

    static HostObservation seen(SessionHost host, Vm vm) {
        return new HostObservation(Optional.ofNullable(host).map(SessionHost::view), new VmLocation(VM, true),
                Optional.ofNullable(vm).map(Vm::view));
    }

    static final class Vm {
        private final Map<String, String> tags = new HashMap<>(Map.of(HostTags.ROLLOUT, "r-1", HostTags.ATTEMPT, "1",
                HostTags.STAGE, "redeployed", HostTags.IMAGE, TARGET, HostTags.DEFAULT_SCALING_EXCLUSION, "true"));
        private PowerState power = PowerState.RUNNING;
        private String image = TARGET;
        private boolean hibernation;

        Vm tag(String name, String value) {
            tags.put(name, value);
            return this;
        }

        Vm untag(String name) {
            tags.remove(name);
            return this;
        }

        Vm power(PowerState state) {
            power = state;
            return this;
        }

        Vm image(String id) {
            image = id;
            return this;
        }

        Vm dr(String powerBefore, boolean hibernationEnabled) {
            hibernation = hibernationEnabled;
            return tag(HostTags.POWER_BEFORE, powerBefore);
        }

        VirtualMachineView view() {
            return new VirtualMachineView(VM_ID, VM, "westeurope", "Standard_D4s_v5", tags, power,
                    hibernation ? OsDiskKind.MANAGED : OsDiskKind.EPHEMERAL, hibernation ? null : "ResourceDisk", null, image,
                    List.of(VM_ID.replace("virtualMachines", "networkInterfaces") + "-nic"), hibernation, "Succeeded", "avd-07");
        }
    }

    static final class SessionHost {
        private String status = "Available";
        private boolean allowNewSession;
        private List<HealthCheck> checks = List.of(check("DomainJoinedCheck", "HealthCheckSucceeded"),
                check("SxSStackListenerCheck", "HealthCheckSucceeded"));

        SessionHost status(String value) {
            status = value;
            return this;
        }

        SessionHost allowingNewSessions() {
            allowNewSession = true;
            return this;
        }

        SessionHost checks(HealthCheck... results) {
            checks = List.of(results);
            return this;
        }

        SessionHostView view() {
            return new SessionHostView("hp", "avd-07", "avd-07", VM_ID, "3f1c2a77-0000-4000-8000-000000000007", status,
                    allowNewSession, 0, REDEPLOYED, REDEPLOYED, "1.0.10583.1500", "10.0.22631.4317", "Succeeded", null, null, checks);
        }
    }

    static HealthCheck check(String name, String result) {
        return new HealthCheck(name, result, result.equals("HealthCheckSucceeded") ? "" : name + " failed", 0, REDEPLOYED);
    }
}
