package io.avdroll.drain;

import io.avdroll.drain.DrainAction.Cause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of what drain-service did to users since start, for logs and tests; forced log-offs are also the
 * metric {@code avdroll_forced_logoffs_total{cause="deadline"|"disconnected"}} so an operator can see (and alert on)
 * users being signed off by a rollout.
 */
public final class DrainCounters {

    static final String FORCED_LOGOFFS = "avdroll.forced.logoffs";

    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong forcedAtDeadline = new AtomicLong();
    private final AtomicLong forcedDisconnected = new AtomicLong();
    private final Counter forcedAtDeadlineMetric;
    private final Counter forcedDisconnectedMetric;

    public DrainCounters(MeterRegistry registry) {
        // both registered at start so the series exist at 0 before the first log-off (rate() and alerts need them)
        this.forcedAtDeadlineMetric = forcedLogOffs(registry, "deadline");
        this.forcedDisconnectedMetric = forcedLogOffs(registry, "disconnected");
    }

    private static Counter forcedLogOffs(MeterRegistry registry, String cause) {
        return Counter.builder(FORCED_LOGOFFS).tag("cause", cause)
                .description("Users logged off by drain-service: at the grace deadline, or early because their session was disconnected")
                .register(registry);
    }

    void messageSent() {
        messagesSent.incrementAndGet();
    }

    void forcedLogOff(Cause cause) {
        if (cause == Cause.DEADLINE) {
            forcedAtDeadline.incrementAndGet();
            forcedAtDeadlineMetric.increment();
        } else {
            forcedDisconnected.incrementAndGet();
            forcedDisconnectedMetric.increment();
        }
    }

    public long messagesSent() {
        return messagesSent.get();
    }

    public long forcedLogOffsAtDeadline() {
        return forcedAtDeadline.get();
    }

    public long forcedLogOffsOfDisconnected() {
        return forcedDisconnected.get();
    }
}
