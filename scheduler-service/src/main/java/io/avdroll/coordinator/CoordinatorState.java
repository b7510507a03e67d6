package io.avdroll.coordinator;

import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the coordinator keeps per host pool, as JSON in the pool's Service Bus session state: the current (or last)
 * rollout's record with the spec and target it runs by, a bounded history of what happened to the pool's requests,
 * and the re-plan it has scheduled to itself.
 *
 * @param target  null until the pool's first rollout starts
 * @param spec    null until the pool's first rollout starts
 * @param record  null until the pool's first rollout starts
 * @param history oldest first, at most the configured number of lines
 * @param tick    the scheduled re-plan, or null
 * @param replanOwed a verdict changed the record and its re-plan was left to the pool's next message
 */
public record CoordinatorState(RolloutTarget target, RolloutSpec spec, RolloutRecord record, List<HistoryEntry> history,
                               PendingTick tick, boolean replanOwed) {

    public CoordinatorState {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public CoordinatorState(RolloutTarget target, RolloutSpec spec, RolloutRecord record, List<HistoryEntry> history,
                            PendingTick tick) {
        this(target, spec, record, history, tick, false);
    }

    public static CoordinatorState empty() {
        return new CoordinatorState(null, null, null, List.of(), null, false);
    }

    /** A rollout exists that still admits or may resume admitting hosts (running or paused). */
    public boolean rolloutActive() {
        return record != null && !record.state().terminal();
    }

    public CoordinatorState withRollout(RolloutTarget newTarget, RolloutSpec newSpec, RolloutRecord newRecord) {
        return new CoordinatorState(newTarget, newSpec, newRecord, history, tick, replanOwed);
    }

    public CoordinatorState withRecord(RolloutRecord newRecord) {
        return new CoordinatorState(target, spec, newRecord, history, tick, replanOwed);
    }

    public CoordinatorState withTick(PendingTick newTick) {
        return new CoordinatorState(target, spec, record, history, newTick, replanOwed);
    }

    public CoordinatorState withReplanOwed(boolean owed) {
        return new CoordinatorState(target, spec, record, history, tick, owed);
    }

    /** This state with {@code lines} appended to the history, keeping the newest {@code limit}. */
    public CoordinatorState withHistory(List<HistoryEntry> lines, int limit) {
        if (lines.isEmpty()) {
            return this;
        }
        List<HistoryEntry> all = new ArrayList<>(history);
        all.addAll(lines);
        List<HistoryEntry> kept = all.size() > limit ? all.subList(all.size() - limit, all.size()) : all;
        return new CoordinatorState(target, spec, record, kept, tick, replanOwed);
    }
}
