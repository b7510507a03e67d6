package io.avdroll.api;

import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPoolView;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.coordinator.PoolObservation;
import io.avdroll.coordinator.PoolObserver;
import io.avdroll.coordinator.PoolSpecs;
import io.avdroll.events.SpecOverrides;
import io.avdroll.pool.HostPoolSnapshot;
import io.avdroll.pool.SessionHost;
import io.avdroll.rollout.RolloutPreview;
import io.avdroll.rollout.RolloutSpec;
import io.avdroll.rollout.SpecViolation;
import io.avdroll.rollout.StageDurations;
import io.avdroll.simulation.estimate.RolloutEstimate;
import io.avdroll.simulation.estimate.RolloutEstimator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pool from Azure and works out the spec a request would run by (pool configuration + overrides), checked
 * against the pool's size, and the dry run. The same checks the coordinator makes, done before anything is sent so
 * the caller gets a 400 naming the field instead of a dead-lettered request.
 */
public final class Planning {

    private final PoolObserver observer;
    private final PoolSpecs specs;
    private final RolloutEstimator estimator;

    public Planning(PoolObserver observer, PoolSpecs specs, RolloutEstimator estimator) {
        this.observer = observer;
        this.specs = specs;
        this.estimator = estimator;
    }

    /** The pool as read now and the spec it would roll by. */
    public record Checked(PoolObservation observation, RolloutSpec spec) {
        HostPoolSnapshot snapshot() {
            return observation.snapshot();
        }
    }

    public Checked check(PoolKey pool, String targetImageVersionId, SpecOverrides overrides) {
        HostPoolRef ref = new HostPoolRef(pool.resourceGroup(), pool.hostPool());
        HostPoolView view;
        try {
            view = observer.pool(ref);
        } catch (AzureFailure failure) {
            if (failure.kind() == AzureFailureKind.NOT_FOUND) {
                throw ApiProblem.notFound("hostPool", "hostPool: no host pool '" + pool.hostPool() + "' in resource group '"
                        + pool.resourceGroup() + "'");
            }
            throw failure;
        }
        PoolObservation observed = observer.observe(view, ref, targetImageVersionId);
        RolloutSpec spec;
        try {
            spec = specs.forRequest(pool.hostPool(), targetImageVersionId, overrides);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().contains(":") ? e.getMessage().substring(0, e.getMessage().indexOf(':')) : "overrides";
            throw ApiProblem.badRequest("overrides." + field, e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip());
        }
        List<SpecViolation> violations = spec.validate(observed.snapshot().size());
        if (!violations.isEmpty()) {
            SpecViolation first = violations.get(0);
            throw ApiProblem.badRequest(requestField(first.field(), overrides), first.reason() + " (pool "
                    + pool.hostPool() + " has " + observed.snapshot().size()
                    + " session hosts; spec = pool configuration + request overrides)");
        }
        return new Checked(observed, spec);
    }

    /** The request field a spec violation comes from, when the request set it; else the spec's own field name. */
    static String requestField(String specField, SpecOverrides o) {
        String override = switch (specField.replaceAll("\\[\\d+]$", "")) {
            case "maxUnavailable" -> o.maxUnavailable() == null ? null : "maxUnavailable";
            case "capacityFloor.minAvailableHosts" -> o.minAvailableHosts() == null ? null : "minAvailableHosts";
            case "canary.size" -> o.canaryHosts() == null ? null : "canaryHosts";
            case "failureBudget" -> o.maxFailedPercent() == null ? null : "maxFailedPercent";
            case "drain.gracePeriod", "drain.reminderOffsets" -> o.drainGracePeriod() == null ? null : "drainGracePeriod";
            default -> null;
        };
        return override == null ? specField : "overrides." + override;
    }

    public PlanView plan(PoolKey pool, String subscriptionId, String targetImageVersionId, SpecOverrides overrides,
                         Instant now) {
        Checked checked = check(pool, targetImageVersionId, overrides);
        HostPoolSnapshot snapshot = checked.snapshot();
        RolloutSpec spec = checked.spec();
        RolloutPreview preview = RolloutPreview.of(snapshot, spec, StageDurations.typical(spec), now);
        RolloutEstimate estimate = estimator.estimate(snapshot, spec, now);

        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < preview.admissionOrder().size(); i++) {
            order.put(preview.admissionOrder().get(i), i + 1);
        }
        Map<String, Integer> waveOf = new HashMap<>();
        List<PlanView.Wave> waves = new ArrayList<>();
        for (int i = 0; i < preview.waves().size(); i++) {
            RolloutPreview.Wave w = preview.waves().get(i);
            waves.add(new PlanView.Wave(i + 1, w.startsAfter().toString(), w.hosts()));
            for (String h : w.hosts()) {
                waveOf.put(h, i + 1);
            }
        }
        List<PlanView.PlanHost> hosts = snapshot.hosts().stream()
                .sorted(Comparator.comparing((SessionHost h) -> order.getOrDefault(h.name(), Integer.MAX_VALUE))
                        .thenComparing(SessionHost::name))
                .map(h -> new PlanView.PlanHost(h.name(), h.hostClass().name(), h.status().name(), h.sessions(),
                        h.imageVersion(), order.get(h.name()), waveOf.get(h.name())))
                .toList();
        return new PlanView(subscriptionId, pool.resourceGroup(), pool.hostPool(), targetImageVersionId,
                specView(spec, snapshot.size()), hosts, waves, preview.skipped(), text(estimate.median()),
                estimateView(estimate), preview.completes(), preview.notes());
    }

    private PlanView.Estimate estimateView(RolloutEstimate e) {
        return new PlanView.Estimate(text(e.median()), text(e.pessimistic()), e.percentile(), text(e.lowerBound()), e.runs(),
                e.completes(), e.reason(), estimator.timings().describe());
    }

    private static String text(Duration d) {
        return d == null ? null : d.toString();
    }

    private static PlanView.SpecView specView(RolloutSpec spec, int poolSize) {
        return new PlanView.SpecView(spec.maxUnavailable().toString(), spec.resolvedMaxUnavailable(poolSize),
                spec.canary().size(), spec.failureBudget().toString(), spec.capacityFloor().minAvailableHosts(),
                spec.capacityFloor().minSessionSlots(), spec.drain().gracePeriod().toString(),
                spec.ordering().name(), spec.skipMatching(), spec.drAsSurge(),
                spec.maintenanceWindow() == null ? null : spec.maintenanceWindow().toString());
    }
}
