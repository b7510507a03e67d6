package io.avdroll.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The stage a host failed in, as written in {@code host-failed}'s {@code stage} field. */
public enum FailedStage {
    DRAIN("drain"),
    REDEPLOY("redeploy"),
    VERIFY("verify");

    private final String wireName;

    FailedStage(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
