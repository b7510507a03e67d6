package io.avdroll.emulator.state;

import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.admin.Counters;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.fault.Faults;
import io.avdroll.emulator.fault.SubscriptionThrottle;
import io.avdroll.emulator.sim.SimScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the emulator knows, guarded by one lock (this object): request handlers and simulation
 * timers both run under {@code synchronized (state)}, so the model code needs no further locking.
 */
public final class EmulatorState {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorState.class);

    public final EmulatorOptions options;
    public final SimScheduler scheduler;
    public final AuditLog audit = new AuditLog();
    public final Counters counters = new Counters();
    /** Every registration token ever issued, so tests can search logs for them; never served over the wire. */
    public final java.util.List<String> issuedRegistrationTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Faults faults;
    public final SubscriptionThrottle throttle;
    public final Random random;
    public final Clock clock;
    private final Map<String, ArmResource> resources = new LinkedHashMap<>();
    private final Set<String> subscriptions = new LinkedHashSet<>();

    public EmulatorState(EmulatorOptions options, SimScheduler scheduler, Clock clock) {
        this.options = options;
        this.scheduler = scheduler;
        this.clock = clock;
        this.faults = new Faults(clock);
        this.throttle = new SubscriptionThrottle(clock);
        this.random = new Random(options.randomSeed());
    }

    public Instant now() {
        return scheduler.now();
    }

    /** Runs {@code task} under the state lock after a simulated delay; failures are logged, never lost silently. */
    public SimScheduler.Cancellable later(Duration simulatedDelay, Runnable task) {
        return scheduler.schedule(simulatedDelay, () -> {
            synchronized (this) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("simulation step failed", e);
                }
            }
        });
    }

    public void audit(String type, String actor, String resource, Object... details) {
        audit.record(now(), type, actor, resource, details);
    }

    public void addSubscription(String subscription) {
        subscriptions.add(subscription);
    }

    public Set<String> subscriptions() {
        return subscriptions;
    }

    public ArmResource resource(String id) {
        return resources.get(ResourceIds.key(id));
    }

    public void put(ArmResource resource) {
        resources.put(resource.key(), resource);
        addSubscription(ResourceIds.subscription(resource.id));
    }

    public ArmResource remove(String id) {
        return resources.remove(ResourceIds.key(id));
    }

    /** Resources whose id starts with {@code prefix} (case-insensitive) and whose type is {@code type}. */
    public java.util.List<ArmResource> list(String prefix, String type) {
        String p = ResourceIds.key(prefix);
        return resources.values().stream()
                .filter(r -> r.key().startsWith(p) && r.type.equalsIgnoreCase(type))
                .toList();
    }

    public Collection<ArmResource> allResources() {
        return resources.values();
    }
}
