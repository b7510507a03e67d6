package io.avdroll.azure.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls a condition that the emulator's simulation makes true after a while. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(String what, Duration limit, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
