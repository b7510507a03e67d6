package io.avdroll.coordinator;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RolloutRecords} from what the coordinator of this instance loaded or saved. Another instance's pools, and
 * pools no event has reached since this instance started, are not known here.
 */
public final class KnownRollouts implements RolloutRecords {

    private final Map<String, CoordinatorState> bySession = new ConcurrentHashMap<>();

    void remember(String sessionId, CoordinatorState state) {
        if (state.record() != null || !state.history().isEmpty()) {
            bySession.put(sessionId, state);
        }
    }

    @Override
    public Optional<CoordinatorState> find(String sessionId) {
        return Optional.ofNullable(bySession.get(sessionId));
    }

    @Override
    public Map<String, CoordinatorState> all() {
        return new TreeMap<>(bySession);
    }
}
