package io.avdroll.e2e.bench;

import io.avdroll.events.SpecOverrides;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue item "orchestration overhead": one pool of {@code --hosts} hosts rolled on the emulator with every Azure
 * step taking {@code --step-seconds} (near zero), so what is left is the services' own time. Prints hand-off
 * latency per stage (broker accepted the event → next stage's first ARM call about that host), wall time,
 * Azure calls per host redeploy, and, with {@code --arm-throttling both|on}, the same rollout again under ARM's
 * published per-subscription token buckets, counting hosts that failed because of throttling.
 */
public final class OverheadBenchmark {

    public static void main(String[] argv) {
        Args args = new Args(argv);
        BenchDeployment.allowSlowStarts();
        int hosts = args.integer("--hosts", 1000);
        int window = args.integer("--window", 50);
        String throttling = args.text("--arm-throttling", "both");
        Duration timeout = Duration.ofMinutes(args.number("--timeout-minutes", 30));
        List<Boolean> modes = switch (throttling) {
            case "off" -> List.of(false);
            case "on" -> List.of(true);
            case "both" -> List.of(false, true);
            default -> throw new IllegalArgumentException("--arm-throttling must be off, on or both, was '" + throttling + "'");
        };
        int exit = 0;
        for (boolean throttled : modes) {
            FleetScenario scenario = new FleetScenario(1, hosts, 0, 0, window, args.integer("--floor", 0),
                    Duration.ofSeconds(2), Duration.ZERO, args.decimal("--step-seconds", 0.02), throttled,
                    args.integer("--page-size", 10), args.duration("--poll", Duration.ofMillis(200)), args.number("--seed", 1));
            exit |= run(scenario, timeout, args.text("--concurrent-calls", ""), args.text("--log-level", "WARN")) ? 0 : 1;
        }
        System.exit(exit);
    }

    /** @param concurrentCalls messages each service handles at once (its avdroll.servicebus.max-concurrent-calls); blank keeps the default (16) */
    static boolean run(FleetScenario scenario, Duration timeout, String concurrentCalls, String logLevel) {
        String pool = FleetScenario.poolName(0);
        System.out.printf("%n== Orchestration overhead: 1 pool x %d hosts, window %d, Azure steps %.3f s, AVD page size %d, "
                        + "service polls %s, concurrent calls per service %s, ARM throttling %s ==%n",
                scenario.standardHosts(), scenario.maxUnavailable(), scenario.azureStepSeconds(), scenario.avdPageSize(),
                scenario.servicePoll(), concurrentCalls.isBlank() ? "default (16)" : concurrentCalls,
                scenario.armThrottling() ? "ON (published per-subscription buckets)" : "off");
        RolloutWatcher watcher = new RolloutWatcher();
        Path logs = BenchDeployment.repoDir().resolve("e2e/target/bench-logs/overhead-" + scenario.standardHosts()
                + (scenario.armThrottling() ? "-throttled" : ""));
        try (BenchDeployment deployment = BenchDeployment.start(scenario, logLevel, watcher, logs, settings -> {
            if (!concurrentCalls.isBlank()) {
                settings.values().forEach(s -> s.put("avdroll.servicebus.max-concurrent-calls", concurrentCalls));
            }
        })) {
            Map<String, Double> cpuBefore = ServiceUsage.cpu(deployment);
            Instant started = Instant.now();
            deployment.requestRollout(scenario, pool, "overhead-" + started.getEpochSecond(),
                    new SpecOverrides(Integer.toString(scenario.maxUnavailable()), 0, 100, null, Duration.ZERO,
                            scenario.minAvailableHosts()));
            boolean finished = Await.settled(watcher, List.of(pool), scenario.hostsPerPool(), timeout, Duration.ofSeconds(15), () -> false);
            Duration wall = Duration.between(started, Instant.now());
            ArmTraffic traffic = new ArmTraffic(deployment.emulator().audit().all());
            RunVerdict verdict = RunVerdict.check(deployment.emulator(), watcher, List.of(pool), scenario.maxUnavailable(),
                    scenario.minAvailableHosts());
            print(scenario, finished, wall, traffic, verdict, watcher, pool);
            ServiceUsage.print(deployment, cpuBefore, wall);
            return finished && verdict.violations().isEmpty();
        }
    }

    static void print(FleetScenario scenario, boolean finished, Duration wall, ArmTraffic traffic, RunVerdict verdict,
                      RolloutWatcher watcher, String pool) {
        int hosts = scenario.hostsPerPool();
        System.out.printf("%nrollout %s in %.1f s wall (%d verified, %d failed of %d)%n", finished ? "finished" : "NOT finished",
                wall.toMillis() / 1000.0, watcher.verified(pool).size(), watcher.failed(pool).size(), hosts);
        System.out.println();
        System.out.println("| hand-off (event accepted by the broker -> next stage's first ARM call) | n | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (double warmUp : new double[] {0, 0.1}) {
            List<Double> all = new ArrayList<>();
            String suffix = warmUp == 0 ? "" : " (first 10% left out)";
            traffic.handOffMillis(Duration.ofSeconds(60), warmUp).forEach((topic, millis) -> {
                all.addAll(millis);
                row(topic + " -> " + ArmTraffic.CONSUMER.get(topic) + suffix, Percentiles.of(millis));
            });
            row("all hand-offs" + suffix, Percentiles.of(all));
        }
        System.out.println();
        Map<String, Long> byService = traffic.callsByService();
        long stageCalls = byService.entrySet().stream().filter(e -> !e.getKey().equals("scheduler-service") && !e.getKey().equals("api"))
                .mapToLong(Map.Entry::getValue).sum();
        long coordinatorCalls = byService.getOrDefault("scheduler-service", 0L);
        Percentiles scoped = Percentiles.of(traffic.hostScopedCalls().values());
        System.out.println("| Azure calls (from the audit log) | value |");
        System.out.println("|---|---:|");
        System.out.printf("| all ARM calls per host redeploy (every service, LRO polls and 429s included) | %.1f |%n",
                (stageCalls + coordinatorCalls) / (double) hosts);
        System.out.printf("| - by drain + provisioner + verifier, per host | %.1f |%n", stageCalls / (double) hosts);
        System.out.printf("| - by the coordinator (pool reads), per host | %.1f |%n", coordinatorCalls / (double) hosts);
        System.out.printf("| calls naming the host's VM or session host, p50 / max per host | %.0f / %.0f |%n", scoped.p50(), scoped.max());
        byService.forEach((service, n) -> System.out.printf("| calls by %s | %d |%n", service, n));
        System.out.printf("| answered 429 (throttled) | %d |%n", traffic.throttled());
        long throttleFailures = verdict.failures().stream().filter(f -> f.contains("429") || f.toLowerCase().contains("throttl")).count();
        System.out.printf("| hosts failed because of throttling | %d |%n", throttleFailures);
        System.out.printf("| hosts failed (any reason) | %d |%n", verdict.failures().size());
        RunVerdict.PoolFigures figures = verdict.pools().get(pool);
        System.out.printf("| most hosts in flight (window %d) | %d |%n", figures.window(), figures.mostInFlight());
        System.out.printf("| violations (window, floor, double drain, orphans, dead letters) | %d |%n", verdict.violations().size());
        verdict.violations().stream().limit(20).forEach(v -> System.out.println("  VIOLATION " + v));
        verdict.failures().stream().limit(10).forEach(f -> System.out.println("  failed " + f));
    }

    static void row(String name, Percentiles p) {
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, p.count(), p.p50(), p.p90(), p.p99(), p.max());
    }
}
