package io.avdroll.emulator;

import io.avdroll.emulator.seed.Seed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How an emulator instance runs. Fluent setters; defaults suit an embedded test
 * (port 0, speed 1). Durations in {@link Timings} are simulated time and shrink by {@link #speed}.
 */
public final class EmulatorOptions {
    String host = "localhost";
    int armPort = 0;
    int serviceBusPort = -1;
    double speed = 1.0;
    int retryAfterSeconds = 1;
    String bearerToken;
    int avdPageSize = 10;
    int armPageSize = 50;
    volatile boolean vmListExpandNeedsFilter;
    long randomSeed = 42;
    Path trustStorePath;
    String trustStorePassword = "changeit";
    Clock clock = Clock.systemUTC();
    io.avdroll.emulator.sim.SimScheduler scheduler;
    Seed seed;
    final Timings timings = new Timings();
    Duration lockDuration;
    final java.util.Map<String, String> callers = new java.util.HashMap<>();
    boolean auditTraffic;
    java.util.function.Consumer<io.avdroll.emulator.servicebus.SentMessage> busListener = m -> { };

    /** Simulated durations of Azure-side work. */
    public static final class Timings {
        public Duration vmCreate = Duration.ofSeconds(90);
        public Duration vmDelete = Duration.ofSeconds(30);
        public Duration vmStart = Duration.ofSeconds(30);
        public Duration vmDeallocate = Duration.ofSeconds(30);
        public Duration vmHibernate = Duration.ofSeconds(45);
        public Duration vmPowerOff = Duration.ofSeconds(20);
        public Duration extension = Duration.ofSeconds(60);
        /** From the AVD agent extension succeeding to the host appearing in the pool as Unavailable. */
        public Duration registration = Duration.ofSeconds(60);
        /** From registration (or VM start) to the host turning Available. */
        public Duration becomeAvailable = Duration.ofSeconds(60);
        public Duration diskDelete = Duration.ofSeconds(5);

        /** Sets every duration to {@code d} (handy for tests). */
        public Timings all(Duration d) {
            vmCreate = vmDelete = vmStart = vmDeallocate = vmHibernate = vmPowerOff = d;
            extension = registration = becomeAvailable = diskDelete = d;
            return this;
        }
    }

    public static EmulatorOptions defaults() {
        return new EmulatorOptions();
    }

    public EmulatorOptions host(String host) {
        this.host = host;
        return this;
    }

    public EmulatorOptions armPort(int port) {
        this.armPort = port;
        return this;
    }

    /** Port for the Service Bus endpoint; -1 leaves it off (default), 0 picks a free port. */
    public EmulatorOptions serviceBusPort(int port) {
        this.serviceBusPort = port;
        return this;
    }

    public EmulatorOptions speed(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        this.speed = speed;
        return this;
    }

    /** The {@code Retry-After} sent with long-running operations and polls (0 or 1 keeps the SDK polling fast). */
    public EmulatorOptions retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 0, was " + seconds);
        }
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Accept only this bearer token; null (default) accepts any non-empty bearer token. */
    public EmulatorOptions bearerToken(String token) {
        this.bearerToken = token;
        return this;
    }

    /**
     * Accept {@code token} too and name its bearer {@code caller} in the audit log (the token itself is never
     * recorded): lets a benchmark give each service its own token and tell whose ARM call was whose.
     */
    public EmulatorOptions caller(String token, String caller) {
        if (token == null || token.isBlank() || caller == null || caller.isBlank()) {
            throw new IllegalArgumentException("caller: token and caller name must not be blank");
        }
        callers.put(token, caller);
        return this;
    }

    /**
     * Also record every ARM request ({@code ArmRequest}: method, operation, path, caller, status, arrival time) and
     * every Service Bus send ({@code BusMessageSent}: entity, messageId, subject, scheduledFor, duplicate) in the
     * audit log. Off by default: the log then grows with every call, which only benchmarks want.
     */
    public EmulatorOptions auditTraffic(boolean on) {
        this.auditTraffic = on;
        return this;
    }

    /** Told of every message the Service Bus endpoint accepts (with its body), on the broker's thread. */
    public EmulatorOptions onBusMessage(java.util.function.Consumer<io.avdroll.emulator.servicebus.SentMessage> listener) {
        this.busListener = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    public boolean auditTraffic() {
        return auditTraffic;
    }

    /** The caller name of a bearer token given to {@link #caller}, or null. */
    public String callerOf(String token) {
        return callers.get(token);
    }

    public boolean hasCallers() {
        return !callers.isEmpty();
    }

    /**
     * Lock every Service Bus queue and subscription (and session) for {@code lock} instead of the topology's
     * {@code lockDuration} (PT1M in production). Wall-clock time, not scaled by {@link #speed}. For test runs: a
     * service killed while holding a message frees it in seconds; live receivers renew their locks either way.
     */
    public EmulatorOptions lockDuration(Duration lock) {
        if (lock == null || lock.isNegative() || lock.isZero()) {
            throw new IllegalArgumentException("lockDuration must be positive, was " + lock);
        }
        this.lockDuration = lock;
        return this;
    }

    /** The lock duration override, or null when the topology's lock durations apply. */
    public Duration lockDuration() {
        return lockDuration;
    }

    public EmulatorOptions avdPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("avdPageSize must be >= 1, was " + size);
        }
        this.avdPageSize = size;
        return this;
    }

    public EmulatorOptions armPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("armPageSize must be >= 1, was " + size);
        }
        this.armPageSize = size;
        return this;
    }

    /**
     * Answer a VM list's {@code $expand=instanceView} without a {@code $filter} with 400, as the published Compute
     * contract words it ("can only be specified if a valid $filter option is specified"); by default the list is
     * expanded. May be changed while the emulator runs.
     */
    public EmulatorOptions vmListExpandNeedsFilter(boolean needsFilter) {
        this.vmListExpandNeedsFilter = needsFilter;
        return this;
    }

    public boolean vmListExpandNeedsFilter() {
        return vmListExpandNeedsFilter;
    }

    public EmulatorOptions randomSeed(long seed) {
        this.randomSeed = seed;
        return this;
    }

    /** Where to write the PKCS12 trust store (default: a fresh temp file). */
    public EmulatorOptions trustStore(Path path, String password) {
        this.trustStorePath = path;
        this.trustStorePassword = password;
        return this;
    }

    public EmulatorOptions clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Replace the Vert.x-timer scheduler (e.g. with a {@link io.avdroll.emulator.sim.ManualSimScheduler}). */
    public EmulatorOptions scheduler(io.avdroll.emulator.sim.SimScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    public EmulatorOptions seed(Seed seed) {
        this.seed = seed;
        return this;
    }

    public Timings timings() {
        return timings;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int avdPageSize() {
        return avdPageSize;
    }

    public int armPageSize() {
        return armPageSize;
    }

    public long randomSeed() {
        return randomSeed;
    }

    public double speed() {
        return speed;
    }

    public String bearerToken() {
        return bearerToken;
    }
}
