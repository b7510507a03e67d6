package io.avdroll.alerting;

import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.RolloutTarget;
import io.avdroll.pool.HostClass;
import io.avdroll.rollout.HostProgress;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutRecord;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.RolloutState;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** Small rollout records and states for the pure alert and report tests. */
final class Rollouts {

    static final String SUB = "00000000-0000-0000-0000-0000000000aa";
    static final String IMAGE = "/subscriptions/" + SUB + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal/images/win11/versions/2.0.0";
    static final Instant T0 = Instant.parse("2026-03-02T22:00:00Z");

    private Rollouts() {
    }

    static HostProgress host(String name, HostStage stage, int attempt, Instant since, String reason) {
        Instant admitted = stage == HostStage.PENDING ? null : since;
        Instant finished = stage.finished() ? since : null;
        return new HostProgress(name, HostClass.STANDARD, stage, attempt, reason, since, admitted, finished,
                stage == HostStage.FAILED ? HostStage.DRAINING : null, null);
    }

    static RolloutRecord record(RolloutState state, String reason, Instant changedAt, HostProgress... hosts) {
        TreeMap<String, HostProgress> byName = new TreeMap<>();
        for (HostProgress h : hosts) {
            byName.put(h.host(), h);
        }
        int failures = (int) byName.values().stream().filter(h -> h.stage() == HostStage.FAILED).count();
        return new RolloutRecord("r-1", "hp-prod", IMAGE, T0, state, reason, changedAt, byName, new TreeMap<>(),
                byName.size(), failures);
    }

    static CoordinatorState state(RolloutSpec spec, RolloutRecord record) {
        return new CoordinatorState(new RolloutTarget(SUB, "rg-avd", "hp-prod", IMAGE, "test", T0), spec, record,
                List.of(), null);
    }
}
