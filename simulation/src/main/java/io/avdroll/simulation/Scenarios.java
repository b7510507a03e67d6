package io.avdroll.simulation;

import io.avdroll.rollout.CanaryPolicy;
import io.avdroll.rollout.DrainPolicy;
import io.avdroll.rollout.IntOrPercent;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.RolloutSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Seeded random scenarios for property tests and benchmarks: the same seed always gives the same scenario. */
public final class Scenarios {
    public static final String TARGET_IMAGE = "2.0.0";
    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney");
    /** Nights with a daylight-saving change in one of the zones above, and one ordinary night. */
    private static final List<Instant> STARTS = List.of(Instant.parse("2025-03-29T12:00:00Z"),
            Instant.parse("2025-10-25T12:00:00Z"), Instant.parse("2025-03-08T12:00:00Z"),
            Instant.parse("2025-11-01T12:00:00Z"), Instant.parse("2025-04-05T02:00:00Z"),
            Instant.parse("2025-10-04T02:00:00Z"), Instant.parse("2025-06-11T12:00:00Z"));

    private Scenarios() {
    }

    /** A random scenario with between 1 and {@code maxHosts} hosts (log-uniform, so small pools are common). */
    public static SimulationConfig random(long seed, int maxHosts) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int hosts = (int) Math.max(1, Math.min(maxHosts, Math.round(Math.exp(r.nextDouble() * Math.log(maxHosts)))));
        return random(seed, hosts, r);
    }

    /** A random scenario with exactly {@code hosts} hosts. */
    public static SimulationConfig withHosts(long seed, int hosts) {
        return random(seed, hosts, new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL));
    }

    /**
     * The strategy benchmark's pool: {@code hosts} standard hosts with up to {@code sessionLimit} users each, 2%
     * unhealthy, none on the target image, no floor and no canary (so only the window limits a strategy), drain
     * grace {@code graceMinutes}, {@link Timings#benchmark()} durations; 5% of reports delivered twice.
     */
    public static SimulationConfig benchmark(int hosts, long seed, String maxUnavailable, int graceMinutes, double failureRate,
                                             int sessionLimit, String failureBudget) {
        DrainPolicy defaults = DrainPolicy.defaults();
        RolloutSpec spec = RolloutSpec.builder(TARGET_IMAGE)
                .maxUnavailable(maxUnavailable)
                .canary(new CanaryPolicy(0, false))
                .failureBudget(failureBudget)
                .drain(new DrainPolicy(Duration.ofMinutes(graceMinutes), defaults.reminderOffsets(), defaults.messageTitle(),
                        defaults.messageText(), defaults.reminderText(), true))
                .build();
        return new SimulationConfig(hosts, 0, sessionLimit, spec, seed, failureRate, 0.05, 0.02, 0.0,
                Instant.parse("2025-06-11T20:00:00Z"), Timings.benchmark());
    }

    private static SimulationConfig random(long seed, int hosts, SplittableRandom r) {
        int dr = hosts > 1 ? r.nextInt(hosts / 5 + 1) : 0;
        int standard = hosts - dr;
        int limit = 1 + r.nextInt(16);
        double unhealthy = r.nextDouble() * 0.08;
        IntOrPercent maxUnavailable = r.nextBoolean() ? IntOrPercent.count(1 + r.nextInt(Math.max(1, hosts / 4)))
                : IntOrPercent.percent(5 + r.nextInt(46));
        int floorHosts = (int) (standard * (1 - unhealthy) * 0.85 * r.nextDouble() * 0.9);
        floorHosts = Math.min(floorHosts, hosts - 1);
        long floorSlots = r.nextBoolean() ? (long) (floorHosts * limit * r.nextDouble()) : 0;
        Duration grace = Duration.ofMinutes(5 + r.nextInt(56));
        DrainPolicy drain = new DrainPolicy(grace, grace.toMinutes() > 6 ? List.of(Duration.ofMinutes(5)) : List.of(),
                "Maintenance", "Please save your work and sign out.", "Reminder: please sign out.", r.nextBoolean());
        RolloutSpec.Builder spec = RolloutSpec.builder(TARGET_IMAGE)
                .maxUnavailable(maxUnavailable)
                .minAvailableHosts(floorHosts)
                .minSessionSlots(floorSlots)
                .canary(new CanaryPolicy(r.nextInt(4), r.nextBoolean()))
                .failureBudget(r.nextBoolean() ? IntOrPercent.count(r.nextInt(4)) : IntOrPercent.percent(r.nextInt(21)))
                .drain(drain)
                .drAsSurge(r.nextBoolean());
        Instant start = STARTS.get(r.nextInt(STARTS.size())).plus(Duration.ofMinutes(r.nextInt(24 * 60)));
        if (r.nextDouble() < 0.25) {
            LocalTime open = LocalTime.of(r.nextInt(24), r.nextBoolean() ? 0 : 30);
            spec.maintenanceWindow(new MaintenanceWindow(open, open.plusHours(2 + r.nextInt(7)), Set.of(),
                    ZONES.get(r.nextInt(ZONES.size()))));
        }
        return new SimulationConfig(standard, dr, limit, spec.build(), seed, r.nextDouble() * 0.05, 0.05, unhealthy,
                r.nextDouble() * 0.15, start, Timings.typical());
    }
}
