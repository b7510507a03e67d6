package io.avdroll.coordinator;

import io.avdroll.events.MessageIds;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to the pools' coordinator state (rollout record, spec, history) for status pages and the API. The
 * authoritative copy is each pool's session state; this port answers from what this instance has seen.
 */
public interface RolloutRecords {

    /** By session id ({@code subscription/resourceGroup/pool}, lower case). */
    Optional<CoordinatorState> find(String sessionId);

    default Optional<CoordinatorState> find(String subscriptionId, String resourceGroup, String hostPool) {
        return find(MessageIds.sessionIdOf(subscriptionId, resourceGroup, hostPool));
    }

    /** Every pool this instance knows, by session id. */
    Map<String, CoordinatorState> all();
}
