package io.avdroll.rollout;

import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.PowerState;
import io.avdroll.pool.SessionHost;
import io.avdroll.pool.SessionHostStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dry run: which hosts, in what order and waves, and how long, if every stage takes its estimated time and
 * nothing fails. It runs the real {@link RolloutPlanner} against an imagined pool; nothing is touched.
 *
 * @param admissionOrder    hosts in the order they would be admitted
 * @param waves             hosts admitted at the same moment, with the offset from the start
 * @param skipped           hosts left alone (already on the target image)
 * @param estimatedDuration start to completion; when {@code completes} is false, up to where it got stuck
 * @param completes         whether the rollout would complete
 * @param notes             why it would stop, or other remarks (e.g. waiting for the maintenance window)
 */
public record RolloutPreview(List<String> admissionOrder, List<Wave> waves, List<String> skipped,
                             Duration estimatedDuration, boolean completes, List<String> notes) {

    public record Wave(Duration startsAfter, List<String> hosts) {
    }

    public static RolloutPreview of(HostPoolSnapshot pool, RolloutSpec spec, StageDurations durations, Instant start) {
        return new Run(pool, spec, durations, start).run();
    }

    private static final class Run {
        private final RolloutSpec spec;
        private final StageDurations durations;
        private final Instant start;
        private HostPoolSnapshot pool;
        private RolloutRecord record;
        private Instant now;
        private final Map<String, Instant> doneAt = new HashMap<>();
        private final Map<String, Instant> surgeReadyAt = new HashMap<>();
        private final List<String> order = new ArrayList<>();
        private final List<Wave> waves = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Run(HostPoolSnapshot pool, RolloutSpec spec, StageDurations durations, Instant start) {
            this.pool = pool;
            this.spec = spec;
            this.durations = durations;
            this.start = start;
            this.now = start;
            this.record = RolloutRecord.start("preview", pool, spec.targetImageVersion(), start);
        }

        RolloutPreview run() {
            int guard = 10 * record.hosts().size() + 100;
            while (guard-- > 0) {
                Plan plan = RolloutPlanner.plan(pool, spec, record, now);
                List<String> wave = new ArrayList<>();
                for (PlanAction action : plan.actions()) {
                    execute(action, wave);
                }
                if (!wave.isEmpty()) {
                    waves.add(new Wave(Duration.between(start, now), wave));
                }
                if (record.state() == RolloutState.COMPLETED) {
                    return result(true);
                }
                if (record.state() == RolloutState.PAUSED) {
                    notes.add(record.stateReason());
                    return result(false);
                }
                boolean acted = plan.actions().stream().anyMatch(a -> !(a instanceof PlanAction.ReturnToSleep));
                Optional<Instant> next = nextEvent(plan);
                if (next.isEmpty()) {
                    if (acted) {
                        continue;
                    }
                    notes.addAll(plan.explanations());
                    return result(false);
                }
                advanceTo(next.get());
            }
            notes.add("preview stopped after too many steps");
            return result(false);
        }

        private void execute(PlanAction action, List<String> wave) {
            record = record.apply(action, now).orThrow();
            if (action instanceof PlanAction.AdmitHost a) {
                SessionHost host = pool.host(a.host()).orElseThrow();
                order.add(a.host());
                wave.add(a.host());
                doneAt.put(a.host(), now.plus(durations.perHost(host.sessions())));
                pool = pool.with(host.withAllowNewSession(false));
            } else if (action instanceof PlanAction.SkipHost s) {
                skipped.add(s.host());
            } else if (action instanceof PlanAction.ResumeForSurge r) {
                surgeReadyAt.put(r.host(), now.plus(durations.surgeResume()));
                pool = pool.with(pool.host(r.host()).orElseThrow().withPowerState(PowerState.STARTING));
            } else if (action instanceof PlanAction.ReturnToSleep r) {
                pool = pool.with(pool.host(r.host()).orElseThrow().withAllowNewSession(false)
                        .withPowerState(r.powerState()).withStatus(SessionHostStatus.SHUTDOWN));
            }
        }

        private Optional<Instant> nextEvent(Plan plan) {
            Optional<Instant> next = doneAt.values().stream().min(Instant::compareTo);
            Optional<Instant> surge = surgeReadyAt.values().stream().min(Instant::compareTo);
            if (surge.isPresent() && (next.isEmpty() || surge.get().isBefore(next.get()))) {
                next = surge;
            }
            MaintenanceWindow mw = spec.maintenanceWindow();
            if (next.isEmpty() && mw != null && !mw.openAt(now) && record.state() == RolloutState.RUNNING) {
                next = mw.nextOpening(now);
            }
            return next;
        }

        private void advanceTo(Instant time) {
            now = time;
            for (var entry : List.copyOf(surgeReadyAt.entrySet())) {
                if (!entry.getValue().isAfter(now)) {
                    surgeReadyAt.remove(entry.getKey());
                    pool = pool.with(pool.host(entry.getKey()).orElseThrow().withPowerState(PowerState.RUNNING)
                            .withStatus(SessionHostStatus.AVAILABLE).withAllowNewSession(true));
                }
            }
            for (var entry : List.copyOf(doneAt.entrySet())) {
                if (!entry.getValue().isAfter(now)) {
                    doneAt.remove(entry.getKey());
                    HostProgress progress = record.hosts().get(entry.getKey());
                    record = record.advanceHost(entry.getKey(), HostStage.VERIFIED, progress.attempt(), "preview", now).orThrow();
                    SessionHost host = pool.host(entry.getKey()).orElseThrow()
                            .withImageVersion(spec.targetImageVersion()).withSessions(0);
                    PowerState back = progress.returnPowerState();
                    host = back == null
                            ? host.withPowerState(PowerState.RUNNING).withStatus(SessionHostStatus.AVAILABLE).withAllowNewSession(true)
                            : host.withPowerState(back).withStatus(SessionHostStatus.SHUTDOWN).withAllowNewSession(true);
                    pool = pool.with(host);
                }
            }
        }

        private RolloutPreview result(boolean completes) {
            return new RolloutPreview(order, waves, skipped, Duration.between(start, now), completes, notes);
        }
    }
}
