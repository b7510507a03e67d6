package io.avdroll.emulator.sim;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Real-time scheduler on Vert.x timers, with delays divided by the speed factor. */
public final class VertxSimScheduler implements SimScheduler {
    private final Vertx vertx;
    private final Clock clock;
    private final double speed;

    public VertxSimScheduler(Vertx vertx, Clock clock, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        this.vertx = vertx;
        this.clock = clock;
        this.speed = speed;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Duration simulatedDelay, Runnable task) {
        long millis = Math.max(1, (long) Math.ceil(simulatedDelay.toMillis() / speed));
        long timer = vertx.setTimer(millis, id -> task.run());
        return () -> vertx.cancelTimer(timer);
    }

    @Override
    public double speed() {
        return speed;
    }
}
