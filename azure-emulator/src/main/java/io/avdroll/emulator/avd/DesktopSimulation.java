package io.avdroll.emulator.avd;

import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.emulator.arm.ArmException;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.compute.PowerState;
import io.avdroll.emulator.compute.VirtualMachine;
import io.avdroll.emulator.compute.VmExtension;
import io.avdroll.emulator.compute.VmLifecycleListener;
import io.avdroll.emulator.gallery.GalleryCatalog;
import io.avdroll.emulator.state.EmulatorState;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure Virtual Desktop side of the world: agents that register their VM to a host pool, hosts that turn
 * Available, and users who log on to hosts that accept sessions and log off after seeded random durations.
 * Runs under the state lock.
 */
public final class DesktopSimulation implements VmLifecycleListener {
    private static final String SIM = "simulation";

    private final EmulatorState state;
    private final HostPools pools;

    public DesktopSimulation(EmulatorState state, HostPools pools) {
        this.state = state;
        this.pools = pools;
    }

    /**
     * The AVD agent is recognised by the registration token it carries: any key named
     * {@code registrationInfoToken} / {@code RegistrationInfoToken} in the protected or public settings
     * (the DSC "AddSessionHost" configuration passes it as {@code properties.registrationInfoToken}
     * or as protected {@code Items.RegistrationInfoToken}).
     */
    @Override
    public Optional<ArmException> extensionProvisioned(VirtualMachine vm, VmExtension extension) {
        String token = findToken(extension.protectedSettings);
        if (token == null) {
            token = findToken(extension.properties.get("settings"));
        }
        if (token == null) {
            return Optional.empty();
        }
        Optional<HostPool> pool = pools.poolForToken(token);
        if (pool.isEmpty()) {
            state.audit("RegistrationRejected", SIM, vm.id, "reason", "registration token invalid or expired");
            return Optional.of(new ArmException(400, "VMExtensionProvisioningError", "VM has reported a failure when processing extension '"
                    + extension.name + "'. Error message: The registration token is invalid or has expired; the session host could not be registered."));
        }
        HostPool target = pool.get();
        if (state.faults.vmFlag("hostNeverRegisters", vm.name)) {
            state.audit("RegistrationSuppressed", "fault", vm.id, "hostPool", target.id);
            return Optional.empty();
        }
        state.later(state.options.timings().registration, () -> register(target, vm));
        return Optional.empty();
    }

    private void register(HostPool pool, VirtualMachine vm) {
        if (!vm.provisioningState.equals("Succeeded") || pools.find(pool.id) != pool) {
            return;
        }
        String hostName = pool.domain == null ? vm.computerName() : vm.computerName() + "." + pool.domain;
        SessionHost host = pool.host(hostName);
        boolean reRegistered = host != null;
        if (host == null) {
            host = new SessionHost(hostName, state.now());
            pool.hosts.put(hostName.toLowerCase(), host);
        }
        host.resourceId = vm.id;
        host.virtualMachineId = vm.vmId;
        host.imageId = imageOf(vm);
        host.vmGone = false;
        host.status = "Unavailable";
        host.statusTimestamp = state.now();
        host.lastModifiedAt = state.now();
        host.stuckUnavailable = state.faults.vmFlag("hostNeverAvailable", vm.name);
        state.audit("SessionHostRegistered", SIM, host.id(pool), "vm", vm.id, "image", host.imageId == null ? "" : host.imageId,
                "reRegistered", reRegistered);
        scheduleAvailable(pool, host, vm);
    }

    private String imageOf(VirtualMachine vm) {
        String image = vm.imageReferenceId();
        if (image != null && GalleryCatalog.isGalleryImageId(image) && !image.toLowerCase().contains("/versions/")) {
            String exact = Json.text(vm.properties, "storageProfile.imageReference.exactVersion");
            return exact == null ? image : image + "/versions/" + exact;
        }
        return image;
    }

    private void scheduleAvailable(HostPool pool, SessionHost host, VirtualMachine vm) {
        state.later(state.options.timings().becomeAvailable, () -> {
            if (host.stuckUnavailable || host.vmGone || !vm.id.equalsIgnoreCase(host.resourceId) || vm.power != PowerState.RUNNING
                    || pool.host(host.name) != host) {
                return;
            }
            pools.setStatus(pool, host, "Available", SIM);
            arrivalsFor(pool);
        });
    }

    @Override
    public void powerChanged(VirtualMachine vm, String actor) {
        pools.hostForVm(vm.id).ifPresent(entry -> {
            HostPool pool = entry.getKey();
            SessionHost host = entry.getValue();
            if (vm.power == PowerState.RUNNING) {
                pools.setStatus(pool, host, "Unavailable", SIM);
                scheduleAvailable(pool, host, vm);
            } else {
                endAllSessions(pool, host, "vm " + vm.power.code);
                pools.setStatus(pool, host, "Shutdown", SIM);
            }
        });
    }

    @Override
    public void vmDeleted(VirtualMachine vm, String actor) {
        pools.hostForVm(vm.id).ifPresent(entry -> {
            SessionHost host = entry.getValue();
            endAllSessions(entry.getKey(), host, "vm deleted");
            host.vmGone = true;
            pools.setStatus(entry.getKey(), host, "Unavailable", SIM);
        });
    }

    /** Sessions that vanish with their VM (power off, delete): recorded as forced log-offs by the simulation. */
    public void endAllSessions(HostPool pool, SessionHost host, String reason) {
        for (UserSession s : List.copyOf(host.sessions.values())) {
            logOff(pool, host, s, true, SIM, reason);
        }
    }

    /** Removes a session; {@code forced} distinguishes an admin or system log-off from the user leaving. */
    public void logOff(HostPool pool, SessionHost host, UserSession session, boolean forced, String actor, String reason) {
        if (host.sessions.remove(session.id) == null) {
            return;
        }
        if (session.logoffTimer != null) {
            session.logoffTimer.cancel();
        }
        state.counters.event(forced ? "userSessionsForcedOff" : "userSessionsLoggedOff");
        state.audit("UserSessionLoggedOff", actor, host.id(pool) + "/userSessions/" + session.id,
                "user", session.userPrincipalName, "forced", forced, "reason", reason);
        arrivalsFor(pool);
    }

    /** Logs one new user on to the pool's best host; false if no host accepts sessions. */
    public boolean logOnOne(HostPool pool) {
        Optional<SessionHost> target = pickHost(pool);
        if (target.isEmpty()) {
            state.counters.event("logonsRejected");
            return false;
        }
        logOnTo(pool, target.get());
        return true;
    }

    /** A new user session on {@code host}, ending by itself after a seeded random duration unless users never log off. */
    public UserSession logOnTo(HostPool pool, SessionHost host) {
        int n = pool.nextUserNumber++;
        String domain = pool.domain == null ? "contoso.com" : pool.domain;
        UserSession session = new UserSession(String.valueOf(host.nextSessionId++), "user" + n + "@" + domain,
                domain.split("\\.")[0].toUpperCase() + "\\user" + n, state.now());
        host.sessions.put(session.id, session);
        state.counters.event("userSessionsLoggedOn");
        state.audit("UserSessionLoggedOn", SIM, host.id(pool) + "/userSessions/" + session.id, "user", session.userPrincipalName);
        if (!pool.users.neverLogOff && !state.faults.usersNeverLogOff(pool.name)) {
            double minutes = pool.users.sessionMinutesMin
                    + state.random.nextDouble() * (pool.users.sessionMinutesMax - pool.users.sessionMinutesMin);
            session.logoffTimer = state.later(Duration.ofMillis((long) (minutes * 60_000)), () -> {
                if (!state.faults.usersNeverLogOff(pool.name)) {
                    logOff(pool, host, session, false, "user", "session ended");
                }
            });
        }
        return session;
    }

    /** A seeded host: registered at once, Available if its VM runs, Shutdown otherwise. */
    public SessionHost registerSeeded(HostPool pool, VirtualMachine vm, String imageId) {
        String hostName = pool.domain == null ? vm.computerName() : vm.computerName() + "." + pool.domain;
        SessionHost host = new SessionHost(hostName, state.now());
        host.resourceId = vm.id;
        host.virtualMachineId = vm.vmId;
        host.imageId = imageId;
        host.status = vm.power == PowerState.RUNNING ? "Available" : "Shutdown";
        host.lastHeartBeat = state.now();
        pool.hosts.put(hostName.toLowerCase(), host);
        state.audit("SessionHostRegistered", "admin", host.id(pool), "vm", vm.id, "image", imageId, "status", host.status, "reRegistered", false);
        return host;
    }

    private Optional<SessionHost> pickHost(HostPool pool) {
        int limit = pool.maxSessionLimit();
        Comparator<SessionHost> bySessions = Comparator.comparingInt(h -> h.sessions.size());
        if (pool.depthFirst()) {
            bySessions = bySessions.reversed();
        }
        return pool.hosts.values().stream().filter(h -> h.acceptsSessions(limit))
                .min(bySessions.thenComparing(h -> h.name));
    }

    /** Keeps one pending arrival per pool while its population is below target. */
    private final Map<String, Boolean> arrivalPending = new java.util.HashMap<>();

    public void arrivalsFor(HostPool pool) {
        UserBehaviour users = pool.users;
        if (users.logonIntervalSeconds <= 0 || pool.sessionCount() >= users.targetSessions
                || Boolean.TRUE.equals(arrivalPending.get(pool.id))) {
            return;
        }
        arrivalPending.put(pool.id, true);
        double gap = -Math.log(1 - state.random.nextDouble()) * users.logonIntervalSeconds;
        state.later(Duration.ofMillis((long) (gap * 1000)), () -> {
            arrivalPending.put(pool.id, false);
            if (pools.find(pool.id) != pool) {
                return;
            }
            if (pool.sessionCount() < users.targetSessions && logOnOne(pool)) {
                arrivalsFor(pool);
            }
        });
    }

    private static String findToken(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                if (e.getKey().equalsIgnoreCase("registrationInfoToken") && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    return e.getValue().asText();
                }
                String nested = findToken(e.getValue());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
