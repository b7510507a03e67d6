package io.avdroll.alerting;

import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.coordinator.CoordinatorState;
import io.avdroll.coordinator.RolloutRecords;
import io.avdroll.report.ReportHistory;
import io.avdroll.report.RolloutReport;
import io.avdroll.report.RolloutReports;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Periodically looks at the rollouts this instance coordinates: raises the failure alerts of
 * {@link FailureAlertRules} (reading the pool's serving capacity from Azure for running rollouts), writes the report
 * of each rollout that ended, and keeps the rollout gauges: {@code avdroll_rollouts{state}},
 * {@code avdroll_rollout_hosts{stage}}, {@code avdroll_capacity_serving_hosts{pool}} and
 * {@code avdroll_capacity_floor_hosts{pool}}.
 */
public final class RolloutWatcher {

    private static final Logger LOG = Logger.getLogger(RolloutWatcher.class);
    static final String SOURCE = "rollouts";

    private final RolloutRecords records;
    private final HostPools hostPools;
    private final SessionHosts sessionHosts;
    private final AlertDispatcher alerts;
    private final ReportHistory reports;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration inFlightAllowance;
    private final Map<String, AtomicLong> serving = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> floor = new ConcurrentHashMap<>();

    public RolloutWatcher(RolloutRecords records, HostPools hostPools, SessionHosts sessionHosts, AlertDispatcher alerts,
                          ReportHistory reports, MeterRegistry registry, Clock clock, Duration inFlightAllowance) {
        this.records = records;
        this.hostPools = hostPools;
        this.sessionHosts = sessionHosts;
        this.alerts = alerts;
        this.reports = reports;
        this.registry = registry;
        this.clock = clock;
        this.inFlightAllowance = inFlightAllowance;
        for (RolloutState state : RolloutState.values()) {
            Gauge.builder("avdroll.rollouts", () -> records.all().values().stream()
                            .filter(s -> s.record() != null && s.record().state() == state).count())
                    .description("Rollouts known to this coordinator, by state").tag("state", state.name()).register(registry);
        }
        for (HostStage stage : HostStage.values()) {
            Gauge.builder("avdroll.rollout.hosts", () -> records.all().values().stream()
                            .filter(CoordinatorState::rolloutActive).mapToLong(s -> s.record().count(stage)).sum())
                    .description("Hosts of running or paused rollouts, by stage").tag("stage", stage.name()).register(registry);
        }
    }

    /** One evaluation; returns the alerts sent this time (new conditions only). */
    public synchronized List<Alert> evaluate() {
        List<Alert> current = new ArrayList<>();
        for (CoordinatorState state : records.all().values()) {
            if (state.record() == null) {
                continue;
            }
            if (state.record().state().terminal()) {
                report(state);
                continue;
            }
            current.addAll(FailureAlertRules.evaluate(state, capacity(state), clock.instant(), inFlightAllowance));
        }
        return alerts.report(SOURCE, current);
    }

    private void report(CoordinatorState state) {
        if (reports.contains(state.record().hostPool(), state.record().rolloutId())) {
            return;
        }
        RolloutReport report = RolloutReports.of(state.record());
        if (reports.add(report)) {
            LOG.infof("rollout report%n%s", report.toText());
        }
    }

    private Optional<ServingCapacity> capacity(CoordinatorState state) {
        if (state.target() == null || state.spec() == null) {
            return Optional.empty();
        }
        HostPoolRef pool = state.target().poolRef();
        try {
            Integer limit = hostPools.get(pool).maxSessionLimit();
            int servingHosts = (int) sessionHosts.list(pool).stream()
                    .filter(RolloutWatcher::servesUsers).count();
            ServingCapacity capacity = new ServingCapacity(servingHosts, limit == null ? 0 : limit);
            gauge(serving, "avdroll.capacity.serving.hosts", state.target().hostPool()).set(servingHosts);
            gauge(floor, "avdroll.capacity.floor.hosts", state.target().hostPool())
                    .set(state.spec().capacityFloor().hostsNeeded(Math.max(1, capacity.maxSessionLimit())));
            return Optional.of(capacity);
        } catch (RuntimeException e) {
            LOG.debugf("capacity of %s not read: %s", pool, e.getMessage());
            return Optional.empty();
        }
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String pool) {
        return gauges.computeIfAbsent(pool, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("pool", p).register(registry);
            return value;
        });
    }

    static boolean servesUsers(SessionHostView host) {
        return host.available() && host.allowNewSession();
    }
}
