package io.avdroll.emulator.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for the simulation. Delays are given in simulated time and shrink by the speed factor;
 * {@link #now()} is the clock used for timestamps (the wall clock by default, so registration-token
 * expiry checks agree with the services' clocks).
 */
public interface SimScheduler {
    Instant now();

    /** Runs {@code task} after {@code simulatedDelay} (divided by {@link #speed()}). */
    Cancellable schedule(Duration simulatedDelay, Runnable task);

    double speed();

    interface Cancellable {
        void cancel();
    }
}
