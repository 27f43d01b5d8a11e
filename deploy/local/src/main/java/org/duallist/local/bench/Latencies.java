package org.duallist.local.bench;

import java.util.Arrays;

/** Every latency of one measurement, in microseconds, for exact percentiles (a run holds at most a few hundred thousand). */
public final class Latencies {

    private long[] micros = new long[1024];
    private int count;

    public synchronized void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = nanos / 1_000;
    }

    public synchronized int count() {
        return count;
    }

    /** The summary: count, p50, p95, p99 and max in milliseconds. */
    public synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new Summary(count, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                count == 0 ? 0 : sorted[count - 1] / 1000.0);
    }

    /** The ranks of the percentile curves the report draws (the distribution of a workload's latencies). */
    public static final double[] CURVE_RANKS = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 100};

    /** The latency in milliseconds at each of {@link #CURVE_RANKS}, for the distribution charts. */
    public synchronized double[] curve() {
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        double[] curve = new double[CURVE_RANKS.length];
        for (int i = 0; i < CURVE_RANKS.length; i++) {
            curve[i] = percentile(sorted, CURVE_RANKS[i]);
        }
        return curve;
    }

    /** Records every latency of {@code other} here too (a workload's overall figures from its operations'). */
    public void addAll(Latencies other) {
        long[] theirs;
        int theirCount;
        synchronized (other) {
            theirs = Arrays.copyOf(other.micros, other.count);
            theirCount = other.count;
        }
        synchronized (this) {
            for (int i = 0; i < theirCount; i++) {
                if (count == micros.length) {
                    micros = Arrays.copyOf(micros, count * 2);
                }
                micros[count++] = theirs[i];
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        // the nearest rank; the small allowance keeps 99.9 % of 1,000 at rank 999 despite binary fractions
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1000.0;
    }

    /** Latency figures in milliseconds. */
    public record Summary(int count, double p50, double p95, double p99, double max) {
    }
}
