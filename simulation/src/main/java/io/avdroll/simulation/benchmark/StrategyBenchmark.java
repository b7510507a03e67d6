package io.avdroll.simulation.benchmark;

import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.RolloutState;
import io.avdroll.simulation.AdmissionStrategy;
import io.avdroll.simulation.Scenarios;
import io.avdroll.simulation.Simulation;
import io.avdroll.simulation.SimulationConfig;
import io.avdroll.simulation.SimulationListener;
import io.avdroll.simulation.SimulationResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy benchmark: the production sliding window against lock-step batches of the same size, surge first
 * and one at a time, on the same pools, seeds and per-host durations, and prints one table per pool size.
 * Run from the repository root: {@code ./mvnw -q -pl simulation -am process-classes -Pstrategy-benchmark}
 * (options with {@code -Dbench.args="--pools 20,200 --seeds 3"}; {@code --help} lists them).
 */
public final class StrategyBenchmark {

    static final List<AdmissionStrategy> STRATEGIES = List.of(AdmissionStrategy.planner(), AdmissionStrategy.lockStep(),
            AdmissionStrategy.surgeFirst(), AdmissionStrategy.oneAtATime());

    private StrategyBenchmark() {
    }

    /** What one benchmark run varies. */
    record Settings(List<Integer> pools, int seeds, String maxUnavailable, int graceMinutes, double failureRate,
                    int sessionLimit, String failureBudget) {

        static Settings parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value pairs, got \"" + args[i] + "\"");
                }
                o.put(args[i].substring(2), args[++i]);
            }
            List<String> known = List.of("pools", "seeds", "max-unavailable", "grace-minutes", "failure-rate", "session-limit", "failure-budget");
            for (String key : o.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("--" + key + ": unknown option; known: " + known);
                }
            }
            try {
                return new Settings(
                        Arrays.stream(o.getOrDefault("pools", "20,200,1000").split(",")).map(String::trim).map(Integer::parseInt).toList(),
                        Integer.parseInt(o.getOrDefault("seeds", "5")),
                        o.getOrDefault("max-unavailable", "10%"),
                        Integer.parseInt(o.getOrDefault("grace-minutes", "60")),
                        Double.parseDouble(o.getOrDefault("failure-rate", "0.03")),
                        Integer.parseInt(o.getOrDefault("session-limit", "10")),
                        o.getOrDefault("failure-budget", "25%"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a numeric option is not a number: " + e.getMessage());
            }
        }

        SimulationConfig config(int hosts, long seed) {
            return Scenarios.benchmark(hosts, seed, maxUnavailable, graceMinutes, failureRate, sessionLimit, failureBudget);
        }
    }

    /** One strategy's runs on one pool size, summarised. */
    record Row(AdmissionStrategy strategy, List<SimulationResult> runs) {
        double mean(java.util.function.ToDoubleFunction<SimulationResult> f) {
            return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
        }

        double max(java.util.function.ToDoubleFunction<SimulationResult> f) {
            return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
        }

        int min(java.util.function.ToIntFunction<SimulationResult> f) {
            return runs.stream().mapToInt(f).min().orElse(0);
        }

        long completed() {
            return runs.stream().filter(r -> r.record().state() == RolloutState.COMPLETED).count();
        }
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            if (Arrays.asList(args).contains("--help")) {
                System.out.println("options: --pools 20,200,1000 --seeds 5 --max-unavailable 10% --grace-minutes 60 "
                        + "--failure-rate 0.03 --session-limit 10 --failure-budget 25%");
                return;
            }
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        out.printf("strategy benchmark: seeds 1..%d per pool, window %s, grace %d min, failure rate %.0f%%, %d sessions/host%n",
                settings.seeds(), settings.maxUnavailable(), settings.graceMinutes(), settings.failureRate() * 100, settings.sessionLimit());
        for (int hosts : settings.pools()) {
            long t0 = System.nanoTime();
            List<Row> rows = run(settings, hosts);
            print(out, hosts, rows, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    static List<Row> run(Settings settings, int hosts) {
        List<Row> rows = new ArrayList<>();
        for (AdmissionStrategy strategy : STRATEGIES) {
            List<SimulationResult> runs = new ArrayList<>();
            for (long seed = 1; seed <= settings.seeds(); seed++) {
                runs.add(Simulation.run(settings.config(hosts, seed), strategy, SimulationListener.NONE));
            }
            rows.add(new Row(strategy, runs));
        }
        return rows;
    }

    static void print(PrintStream out, int hosts, List<Row> rows, long wallMillis) {
        Row sliding = rows.get(0);
        Row lockStep = rows.get(1);
        out.println();
        out.printf("pool of %d hosts (%d seeds, simulated in %d ms wall time); means over seeds, worst in brackets%n",
                hosts, sliding.runs().size(), wallMillis);
        String line = "+--------------------------+-----+-----------+-----------+--------------+----------+--------+-----------+---------+-----------------+-----------+";
        out.println(line);
        out.println("| strategy                 |  W  | makespan  | lower bnd | / lower bnd  | vs slide | forced | user-min  | lowest  | extra VMs       | completed |");
        out.println("|                          |     |   h:mm    |   h:mm    | mean [worst] |          | logoffs| disrupted | serving | peak / VM-hours |           |");
        out.println(line);
        for (Row row : rows) {
            out.printf("| %-24s | %3d | %9s | %9s | %5.2f [%4.2f] | %7.0f%% | %6.1f | %9.0f | %7d | %4d / %8.1f | %4d/%-4d |%n",
                    row.strategy().name(), row.runs().get(0).window(),
                    hm(row.mean(r -> r.makespan().toSeconds())), hm(row.mean(r -> r.lowerBound().toSeconds())),
                    row.mean(SimulationResult::efficiency), row.max(SimulationResult::efficiency),
                    100 * row.mean(r -> r.makespan().toSeconds()) / sliding.mean(r -> r.makespan().toSeconds()),
                    row.mean(SimulationResult::forcedLogoffs), row.mean(r -> r.userTimeDisrupted().toSeconds() / 60.0),
                    row.min(SimulationResult::lowestServingHosts), (int) row.max(SimulationResult::peakExtraVms),
                    row.mean(r -> r.extraVmTime().toSeconds() / 3600.0), row.completed(), row.runs().size());
        }
        out.println(line);
        double shorter = 1 - sliding.mean(r -> r.makespan().toSeconds()) / lockStep.mean(r -> r.makespan().toSeconds());
        out.printf("goals: sliding window within 10%% of the lower bound: %s (mean %.3f, worst %.3f); "
                        + "at least 30%% shorter than lock-step: %s (%.1f%% shorter); no more forced log-offs: %s (%.1f vs %.1f)%n",
                verdict(sliding.max(SimulationResult::efficiency) <= 1.10), sliding.mean(SimulationResult::efficiency),
                sliding.max(SimulationResult::efficiency), verdict(shorter >= 0.30), shorter * 100,
                verdict(sliding.mean(SimulationResult::forcedLogoffs) <= lockStep.mean(SimulationResult::forcedLogoffs)),
                sliding.mean(SimulationResult::forcedLogoffs), lockStep.mean(SimulationResult::forcedLogoffs));
        int failed = sliding.runs().stream().mapToInt(r -> r.record().count(HostStage.FAILED)).sum();
        out.printf("hosts failed (same hosts under every strategy): %d over %d runs%n", failed, sliding.runs().size());
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    private static String hm(double seconds) {
        long minutes = Math.round(seconds / 60);
        return String.format("%d:%02d", minutes / 60, minutes % 60);
    }
}
