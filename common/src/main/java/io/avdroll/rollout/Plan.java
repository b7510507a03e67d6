package io.avdroll.rollout;

import java.util.List;

/**
 * What the planner wants done now, and why nothing more.
 *
 * @param actions      actions in the order they should be executed, each with its reason
 * @param explanations why no more hosts were admitted (window full, floor, canary, paused, outside window...)
 * @param capacity     the worst-case view the decisions were made on, after this plan's admissions
 */
public record Plan(List<PlanAction> actions, List<String> explanations, Capacity capacity) {

    public Plan {
        actions = List.copyOf(actions);
        explanations = List.copyOf(explanations);
    }

    /**
     * @param servingHosts hosts counted as serving after this plan (in-flight and admitted hosts count as out)
     * @param sessionSlots maxSessionLimit × servingHosts
     * @param inFlight     hosts the rollout has in flight after this plan
     * @param window       hosts the rollout may have in flight right now (maxUnavailable, canary, widening)
     */
    public record Capacity(int servingHosts, long sessionSlots, int inFlight, int window) {
    }

    public <T extends PlanAction> List<T> actionsOf(Class<T> kind) {
        return actions.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        actions.forEach(a -> sb.append("- ").append(a.reason()).append('\n'));
        explanations.forEach(e -> sb.append("  (").append(e).append(")\n"));
        return sb.toString();
    }
}
