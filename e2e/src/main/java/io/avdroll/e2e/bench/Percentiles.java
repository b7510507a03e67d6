package io.avdroll.e2e.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample (milliseconds, counts...). */
public record Percentiles(int count, double p50, double p90, double p99, double max, double mean) {

    public static Percentiles of(Collection<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(v.length, rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1], Arrays.stream(v).average().orElseThrow());
    }

    static double rank(double[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
