package io.avdroll.emulator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** Virtual-time scheduler for tests: nothing runs until {@link #advance(Duration)} moves the clock. */
public final class ManualSimScheduler implements SimScheduler {
    private record Task(Instant due, long seq, Runnable body, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
    private Instant now;
    private long seq;

    public ManualSimScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration simulatedDelay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(now.plus(simulatedDelay), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public double speed() {
        return 1.0;
    }

    /** Moves virtual time forward, running every task that falls due, in order. */
    public void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
            }
            if (!next.cancelled[0]) {
                next.body.run();
            }
        }
    }
}
