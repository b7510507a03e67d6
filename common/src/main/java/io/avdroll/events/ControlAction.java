package io.avdroll.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a {@code rollout-control} event asks of a rollout. */
public enum ControlAction {
    PAUSE("pause"),
    RESUME("resume"),
    CANCEL("cancel"),
    /** Put the rollout's failed hosts back in line (a new attempt each) and resume. */
    RETRY("retry"),
    /**
     * Look at the rollout again now: re-read the pool and re-plan, changing nothing else. The coordinator
     * schedules these to itself (maintenance window opening, periodic re-plan while hosts are in flight);
     * any tool may send one, it is harmless.
     */
    TICK("tick");

    private final String wireName;

    ControlAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
