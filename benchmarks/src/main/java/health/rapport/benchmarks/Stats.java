package health.rapport.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a small sample (nearest-rank percentiles, no interpolation). */
public final class Stats {

    private Stats() {
    }

    /** The p-th percentile (0 < p ≤ 100) of {@code sorted}, nearest rank. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** "min / median / max" of millisecond values, e.g. {@code 2.31 / 2.50 / 3.02 s}. */
    public static String minMedianMaxSeconds(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "n/a";
        }
        return String.format("%.2f / %.2f / %.2f s", sorted[0] / 1000.0, median(sorted) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    public static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    public static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** A difference in MiB, sign kept. */
    public static String mibSigned(long bytes) {
        return String.format("%+.1f MiB", bytes / 1024.0 / 1024.0);
    }

    public static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
