package io.avdroll.emulator.fault;

import io.avdroll.emulator.arm.ArmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The fault rules in force, consulted by the request pipeline and the simulation. Thread-safe. */
public final class Faults {
    private final List<FaultRule> rules = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    public Faults(Clock clock) {
        this.clock = clock;
    }

    public synchronized FaultRule add(FaultRule rule) {
        rule.validate();
        rule.id = rule.id != null ? rule.id : "fault-" + ids.incrementAndGet();
        if (rule.durationSeconds != null) {
            rule.expiresAt = clock.instant().plusMillis((long) (rule.durationSeconds * 1000));
        }
        rules.add(rule);
        return rule;
    }

    public synchronized boolean remove(String id) {
        return rules.removeIf(r -> r.id.equals(id));
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> list() {
        return new ArrayList<>(rules);
    }

    /** A throttle or 5xx to answer instead of serving {@code operation}, if a rule says so. */
    public synchronized Optional<ArmException> beforeRequest(String operation) {
        Instant now = clock.instant();
        for (FaultRule r : rules) {
            if (!r.live(now) || !r.matchesOperation(operation)) {
                continue;
            }
            if (r.kind.equals("throttle")) {
                r.fired++;
                int retryAfter = r.retryAfterSeconds == null ? 1 : r.retryAfterSeconds;
                return Optional.of(new ArmException(429, r.code != null ? r.code : "TooManyRequests",
                        r.message != null ? r.message : "The request is being throttled as the limit has been reached for operation type - "
                                + operation + ". Please retry after " + retryAfter + " seconds.")
                        .header("Retry-After", String.valueOf(retryAfter)));
            }
            if (r.kind.equals("serverError")) {
                r.fired++;
                int status = r.status == null ? 503 : r.status;
                return Optional.of(new ArmException(status,
                        r.code != null ? r.code : (status == 503 ? "ServiceUnavailable" : "InternalServerError"),
                        r.message != null ? r.message : "The service is temporarily unavailable (injected fault)."));
            }
        }
        return Optional.empty();
    }

    /** The error a VM create of {@code vmName} must end with, if a rule says so. */
    public synchronized Optional<ArmException> vmCreateFailure(String vmName, String vmSize) {
        Instant now = clock.instant();
        for (FaultRule r : rules) {
            if (r.kind.equals("vmCreateFailure") && r.live(now) && r.matchesVm(vmName)) {
                r.fired++;
                String code = r.code != null ? r.code : "AllocationFailed";
                String message = r.message != null ? r.message : switch (code) {
                    case "SkuNotAvailable" -> "The requested VM size '" + vmSize
                            + "' is currently not available in this location. Please try another size or deploy to a different location or zones.";
                    case "AllocationFailed" -> "Allocation failed. We do not have sufficient capacity for the requested VM size in this region.";
                    default -> "VM creation failed (injected fault).";
                };
                return Optional.of(new ArmException(409, code, message));
            }
        }
        return Optional.empty();
    }

    /** The error a long-running {@code operation} must end with, if a rule says so. */
    public synchronized Optional<ArmException> operationFailure(String operation) {
        Instant now = clock.instant();
        for (FaultRule r : rules) {
            if (r.kind.equals("operationFailure") && r.live(now) && r.matchesOperation(operation)) {
                r.fired++;
                return Optional.of(new ArmException(500, r.code != null ? r.code : "InternalExecutionError",
                        r.message != null ? r.message : "An internal execution error occurred (injected fault)."));
            }
        }
        return Optional.empty();
    }

    public synchronized double slowFactor(String operation) {
        Instant now = clock.instant();
        double factor = 1.0;
        for (FaultRule r : rules) {
            if (r.kind.equals("slowOperation") && r.live(now) && r.matchesOperation(operation)) {
                factor *= r.factor;
            }
        }
        return factor;
    }

    public synchronized boolean vmFlag(String kind, String vmName) {
        Instant now = clock.instant();
        for (FaultRule r : rules) {
            if (r.kind.equals(kind) && r.live(now) && r.matchesVm(vmName)) {
                r.fired++;
                return true;
            }
        }
        return false;
    }

    public synchronized boolean usersNeverLogOff(String hostPool) {
        Instant now = clock.instant();
        return rules.stream().anyMatch(r -> r.kind.equals("usersNeverLogOff") && r.live(now)
                && (r.hostPool == null || r.hostPool.equalsIgnoreCase(hostPool)));
    }
}
