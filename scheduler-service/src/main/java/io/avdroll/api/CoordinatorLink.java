package io.avdroll.api;

import io.avdroll.bus.EventPublisher;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.HandledMessages;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.events.ControlAction;
import io.avdroll.events.Event;
import io.avdroll.events.RolloutControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How the API talks to the coordinator: only through the bus (the coordinator is the one writer of rollout records),
 * and reads what the coordinator of this instance has loaded or saved.
 *
 * <p>After a restart this instance knows a pool only once a message of the pool's session has been handled. So when
 * the API is asked about a pool it does not know, it sends the pool a harmless {@code rollout-control} {@code tick}
 * for the rollout id {@value #REFRESH_ROLLOUT_ID}: the coordinator accepts the pool's session, loads its state (which
 * makes it known here), sees that the tick is for no rollout of the pool and changes nothing. Once the coordinator
 * has handled that tick, "still unknown" reliably means "no rollout was ever recorded for this pool".
 */
public final class CoordinatorLink {

    public static final String REFRESH_ROLLOUT_ID = "api-refresh";
    private static final Duration POLL = Duration.ofMillis(50);

    private final EventPublisher publisher;
    private final RolloutRecords records;
    private final HandledMessages handled;
    private final Clock clock;
    private final String subscriptionId;
    private final Duration wait;

    public CoordinatorLink(EventPublisher publisher, RolloutRecords records, HandledMessages handled, Clock clock,
                           String subscriptionId, Duration wait) {
        this.publisher = publisher;
        this.records = records;
        this.handled = handled;
        this.clock = clock;
        this.subscriptionId = subscriptionId;
        this.wait = wait;
    }

    /** The refresh tick's rollout id is the API's own: a rollout started under it could never be told apart. */
    static void refuseReservedRolloutId(String rolloutId) {
        if (REFRESH_ROLLOUT_ID.equalsIgnoreCase(rolloutId)) {
            throw ApiProblem.badRequest("rolloutId", "\"" + REFRESH_ROLLOUT_ID + "\" is reserved for the API's own refresh");
        }
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    /** Every pool this instance knows, by session id. */
    public java.util.Map<String, CoordinatorState> knownPools() {
        return records.all();
    }

    /** What this instance knows of the pool right now, without asking the coordinator. */
    public Optional<CoordinatorState> known(PoolKey pool) {
        return records.find(subscriptionId, pool.resourceGroup(), pool.hostPool());
    }

    /**
     * The pool's state, loading it through the coordinator first when this instance does not know the pool.
     *
     * @return empty when the pool has no recorded rollout
     * @throws ApiProblem 503 when the coordinator did not handle the refresh in time
     */
    public Optional<CoordinatorState> state(PoolKey pool) {
        Optional<CoordinatorState> known = known(pool);
        if (known.isPresent()) {
            return known;
        }
        refresh(pool, "the API was asked about a pool this instance has not seen since it started");
        return known(pool);
    }

    /** Sends the refresh tick and waits until the coordinator has handled it. */
    public void refresh(PoolKey pool, String why) {
        RolloutControl tick = new RolloutControl(REFRESH_ROLLOUT_ID, subscriptionId, pool.resourceGroup(),
                pool.hostPool(), ControlAction.TICK, why, "api", clock.instant());
        publisher.publish(tick);
        if (awaitHandled(tick).isEmpty()) {
            throw ApiProblem.unavailable("the coordinator did not load pool " + pool + " within " + wait
                    + " (is it running, and is the pool's session held by another instance?)");
        }
    }

    /** Sends the refresh tick without waiting (used at start for the configured pools). */
    public void refreshInBackground(PoolKey pool, String why) {
        publisher.publish(new RolloutControl(REFRESH_ROLLOUT_ID, subscriptionId, pool.resourceGroup(), pool.hostPool(),
                ControlAction.TICK, why, "api", clock.instant()));
    }

    /** Publishes the event and waits (at most the configured time) for the coordinator's outcome. */
    public Optional<HandledMessages.Handled> send(Event event) {
        publisher.publish(event);
        return awaitHandled(event);
    }

    private Optional<HandledMessages.Handled> awaitHandled(Event event) {
        long deadline = System.nanoTime() + wait.toNanos(); // real waiting time, not domain time
        while (true) {
            Optional<HandledMessages.Handled> outcome = handled.last(event.messageId());
            if (outcome.isPresent() || System.nanoTime() - deadline > 0) {
                return outcome;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
