package io.avdroll.e2e.bench;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.servicebus.SentMessage;
import io.avdroll.events.EventType;
import io.avdroll.events.SpecOverrides;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Issue item "chaos campaign": rounds of end-to-end rollouts on one deployment (emulator + the four services as
 * processes), each round rolling {@code --parallel} fresh pools at once under faults drawn from the round's seed
 * (see {@link ChaosPlan}), then checking every pool from the emulator's audit log ({@link RunVerdict}). Prints one
 * line per round and a final table with every seed, so a failing round can be replayed with
 * {@code --seed <seed> --rounds 1}.
 */
public final class ChaosCampaign {

    public static void main(String[] argv) {
        Args args = new Args(argv);
        BenchDeployment.allowSlowStarts();
        int rounds = args.integer("--rounds", 34);
        int parallel = args.integer("--parallel", 3);
        long baseSeed = args.number("--seed", 1000);
        String stopAt = args.text("--stop-at-utc", "");
        Duration roundTimeout = Duration.ofMinutes(args.number("--round-timeout-minutes", 4));
        FleetScenario scenario = new FleetScenario(1, args.integer("--hosts", 5), args.integer("--dr", 1), 2,
                args.integer("--window", 2), args.integer("--floor", 2), Duration.ofSeconds(4), Duration.ofSeconds(1),
                args.decimal("--step-seconds", 0.3), false, 10, Duration.ofMillis(500), baseSeed);
        System.out.printf("Chaos campaign: %d rounds x %d pools of %d standard + %d DR hosts (window %d, floor %d), seeds %d..%d%n",
                rounds, parallel, scenario.standardHosts(), scenario.drHosts(), scenario.maxUnavailable(), scenario.minAvailableHosts(),
                baseSeed, baseSeed + rounds - 1);
        RolloutWatcher watcher = new RolloutWatcher();
        Path logs = BenchDeployment.repoDir().resolve("e2e/target/bench-logs/chaos");
        List<String> report = new ArrayList<>();
        int runs = 0;
        int badRuns = 0;
        int violations = 0;
        try (BenchDeployment deployment = BenchDeployment.start(scenario, "INFO", watcher, logs,
                settings -> settings.get("verifier-service").put("avdroll.verify.registration-timeout", "PT20S"))) {
            int nextPool = 1; // pool 0 is the scenario's own; every round takes fresh ones
            for (int round = 0; round < rounds; round++) {
                if (!stopAt.isBlank() && LocalTime.now(ZoneOffset.UTC).isAfter(LocalTime.parse(stopAt))) {
                    System.out.printf("stopping before round %d: it is past %s UTC%n", round, stopAt);
                    break;
                }
                long seed = baseSeed + round;
                List<Integer> poolIndices = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    poolIndices.add(nextPool++);
                }
                RoundResult result = runRound(deployment, scenario, watcher, seed, poolIndices, roundTimeout);
                runs += parallel;
                badRuns += result.badPools();
                violations += result.violations().size();
                String line = String.format("| %d | %d | %s | %d | %d | %d | %s |", round, seed, result.plan().describe(), result.verified(),
                        result.failed(), result.violations().size(), result.seconds() + " s");
                report.add(line);
                System.out.println(line);
                result.violations().forEach(v -> System.out.println("    VIOLATION seed " + seed + ": " + v));
                result.failures().forEach(f -> System.out.println("    failed (with reason) " + f));
            }
            System.out.println();
            System.out.printf("Chaos campaign: %d rounds, %d pool rollouts (runs), %d runs with violations, %d violations%n",
                    report.size(), runs, badRuns, violations);
            System.out.println();
            System.out.println("| round | seed | faults | hosts verified | hosts failed (with reason) | violations | wall |");
            System.out.println("|---:|---:|---|---:|---:|---:|---:|");
            report.forEach(System.out::println);
            List<String> dead = RunVerdict.allDeadLetters(deployment.emulator());
            System.out.printf("%nDead-lettered messages in the namespace at the end: %d%n", dead.size());
            dead.forEach(d -> System.out.println("  " + d));
            System.exit(violations == 0 ? 0 : 1);
        }
    }

    record RoundResult(ChaosPlan plan, int verified, int failed, List<String> violations, List<String> failures,
                       int badPools, long seconds) {
    }

    static RoundResult runRound(BenchDeployment deployment, FleetScenario scenario, RolloutWatcher watcher, long seed,
                                List<Integer> poolIndices, Duration timeout) {
        ChaosPlan plan = ChaosPlan.draw(seed, poolIndices.size(), scenario.standardHosts(), Duration.ofSeconds(40));
        List<String> pools = poolIndices.stream().map(FleetScenario::poolName).toList();
        deployment.emulator().seed(Seed.parse(scenario.poolsSeedJson(poolIndices.get(0), poolIndices.size())));
        List<String> faultIds = new ArrayList<>();
        for (ChaosPlan.PoolFault f : plan.poolFaults()) {
            int index = poolIndices.get(f.poolSlot());
            faultIds.add(deployment.emulator().faults().add(f.rule(index, FleetScenario.poolName(index))).id);
        }
        Instant started = Instant.now();
        for (String pool : pools) {
            deployment.requestRollout(scenario, pool, "chaos-" + seed,
                    new SpecOverrides(null, 0, 100, null, null, null));
        }
        java.util.concurrent.ScheduledThreadPoolExecutor chaos = new java.util.concurrent.ScheduledThreadPoolExecutor(2);
        Map<String, Boolean> inChaos = new ConcurrentHashMap<>();
        Random duplicatePicker = new Random(seed ^ 0x5DEECE66DL);
        try {
            for (ChaosPlan.Kill k : plan.kills()) {
                chaos.schedule(() -> {
                    inChaos.put("kill", true);
                    try {
                        deployment.service(k.service()).kill();
                        Await.sleep(k.downFor());
                        deployment.service(k.service()).start();
                    } finally {
                        inChaos.remove("kill");
                    }
                }, k.at().toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ChaosPlan.Storm s : plan.storms()) {
                chaos.schedule(() -> {
                    FaultRule storm = new FaultRule();
                    storm.kind = "throttle";
                    storm.durationSeconds = s.seconds();
                    storm.retryAfterSeconds = 1;
                    deployment.emulator().faults().add(storm);
                }, s.at().toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ChaosPlan.Duplicate d : plan.duplicates()) {
                chaos.schedule(() -> redeliver(deployment, watcher, pools, d.count(), duplicatePicker), d.at().toMillis(), TimeUnit.MILLISECONDS);
            }
            boolean settled = Await.settled(watcher, pools, scenario.hostsPerPool(), timeout, Duration.ZERO, () -> false);
            // faults not yet due are dropped (the round is over); one under way (a kill and its restart) finishes
            chaos.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            chaos.shutdown();
            awaitQuietly(chaos);
            // a service still down (a kill late in the round) is restarted before judging
            for (String service : BenchDeployment.SERVICES) {
                if (!deployment.service(service).alive()) {
                    deployment.service(service).start();
                }
            }
            if (settled) {
                Await.sleep(Duration.ofSeconds(2)); // the last host's own clean-up calls after its final event
            }
            RunVerdict verdict = RunVerdict.check(deployment.emulator(), watcher, pools, scenario.maxUnavailable(), scenario.minAvailableHosts());
            List<String> violations = new ArrayList<>(verdict.violations());
            if (!settled) {
                for (String pool : pools) {
                    int done = watcher.settled(pool);
                    if (done < scenario.hostsPerPool()) {
                        violations.add(pool + ": not settled within " + timeout + " (" + done + "/" + scenario.hostsPerPool() + " hosts)");
                    }
                }
            }
            int verified = pools.stream().mapToInt(p -> watcher.verified(p).size()).sum();
            int failed = pools.stream().mapToInt(p -> watcher.failed(p).size()).sum();
            int badPools = (int) pools.stream().filter(p -> violations.stream().anyMatch(v -> v.contains(p))).count();
            if (badPools == 0 && !violations.isEmpty()) {
                badPools = 1;
            }
            return new RoundResult(plan, verified, failed, violations, verdict.failures(), badPools,
                    Duration.between(started, Instant.now()).toSeconds());
        } finally {
            chaos.shutdownNow();
            faultIds.forEach(id -> deployment.emulator().faults().remove(id));
        }
    }

    /**
     * A duplicate delivery as a consumer sees one: the same event body once more under a fresh MessageId (duplicate
     * detection would drop the same id), like a redelivery after a lost lock or a sender's retry.
     */
    static void redeliver(BenchDeployment deployment, RolloutWatcher watcher, List<String> pools, int count, Random random) {
        List<SentMessage> candidates = watcher.handOffs().stream()
                .filter(m -> HandOffId.parse(m.messageId()).map(id -> pools.contains(id.pool())).orElse(false)).toList();
        if (candidates.isEmpty()) {
            return;
        }
        ServiceBusClientBuilder client = new ServiceBusClientBuilder().connectionString(deployment.serviceBusConnectionString());
        for (int i = 0; i < count; i++) {
            SentMessage original = candidates.get(random.nextInt(candidates.size()));
            try (ServiceBusSenderClient sender = client.sender().topicName(original.entityPath()).buildClient()) {
                ServiceBusMessage copy = new ServiceBusMessage(original.body());
                copy.setMessageId(original.messageId() + "/dup-" + random.nextInt(1_000_000));
                copy.setSessionId(original.sessionId());
                copy.setSubject(original.subject());
                copy.setContentType("application/json");
                copy.getApplicationProperties().put("avdroll-schema-version", EventType.SCHEMA_VERSION);
                sender.sendMessage(copy);
            } catch (RuntimeException e) {
                System.out.println("    (duplicate not sent: " + e.getMessage() + ")");
            }
        }
    }

    private static void awaitQuietly(java.util.concurrent.ExecutorService executor) {
        try {
            executor.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
