package io.avdroll.simulation;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Random duration ranges of the simulated world. Users log off at exponentially distributed times with mean
 * {@code meanLogoffFractionOfGrace} × grace period; whoever is left at the deadline is forced off.
 */
public record Timings(double meanLogoffFractionOfGrace, Range emptyDrain, Range provision, Range registration,
                      Range verify, Range surgeResume, Range delivery) {

    public record Range(Duration min, Duration max) {
        public Duration sample(SplittableRandom random) {
            long span = max.toMillis() - min.toMillis();
            return min.plusMillis(span <= 0 ? 0 : random.nextLong(span + 1));
        }

        @Override
        public String toString() {
            return min.equals(max) ? min.toString() : min + ".." + max;
        }
    }

    /** The distributions in a line, for people reading an estimate made with them. */
    public String describe() {
        return "users sign out after " + meanLogoffFractionOfGrace + " x grace on average (the rest at the deadline); empty drain "
                + emptyDrain + ", provision " + provision + ", registration " + registration + ", verify " + verify
                + ", DR resume " + surgeResume + ", report delivery " + delivery;
    }

    static Range minutes(double min, double max) {
        return new Range(Duration.ofSeconds((long) (min * 60)), Duration.ofSeconds((long) (max * 60)));
    }

    /** Figures in the range observed for AVD hosts: 8-20 min to recreate a VM, 2-6 min to register, 5-12 min bake. */
    public static Timings typical() {
        return new Timings(0.6, minutes(0.3, 1), minutes(8, 20), minutes(2, 6), minutes(5, 12), minutes(2, 5),
                new Range(Duration.ZERO, Duration.ofSeconds(20)));
    }

    /**
     * The strategy benchmark's world: users sign out over the grace period (mean a third of it, so about 5% are
     * still there at its end), provisioning 5-15 min, registration 2-10 min plus verification (bake) 3-25 min, i.e.
     * registration + verification 5-35 min.
     */
    public static Timings benchmark() {
        return new Timings(1.0 / 3, minutes(0.3, 1), minutes(5, 15), minutes(2, 10), minutes(3, 25), minutes(2, 5),
                new Range(Duration.ZERO, Duration.ofSeconds(20)));
    }
}
