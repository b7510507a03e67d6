package io.avdroll.simulation;

import io.avdroll.rollout.CanaryPolicy;
import io.avdroll.rollout.HostStage;
import io.avdroll.rollout.MaintenanceWindow;
import io.avdroll.rollout.PlanAction;
import io.avdroll.rollout.RolloutSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one simulated rollout from the command line and prints its progress in virtual time, e.g.
 * {@code --hosts 20 --dr 3 --max-unavailable 3 --floor 16 --surge --seed 7}.
 */
public final class SimulationMain {

    private static final Map<String, String> OPTIONS = new java.util.LinkedHashMap<>();

    static {
        OPTIONS.put("hosts", "standard (always-on) hosts [20]");
        OPTIONS.put("dr", "hibernated DR hosts [0]");
        OPTIONS.put("max-unavailable", "window, count or percent [3]");
        OPTIONS.put("floor", "min serving hosts [0]");
        OPTIONS.put("floor-slots", "min session slots [0]");
        OPTIONS.put("session-limit", "maxSessionLimit per host [10]");
        OPTIONS.put("canary", "canary hosts [0]");
        OPTIONS.put("widen", "widen the window as hosts succeed (flag)");
        OPTIONS.put("budget", "failure budget, count or percent [10%]");
        OPTIONS.put("failure-rate", "probability a host fails a stage [0.03]");
        OPTIONS.put("duplicate-rate", "probability a report is delivered twice [0.05]");
        OPTIONS.put("unhealthy-rate", "probability a host starts unhealthy [0.05]");
        OPTIONS.put("on-target-rate", "probability a host already runs the target image [0.05]");
        OPTIONS.put("grace-minutes", "drain grace period [30]");
        OPTIONS.put("surge", "resume DR hosts as surge (flag)");
        OPTIONS.put("window", "maintenance window HH:MM-HH:MM [none]");
        OPTIONS.put("zone", "time zone of the window [Europe/Berlin]");
        OPTIONS.put("start", "virtual start instant [2025-06-11T20:00:00Z]");
        OPTIONS.put("seed", "random seed [1]");
        OPTIONS.put("strategy", "sliding-window, lock-step, surge-first or one-at-a-time [sliding-window]");
        OPTIONS.put("quiet", "only the summary (flag)");
    }

    private static final Set<String> FLAGS = Set.of("widen", "surge", "quiet");

    private SimulationMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            Map<String, String> options = parse(args);
            if (options.containsKey("help")) {
                usage(out);
                return;
            }
            SimulationConfig config = config(options);
            boolean quiet = options.containsKey("quiet");
            out.printf("simulating %d standard + %d DR hosts, window %s, floor %d hosts / %d slots, seed %d%n",
                    config.standardHosts(), config.drHosts(), config.spec().maxUnavailable(),
                    config.spec().capacityFloor().minAvailableHosts(), config.spec().capacityFloor().minSessionSlots(),
                    config.seed());
            SimulationResult result = Simulation.run(config, strategy(options.getOrDefault("strategy", "sliding-window")),
                    quiet ? SimulationListener.NONE : new Progress(out, config));
            summary(out, config, result);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage(System.err);
            System.exit(2);
        } catch (InvariantViolation e) {
            System.err.println("INVARIANT VIOLATED: " + e.getMessage());
            System.exit(1);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\" (options start with --)");
            }
            String key = arg.substring(2);
            if (key.equals("help")) {
                options.put(key, "");
            } else if (!OPTIONS.containsKey(key)) {
                throw new IllegalArgumentException("--" + key + ": unknown option");
            } else if (FLAGS.contains(key)) {
                options.put(key, "true");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + key + ": needs a value (" + OPTIONS.get(key) + ")");
            } else {
                options.put(key, args[++i]);
            }
        }
        return options;
    }

    static SimulationConfig config(Map<String, String> o) {
        int hosts = integer(o, "hosts", 20);
        int dr = integer(o, "dr", 0);
        RolloutSpec.Builder spec = RolloutSpec.builder(Scenarios.TARGET_IMAGE)
                .maxUnavailable(o.getOrDefault("max-unavailable", "3"))
                .minAvailableHosts(integer(o, "floor", 0))
                .minSessionSlots(integer(o, "floor-slots", 0))
                .canary(new CanaryPolicy(integer(o, "canary", 0), o.containsKey("widen")))
                .failureBudget(o.getOrDefault("budget", "10%"))
                .drAsSurge(o.containsKey("surge"));
        int grace = integer(o, "grace-minutes", 30);
        var defaults = io.avdroll.rollout.DrainPolicy.defaults();
        spec.drain(new io.avdroll.rollout.DrainPolicy(Duration.ofMinutes(grace),
                grace > 15 ? defaults.reminderOffsets() : List.of(), defaults.messageTitle(), defaults.messageText(),
                defaults.reminderText(), true));
        if (o.containsKey("window")) {
            String[] parts = o.get("window").split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--window: expected HH:MM-HH:MM (was \"" + o.get("window") + "\")");
            }
            try {
                spec.maintenanceWindow(new MaintenanceWindow(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]), Set.of(),
                        o.getOrDefault("zone", "Europe/Berlin")));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--window: expected HH:MM-HH:MM (was \"" + o.get("window") + "\")");
            }
        }
        Instant start;
        try {
            start = Instant.parse(o.getOrDefault("start", "2025-06-11T20:00:00Z"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--start: expected an instant like 2025-06-11T20:00:00Z");
        }
        return new SimulationConfig(hosts, dr, integer(o, "session-limit", 10), spec.build(), integer(o, "seed", 1),
                fraction(o, "failure-rate", 0.03), fraction(o, "duplicate-rate", 0.05), fraction(o, "unhealthy-rate", 0.05),
                fraction(o, "on-target-rate", 0.05), start, Timings.typical());
    }

    static AdmissionStrategy strategy(String name) {
        return switch (name) {
            case "sliding-window" -> AdmissionStrategy.planner();
            case "lock-step" -> AdmissionStrategy.lockStep();
            case "surge-first" -> AdmissionStrategy.surgeFirst();
            case "one-at-a-time" -> AdmissionStrategy.oneAtATime();
            default -> throw new IllegalArgumentException("--strategy: expected sliding-window, lock-step, surge-first or "
                    + "one-at-a-time (was \"" + name + "\")");
        };
    }

    private static int integer(Map<String, String> o, String key, int fallback) {
        String value = o.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": expected a whole number (was \"" + value + "\")");
        }
    }

    private static double fraction(Map<String, String> o, String key, double fallback) {
        String value = o.get(key);
        try {
            double d = value == null ? fallback : Double.parseDouble(value.trim());
            if (d < 0 || d > 1) {
                throw new IllegalArgumentException("--" + key + ": expected a probability between 0 and 1 (was " + value + ")");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": expected a number between 0 and 1 (was \"" + value + "\")");
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: SimulationMain [options]");
        OPTIONS.forEach((k, v) -> out.printf("  --%-16s %s%n", k, v));
    }

    private static void summary(PrintStream out, SimulationConfig config, SimulationResult r) {
        var rec = r.record();
        out.println();
        out.println("+-----------------------------+------------------------------------------+");
        row(out, "strategy", r.strategy());
        row(out, "result", rec.state() + (rec.state().name().equals("COMPLETED") ? "" : ": " + rec.stateReason()));
        row(out, "hosts", config.poolSize() + " (" + config.standardHosts() + " standard, " + config.drHosts() + " DR)");
        row(out, "verified / skipped / failed", rec.count(HostStage.VERIFIED) + " / " + rec.count(HostStage.SKIPPED)
                + " / " + rec.count(HostStage.FAILED));
        row(out, "makespan", Simulation.format(r.makespan()));
        row(out, "lower bound", Simulation.format(r.lowerBound()));
        row(out, "makespan / lower bound", String.format("%.2f", r.efficiency()));
        row(out, "forced log-offs", r.forcedLogoffs() + " (" + r.voluntaryLogoffs() + " signed out in time)");
        row(out, "lowest serving hosts", r.lowestServingHosts() + " (floor " + config.spec().capacityFloor().minAvailableHosts()
                + (r.floorChecked() ? ", checked every step)" : ", not held at start: not checked)"));
        row(out, "lowest session slots", r.lowestSessionSlots() + " (floor " + config.spec().capacityFloor().minSessionSlots() + ")");
        row(out, "user-minutes disrupted", Long.toString(r.userTimeDisrupted().toMinutes()));
        row(out, "extra VMs: peak / VM-hours", r.peakExtraVms() + " / " + String.format("%.1f", r.extraVmTime().toSeconds() / 3600.0));
        row(out, "surge resumes", Integer.toString(r.surgeResumes()));
        row(out, "steps / duplicate reports", r.steps() + " / " + r.duplicateDeliveries() + " (" + r.noOpTransitions() + " no-op transitions)");
        row(out, "invariants", "held after every step");
        out.println("+-----------------------------+------------------------------------------+");
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("| %-27s | %-40s |%n", name, value);
    }

    /** Prints actions, finished hosts, and a status line every 15 virtual minutes. */
    private static final class Progress implements SimulationListener {
        private final PrintStream out;
        private final SimulationConfig config;
        private Instant nextStatus;

        Progress(PrintStream out, SimulationConfig config) {
            this.out = out;
            this.config = config;
            this.nextStatus = config.start();
        }

        private String at(Instant now) {
            return "[+" + Simulation.format(Duration.between(config.start(), now)) + "]";
        }

        @Override
        public void action(Instant now, PlanAction action) {
            out.println(at(now) + " " + action.reason());
        }

        @Override
        public void report(Instant now, String host, String what) {
            if (what.startsWith("VERIFIED: ") || what.startsWith("FAILED: ")) {
                out.println(at(now) + " " + host + " " + what);
            }
        }

        @Override
        public void step(Instant now, Simulation.Status s) {
            if (now.isBefore(nextStatus)) {
                return;
            }
            while (!now.isBefore(nextStatus)) {
                nextStatus = nextStatus.plus(Duration.ofMinutes(15));
            }
            out.printf("%s %s: verified %d, in flight %d, pending %d, failed %d, skipped %d | serving %d hosts / %d slots%n",
                    at(now), s.state(), s.verified(), s.inFlight(), s.pending(), s.failed(), s.skipped(), s.servingHosts(),
                    s.sessionSlots());
        }
    }
}
