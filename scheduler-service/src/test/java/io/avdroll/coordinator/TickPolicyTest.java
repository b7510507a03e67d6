package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.pool.HostClass;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-10T20:00:00.250Z");
    private static final String IMAGE = FakeAzure.image("2.0.0");
    private final TickPolicy policy = new TickPolicy(Duration.ofMinutes(5));
    private final RolloutRecord fresh = RolloutRecord.start("r-1", new HostPoolSnapshot("hp", 8, List.of(
            new SessionHost("h1", SessionHostStatus.AVAILABLE, true, 0, null, HostClass.STANDARD, PowerState.RUNNING),
            new SessionHost("h2", SessionHostStatus.AVAILABLE, true, 0, null, HostClass.STANDARD, PowerState.RUNNING))),
            IMAGE, NOW);
    private final RolloutSpec anyTime = PoolSpecs.builtIn(IMAGE).build();
    private final RolloutSpec nightly = PoolSpecs.builtIn(IMAGE)
            .maintenanceWindow(MaintenanceWindow.daily("22:00", "05:00", "UTC")).build();

    @Test
    void whileAHostIsInFlightThePoolIsLookedAtAgainAfterTheIntervalOnAWholeSecond() {
        RolloutRecord inFlight = fresh.admit("h1", null, "admit", NOW).record();

        assertThat(policy.next(inFlight, anyTime, NOW)).contains(Instant.parse("2026-03-10T20:05:01Z"));
    }

    @Test
    void aRunningRolloutOutsideItsWindowWakesWhenTheWindowOpens() {
        assertThat(policy.next(fresh, nightly, NOW)).contains(Instant.parse("2026-03-10T22:00:00Z"));
    }

    @Test
    void theEarlierOfTheWindowOpeningAndThePeriodicLookWins() {
        RolloutRecord inFlight = fresh.admit("h1", null, "admit", NOW).record();
        Instant justBefore = Instant.parse("2026-03-10T21:58:00Z");

        assertThat(policy.next(inFlight, nightly, justBefore)).contains(Instant.parse("2026-03-10T22:00:00Z"));
    }

    @Test
    void nothingInFlightAndNothingToWaitForNeedsNoTick() {
        RolloutRecord paused = fresh.pause("by alice", NOW).record();

        assertThat(policy.next(fresh, anyTime, NOW)).isEmpty();
        assertThat(policy.next(paused, nightly, NOW)).isEmpty();
        assertThat(policy.next(null, anyTime, NOW)).isEmpty();
    }

    @Test
    void anAwakeSurgeHostKeepsThePoolBeingLookedAtSoItGoesBackToSleep() {
        RolloutRecord done = fresh.pause("x", NOW).record().surgeResumed("h2", PowerState.HIBERNATED, NOW).record();

        assertThat(policy.next(done, anyTime, NOW)).isPresent();
    }
}
