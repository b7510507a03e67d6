package io.avdroll.emulator.avd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.ResourceIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A host pool: its ARM properties, registration token and session hosts. */
public final class HostPool {
    public final String id;
    public final String name;
    public final String objectId = UUID.randomUUID().toString();
    public final Instant createdAt;
    public Instant lastModifiedAt;
    public String location;
    public ObjectNode tags = Json.object();
    /** Writable properties as last set (friendlyName, maxSessionLimit, loadBalancerType, agentUpdate, ...). */
    public ObjectNode properties = Json.object();
    public String registrationToken;
    public Instant registrationExpiry;
    /** DNS suffix for session host names (domain-joined hosts are named by FQDN); null for bare names. */
    public String domain;
    public UserBehaviour users = new UserBehaviour();
    public int nextUserNumber = 1;
    /** Keyed by lower-case host name. */
    public final Map<String, SessionHost> hosts = new LinkedHashMap<>();

    public HostPool(String id, Instant createdAt) {
        this.id = id;
        this.name = ResourceIds.name(id);
        this.createdAt = createdAt;
        this.lastModifiedAt = createdAt;
    }

    public int maxSessionLimit() {
        return properties.path("maxSessionLimit").asInt(999999);
    }

    public boolean depthFirst() {
        return "DepthFirst".equalsIgnoreCase(properties.path("loadBalancerType").asText());
    }

    public int sessionCount() {
        return hosts.values().stream().mapToInt(h -> h.sessions.size()).sum();
    }

    public SessionHost host(String name) {
        return hosts.get(name.toLowerCase());
    }

    public ObjectNode registrationInfo(Instant now) {
        ObjectNode info = Json.object();
        boolean valid = registrationToken != null && registrationExpiry.isAfter(now);
        if (valid) {
            info.put("expirationTime", registrationExpiry.toString());
            info.put("token", registrationToken);
            info.put("registrationTokenOperation", "Update");
        } else {
            info.putNull("expirationTime");
            info.putNull("token");
            info.put("registrationTokenOperation", "None");
        }
        return info;
    }

    public ObjectNode render(Instant now) {
        ObjectNode out = Json.object();
        out.put("name", name);
        out.put("id", id);
        out.put("type", "Microsoft.DesktopVirtualization/hostPools");
        out.put("location", location);
        out.set("tags", tags.deepCopy());
        ObjectNode sys = out.putObject("systemData");
        sys.put("createdBy", "admin@contoso.com");
        sys.put("createdByType", "User");
        sys.put("createdAt", createdAt.toString());
        sys.put("lastModifiedBy", "admin@contoso.com");
        sys.put("lastModifiedByType", "User");
        sys.put("lastModifiedAt", lastModifiedAt.toString());
        ObjectNode p = out.putObject("properties");
        p.put("objectId", objectId);
        p.put("friendlyName", properties.path("friendlyName").asText(name));
        p.put("description", properties.path("description").asText(""));
        p.put("hostPoolType", properties.path("hostPoolType").asText("Pooled"));
        p.put("personalDesktopAssignmentType", properties.path("personalDesktopAssignmentType").asText("Automatic"));
        p.set("customRdpProperty", properties.has("customRdpProperty") ? properties.get("customRdpProperty") : Json.MAPPER.nullNode());
        p.put("maxSessionLimit", maxSessionLimit());
        p.put("loadBalancerType", properties.path("loadBalancerType").asText("BreadthFirst"));
        p.set("validationEnvironment", properties.has("validationEnvironment") ? properties.get("validationEnvironment") : Json.MAPPER.nullNode());
        p.set("ring", properties.has("ring") ? properties.get("ring") : Json.MAPPER.nullNode());
        p.set("registrationInfo", registrationInfo(now));
        p.set("vmTemplate", properties.has("vmTemplate") ? properties.get("vmTemplate") : Json.MAPPER.nullNode());
        for (String f : new String[] {"ssoadfsAuthority", "ssoClientId", "ssoClientSecretKeyVaultPath", "ssoSecretType"}) {
            p.set(f, properties.has(f) ? properties.get(f) : Json.MAPPER.nullNode());
        }
        p.put("preferredAppGroupType", properties.path("preferredAppGroupType").asText("Desktop"));
        p.put("startVMOnConnect", properties.path("startVMOnConnect").asBoolean(false));
        p.put("cloudPcResource", false);
        p.put("publicNetworkAccess", properties.path("publicNetworkAccess").asText("Enabled"));
        if (properties.has("agentUpdate")) {
            p.set("agentUpdate", properties.get("agentUpdate").deepCopy());
        } else {
            ObjectNode agent = p.putObject("agentUpdate");
            agent.put("type", "Default");
            agent.put("useSessionHostLocalTime", false);
            agent.putArray("maintenanceWindows");
        }
        p.putArray("applicationGroupReferences");
        return out;
    }
}
