package io.avdroll.drain;

import java.util.List;

/** The decider's answer: the side effects to execute in order, then the outcome. */
public record DrainDecision(List<DrainAction> actions, DrainOutcome outcome) {

    public DrainDecision {
        actions = List.copyOf(actions);
    }

    public <A extends DrainAction> List<A> actionsOf(Class<A> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
