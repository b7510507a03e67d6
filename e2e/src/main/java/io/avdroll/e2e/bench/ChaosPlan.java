package io.avdroll.e2e.bench;

import io.avdroll.emulator.fault.FaultRule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The faults of one chaos round, drawn from its seed alone so a round can be replayed with the same plan:
 * per pool (AllocationFailed once or for good, a host that never registers, users who never log off) and for the
 * whole deployment (service kills with restarts, throttling storms, duplicate deliveries) at moments into the round.
 * Replaying gives the same plan; the interleaving with the services' own timing is the machine's.
 */
public record ChaosPlan(long seed, List<PoolFault> poolFaults, List<Kill> kills, List<Storm> storms, List<Duplicate> duplicates) {

    public record PoolFault(int poolSlot, String kind, int host, boolean persistent) {
        public FaultRule rule(int poolIndex, String poolName) {
            FaultRule rule = new FaultRule();
            rule.kind = kind;
            String vm = String.format(Locale.ROOT, "%s%02d", FleetScenario.standardPrefix(poolIndex), host);
            switch (kind) {
                case "vmCreateFailure" -> {
                    rule.vmNamePattern = vm;
                    rule.code = "AllocationFailed";
                    rule.count = persistent ? null : 1;
                }
                case "hostNeverRegisters" -> rule.vmNamePattern = vm;
                case "usersNeverLogOff" -> rule.hostPool = poolName;
                default -> throw new IllegalStateException(kind);
            }
            return rule;
        }

        public String describe() {
            return switch (kind) {
                case "vmCreateFailure" -> "AllocationFailed " + (persistent ? "always" : "once") + " on std-" + host;
                case "hostNeverRegisters" -> "std-" + host + " never registers";
                default -> "users never log off";
            };
        }
    }

    public record Kill(Duration at, String service, Duration downFor) {
    }

    public record Storm(Duration at, double seconds) {
    }

    /** Re-delivers {@code count} hand-off messages seen so far (a copy under a new MessageId) at {@code at}. */
    public record Duplicate(Duration at, int count) {
    }

    public static ChaosPlan draw(long seed, int pools, int standardHosts, Duration span) {
        Random random = new Random(seed);
        List<PoolFault> poolFaults = new ArrayList<>();
        for (int slot = 0; slot < pools; slot++) {
            if (random.nextDouble() < 0.35) {
                poolFaults.add(new PoolFault(slot, "vmCreateFailure", hostNumber(random, standardHosts), random.nextBoolean()));
            }
            if (random.nextDouble() < 0.25) {
                poolFaults.add(new PoolFault(slot, "hostNeverRegisters", hostNumber(random, standardHosts), true));
            }
            if (random.nextDouble() < 0.35) {
                poolFaults.add(new PoolFault(slot, "usersNeverLogOff", 0, true));
            }
        }
        List<Kill> kills = new ArrayList<>();
        int killCount = random.nextInt(3);
        for (int i = 0; i < killCount; i++) {
            kills.add(new Kill(moment(random, span), BenchDeployment.SERVICES.get(random.nextInt(4)),
                    Duration.ofMillis(500 + random.nextInt(4000))));
        }
        List<Storm> storms = new ArrayList<>();
        if (random.nextDouble() < 0.5) {
            storms.add(new Storm(moment(random, span), 2 + random.nextInt(8)));
        }
        List<Duplicate> duplicates = new ArrayList<>();
        int dupCount = random.nextInt(4);
        for (int i = 0; i < dupCount; i++) {
            duplicates.add(new Duplicate(moment(random, span), 1 + random.nextInt(3)));
        }
        return new ChaosPlan(seed, poolFaults, kills, storms, duplicates);
    }

    /**
     * A standard host's number: the seeder numbers hosts from 01. Draws 0..n-1 and reads 0 as n, so seeds whose
     * draw was 1..n-1 keep the plan they had when 0 (a host that does not exist) was used by mistake.
     */
    static int hostNumber(Random random, int standardHosts) {
        int drawn = random.nextInt(standardHosts);
        return drawn == 0 ? standardHosts : drawn;
    }

    private static Duration moment(Random random, Duration span) {
        return Duration.ofMillis((long) (random.nextDouble() * span.toMillis()));
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        poolFaults.forEach(f -> parts.add("pool" + f.poolSlot() + ": " + f.describe()));
        kills.forEach(k -> parts.add("kill " + k.service() + " @" + k.at().toSeconds() + "s for " + k.downFor().toMillis() + "ms"));
        storms.forEach(s -> parts.add("429 storm @" + s.at().toSeconds() + "s for " + s.seconds() + "s"));
        duplicates.forEach(d -> parts.add(d.count() + " duplicate(s) @" + d.at().toSeconds() + "s"));
        return parts.isEmpty() ? "no faults" : String.join("; ", parts);
    }
}
