package io.avdroll.verify;

import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.desktop.SessionHostView;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a registered host is healthy right now: its VM runs, the session host is {@code Available}, and none of the
 * agent's health checks ({@code sessionHostHealthCheckResults}) reports {@code HealthCheckFailed} or
 * {@code SessionHostShutdown}. A check whose result is {@code Unknown} ("not currently known") does not block: the
 * Available status already carries the agent's own verdict.
 */
final class HostHealth {

    private HostHealth() {
    }

    /** Empty when healthy; else why not, in words. */
    static Optional<String> problem(Optional<SessionHostView> sessionHost, VirtualMachineView vm, String hostPool) {
        if (sessionHost.isEmpty()) {
            return Optional.of("not registered in host pool " + hostPool + " yet");
        }
        if (vm.powerState() != PowerState.RUNNING) {
            return Optional.of("its VM is " + vm.powerState().name().toLowerCase(java.util.Locale.ROOT) + ", not running");
        }
        SessionHostView host = sessionHost.get();
        if (!host.available()) {
            return Optional.of("its status is " + host.status() + ", not Available");
        }
        List<SessionHostView.HealthCheck> failing = host.healthChecks().stream().filter(HostHealth::failing).toList();
        if (!failing.isEmpty()) {
            return Optional.of("health checks failing: " + failing.stream()
                    .map(c -> c.name() + " " + c.result() + (c.message() == null || c.message().isBlank() ? "" : " (" + c.message() + ")"))
                    .collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }

    private static boolean failing(SessionHostView.HealthCheck check) {
        return "HealthCheckFailed".equalsIgnoreCase(check.result()) || "SessionHostShutdown".equalsIgnoreCase(check.result());
    }
}
