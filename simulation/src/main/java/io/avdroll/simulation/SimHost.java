package io.avdroll.simulation;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import io.avdroll.rollout.HostStage;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/** One simulated session host: what Azure would show, plus where the services have it. Mutable, engine-only. */
final class SimHost {

    /** Where the (simulated) services have the host. */
    enum Phase { IDLE, SURGE_STARTING, DRAINING, PROVISIONING, REGISTERING, VERIFYING, DONE, FAILED;

        boolean inPipeline() {
            return this == DRAINING || this == PROVISIONING || this == REGISTERING || this == VERIFYING;
        }
    }

    final String name;
    final HostClass hostClass;
    /** Per-host stream: the same host gets the same durations and user behaviour under every strategy. */
    final SplittableRandom random;
    /** The stage this host will fail in, or null when it succeeds. */
    final HostStage failsIn;

    SessionHostStatus status;
    boolean allowNewSession;
    int sessions;
    String image;
    PowerState power;
    boolean present = true;

    Phase phase = Phase.IDLE;
    int attempt;
    PowerState returnPowerState;
    int drains;
    Instant admittedAt;
    Instant drainStartedAt;
    /** Surge first: the drain sampled at admission, started once the replacement is verified. */
    DrainSample pendingDrain;
    /** Surge first: the replacement VM is verified and takes sessions beside the old host. */
    boolean replacementServing;
    Duration work = Duration.ZERO;
    int furthestReported = -1;
    boolean failureReported;

    SimHost(String name, HostClass hostClass, SplittableRandom random, HostStage failsIn) {
        this.name = name;
        this.hostClass = hostClass;
        this.random = random;
        this.failsIn = failsIn;
    }

    boolean serving() {
        return present && status == SessionHostStatus.AVAILABLE && allowNewSession && power == PowerState.RUNNING;
    }

    /** How the users of this host sign out once it drains: sampled once per host, so every strategy sees the same. */
    record DrainSample(Duration emptyDrain, java.util.List<Duration> logoffs) {
    }

    SessionHost snapshot() {
        return new SessionHost(name, status, allowNewSession, sessions, image, hostClass, power);
    }
}
