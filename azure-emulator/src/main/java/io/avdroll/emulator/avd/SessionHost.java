package io.avdroll.emulator.avd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A registered session host and its user sessions. {@code name} is the host's name (FQDN when domain-joined). */
public final class SessionHost {
    private static final String[] HEALTH_CHECKS = {"DomainJoinedCheck", "DomainTrustCheck", "FSLogixHealthCheck",
            "SxSStackListenerCheck", "UrlsAccessibleCheck", "MonitoringAgentCheck", "DomainReachable", "MetaDataServiceCheck"};

    public final String name;
    public final String objectId = UUID.randomUUID().toString();
    public final Instant createdAt;
    public String resourceId;
    public String virtualMachineId;
    /** The image the VM was built from (kept for the admin snapshot; the VM's imageReference carries it on the wire). */
    public String imageId;
    public String status = "Unavailable";
    public Instant statusTimestamp;
    public Instant lastHeartBeat;
    public Instant lastModifiedAt;
    public boolean allowNewSession = true;
    public String assignedUser;
    public String friendlyName;
    public String agentVersion = "1.0.10583.1500";
    public String osVersion = "10.0.22631.4317";
    public String sxsStackVersion = "rdp-sxs240917007";
    /** True while a fault keeps the host from turning Available. */
    public boolean stuckUnavailable;
    public boolean vmGone;
    public final Map<String, UserSession> sessions = new LinkedHashMap<>();
    public int nextSessionId = 1;

    public SessionHost(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
        this.statusTimestamp = createdAt;
        this.lastModifiedAt = createdAt;
    }

    public String id(HostPool pool) {
        return pool.id + "/sessionHosts/" + name;
    }

    public boolean acceptsSessions(int maxSessionLimit) {
        return status.equals("Available") && allowNewSession && sessions.size() < maxSessionLimit;
    }

    public ObjectNode render(HostPool pool, Instant now) {
        ObjectNode out = Json.object();
        out.put("name", pool.name + "/" + name);
        out.put("id", id(pool));
        out.put("type", "Microsoft.DesktopVirtualization/hostPools/sessionHosts");
        ObjectNode sys = out.putObject("systemData");
        sys.put("createdBy", "avd-agent");
        sys.put("createdByType", "Application");
        sys.put("createdAt", createdAt.toString());
        sys.put("lastModifiedBy", "avd-agent");
        sys.put("lastModifiedByType", "Application");
        sys.put("lastModifiedAt", lastModifiedAt.toString());
        ObjectNode p = out.putObject("properties");
        p.put("objectId", objectId);
        boolean heartbeating = !vmGone && !status.equals("Shutdown");
        p.put("lastHeartBeat", (heartbeating ? now : lastHeartBeat == null ? createdAt : lastHeartBeat).toString());
        p.put("sessions", sessions.size());
        p.put("agentVersion", agentVersion);
        p.put("allowNewSession", allowNewSession);
        if (assignedUser == null) {
            p.putNull("assignedUser");
        } else {
            p.put("assignedUser", assignedUser);
        }
        p.put("status", status);
        p.put("statusTimestamp", statusTimestamp.toString());
        p.put("osVersion", osVersion);
        p.put("sxSStackVersion", sxsStackVersion);
        p.put("updateState", "Succeeded");
        p.put("lastUpdateTime", createdAt.toString());
        p.put("updateErrorMessage", "");
        p.put("virtualMachineId", virtualMachineId);
        if (friendlyName == null) {
            p.putNull("friendlyName");
        } else {
            p.put("friendlyName", friendlyName);
        }
        p.put("resourceId", resourceId);
        ArrayNode checks = p.putArray("sessionHostHealthCheckResults");
        for (String check : HEALTH_CHECKS) {
            boolean ok = status.equals("Available") || (!check.equals("SxSStackListenerCheck") && !status.equals("Shutdown") && !vmGone);
            ObjectNode r = checks.addObject();
            r.put("healthCheckName", check);
            r.put("healthCheckResult", status.equals("Shutdown") ? "SessionHostShutdown" : ok ? "HealthCheckSucceeded" : "HealthCheckFailed");
            ObjectNode d = r.putObject("additionalFailureDetails");
            d.put("message", ok ? "SessionHost healthy: " + check + " passed" : check + " failed");
            d.put("errorCode", ok ? 0 : -2147467259);
            d.put("lastHealthCheckDateTime", statusTimestamp.toString());
        }
        return out;
    }
}
