package io.avdroll.drain;

import io.avdroll.drain.DrainAction.Cause;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of what drain-service did to users since start, for logs and tests. */
public final class DrainCounters {

    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong forcedAtDeadline = new AtomicLong();
    private final AtomicLong forcedDisconnected = new AtomicLong();

    void messageSent() {
        messagesSent.incrementAndGet();
    }

    void forcedLogOff(Cause cause) {
        (cause == Cause.DEADLINE ? forcedAtDeadline : forcedDisconnected).incrementAndGet();
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
