package io.avdroll.emulator.avd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.sim.SimScheduler;
import java.time.Instant;
import java.util.UUID;

/** A user's session on a session host. */
public final class UserSession {
    public final String id;
    public final String userPrincipalName;
    public final String activeDirectoryUserName;
    public final Instant createTime;
    public final String objectId = UUID.randomUUID().toString();
    public String sessionState = "Active";
    /** The timer that logs the user off on their own; null if they never will. */
    public SimScheduler.Cancellable logoffTimer;

    public UserSession(String id, String userPrincipalName, String activeDirectoryUserName, Instant createTime) {
        this.id = id;
        this.userPrincipalName = userPrincipalName;
        this.activeDirectoryUserName = activeDirectoryUserName;
        this.createTime = createTime;
    }

    public ObjectNode render(HostPool pool, SessionHost host) {
        ObjectNode out = Json.object();
        out.put("name", pool.name + "/" + host.name + "/" + id);
        out.put("id", host.id(pool) + "/userSessions/" + id);
        out.put("type", "Microsoft.DesktopVirtualization/hostPools/sessionHosts/userSessions");
        ObjectNode sys = out.putObject("systemData");
        sys.putNull("createdBy");
        sys.putNull("createdByType");
        sys.put("createdAt", createTime.toString());
        sys.putNull("lastModifiedBy");
        sys.putNull("lastModifiedByType");
        sys.putNull("lastModifiedAt");
        ObjectNode p = out.putObject("properties");
        p.put("objectId", objectId);
        p.put("userPrincipalName", userPrincipalName);
        p.put("applicationType", "Desktop");
        p.put("sessionState", sessionState);
        p.put("activeDirectoryUserName", activeDirectoryUserName);
        p.put("createTime", createTime.toString());
        return out;
    }
}
