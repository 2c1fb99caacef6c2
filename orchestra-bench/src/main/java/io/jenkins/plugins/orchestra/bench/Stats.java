package io.jenkins.plugins.orchestra.bench;

import java.util.Arrays;

/** Order statistics of a sample, by nearest rank. */
public record Stats(int count, double min, double median, double p90, double max, double mean) {

    public static Stats of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("sample must not be empty");
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Stats(
                sorted.length,
                sorted[0],
                percentile(sorted, 50),
                percentile(sorted, 90),
                sorted[sorted.length - 1],
                sum / sorted.length);
    }

    /** The smallest value with at least {@code p} percent of the sample at or below it. */
    public static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
