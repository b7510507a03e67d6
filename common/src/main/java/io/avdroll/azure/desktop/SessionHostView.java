package io.avdroll.azure.desktop;

import java.time.Instant;
import java.util.List;

/**
 * A session host as registered in a host pool.
 *
 * @param name the session host name as used in the URL (for domain-joined hosts the FQDN), without the pool prefix
 * @param vmName the VM it runs on (from {@code resourceId})
 * @param status e.g. {@code Available}, {@code Unavailable}, {@code Shutdown}, {@code NeedsAssistance}
 */
public record SessionHostView(String hostPool, String name, String vmName, String resourceId, String virtualMachineId,
                              String status, boolean allowNewSession, int sessions, Instant lastHeartBeat,
                              Instant statusTimestamp, String agentVersion, String osVersion, String updateState,
                              String assignedUser, String friendlyName, List<HealthCheck> healthChecks) {

    public SessionHostView {
        healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
    }

    public boolean available() {
        return "Available".equalsIgnoreCase(status);
    }

    /** One of the agent's health checks, e.g. {@code DomainJoinedCheck} → {@code HealthCheckSucceeded}. */
    public record HealthCheck(String name, String result, String message, Integer errorCode, Instant lastCheckedAt) {

        public boolean succeeded() {
            return "HealthCheckSucceeded".equalsIgnoreCase(result);
        }
    }
}
