package io.avdroll.e2e.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waiting for rollouts to settle, with a progress line now and then. */
final class Await {

    private Await() {
    }

    /** True when every pool's hosts all ended verified or failed within {@code timeout}. */
    static boolean settled(RolloutWatcher watcher, List<String> pools, int hostsPerPool, Duration timeout,
                           Duration progressEvery, BooleanSupplier stop) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Instant nextProgress = start.plus(progressEvery);
        while (Instant.now().isBefore(deadline) && !stop.getAsBoolean()) {
            int settled = 0;
            int admitted = 0;
            for (String pool : pools) {
                settled += watcher.settled(pool);
                admitted += watcher.admitted(pool).size();
            }
            if (settled >= pools.size() * hostsPerPool) {
                return true;
            }
            if (!progressEvery.isZero() && Instant.now().isAfter(nextProgress)) {
                System.out.printf("  %4ds: %d/%d hosts settled, %d admitted%n", Duration.between(start, Instant.now()).toSeconds(),
                        settled, pools.size() * hostsPerPool, admitted);
                nextProgress = Instant.now().plus(progressEvery);
            }
            sleep(Duration.ofMillis(100));
        }
        return false;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
