package io.avdroll.e2e.bench;

import io.avdroll.events.SpecOverrides;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue item "many pools at once": {@code --pools} pools of {@code --hosts} hosts each, all rolled at the same
 * time by one deployment (the four services, one instance each) on the emulator. Prints per pool the most hosts
 * in flight against the window and the lowest serving hosts against the floor (both from the audit log), the
 * total wall time, and each service's CPU time and resident memory from /proc.
 */
public final class ManyPoolsBenchmark {

    public static void main(String[] argv) {
        Args args = new Args(argv);
        BenchDeployment.allowSlowStarts();
        int poolCount = args.integer("--pools", 50);
        int hosts = args.integer("--hosts", 40);
        FleetScenario scenario = new FleetScenario(poolCount, hosts, 0, 0, args.integer("--window", 4),
                args.integer("--floor", hosts - args.integer("--window", 4)), Duration.ofSeconds(2), Duration.ZERO,
                args.decimal("--step-seconds", 0.2), false, args.integer("--page-size", 10),
                args.duration("--poll", Duration.ofMillis(500)), args.number("--seed", 1));
        Duration timeout = Duration.ofMinutes(args.number("--timeout-minutes", 40));
        System.out.printf("%n== Many pools at once: %d pools x %d hosts (%d hosts), window %d, floor %d, Azure steps %.2f s ==%n",
                poolCount, hosts, scenario.totalHosts(), scenario.maxUnavailable(), scenario.minAvailableHosts(), scenario.azureStepSeconds());
        List<String> pools = new ArrayList<>();
        for (int i = 0; i < poolCount; i++) {
            pools.add(FleetScenario.poolName(i));
        }
        RolloutWatcher watcher = new RolloutWatcher();
        Path logs = BenchDeployment.repoDir().resolve("e2e/target/bench-logs/many-pools-" + poolCount + "x" + hosts);
        try (BenchDeployment deployment = BenchDeployment.start(scenario, "WARN", watcher, logs)) {
            Map<String, Double> cpuBefore = ServiceUsage.cpu(deployment);
            Instant started = Instant.now();
            for (String pool : pools) {
                deployment.requestRollout(scenario, pool, "many-" + started.getEpochSecond(),
                        new SpecOverrides(Integer.toString(scenario.maxUnavailable()), 0, 100, null, Duration.ZERO, scenario.minAvailableHosts()));
            }
            boolean finished = Await.settled(watcher, pools, scenario.hostsPerPool(), timeout, Duration.ofSeconds(30), () -> false);
            Duration wall = Duration.between(started, Instant.now());
            RunVerdict verdict = RunVerdict.check(deployment.emulator(), watcher, pools, scenario.maxUnavailable(), scenario.minAvailableHosts());
            System.out.printf("%n%d pools x %d hosts %s in %.1f s wall%n%n", poolCount, hosts, finished ? "finished" : "NOT finished",
                    wall.toMillis() / 1000.0);
            System.out.println("| pool | verified | failed | most in flight (window) | lowest serving (floor) | held |");
            System.out.println("|---|---:|---:|---:|---:|---|");
            int held = 0;
            for (RunVerdict.PoolFigures p : verdict.pools().values()) {
                boolean ok = p.mostInFlight() <= p.window() && p.lowestServing() >= p.floor() && p.verified() + p.failed() == p.hosts();
                held += ok ? 1 : 0;
                System.out.printf("| %s | %d | %d | %d (%d) | %d (%d) | %s |%n", p.pool(), p.verified(), p.failed(), p.mostInFlight(),
                        p.window(), p.lowestServing(), p.floor(), ok ? "yes" : "NO");
            }
            System.out.printf("%npools with window and floor held and every host settled: %d / %d; violations %d%n", held, poolCount,
                    verdict.violations().size());
            verdict.violations().stream().limit(30).forEach(v -> System.out.println("  VIOLATION " + v));
            ArmTraffic traffic = new ArmTraffic(deployment.emulator().audit().all());
            System.out.printf("ARM calls %d (%.1f per host), 429s %d%n", traffic.calls().size(),
                    traffic.calls().size() / (double) scenario.totalHosts(), traffic.throttled());
            ServiceUsage.print(deployment, cpuBefore, wall);
            System.exit(finished && verdict.violations().isEmpty() ? 0 : 1);
        }
    }
}
