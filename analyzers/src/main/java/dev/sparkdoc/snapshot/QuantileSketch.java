package dev.sparkdoc.snapshot;

import java.util.Arrays;

/**
 * Quantiles of a stream of longs in bounded memory, with a guaranteed relative error: the value returned for a rank is
 * within {@value #RELATIVE_ACCURACY} (1%) of the true value at that rank, plus at most 1 from rounding to a whole number. Values fall into logarithmic buckets (the
 * DDSketch mapping: bucket {@code i} holds {@code (gamma^(i-1), gamma^i]} with {@code gamma = (1 + a) / (1 - a)});
 * zeros and negative values are counted apart. Metrics from 1 to 10^15 need at most about 1,700 buckets.
 *
 * <p>Min, max, count and sum are exact, and a quantile is clamped to [min, max].
 */
public final class QuantileSketch {

    public static final double RELATIVE_ACCURACY = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private final Buckets positive = new Buckets();
    /** Negative values by magnitude (durations from skewed clocks): rare, but never dropped. */
    private final Buckets negative = new Buckets();
    private long zeros;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    public void add(long value) {
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (value > 0) {
            positive.add(index(value));
        } else if (value == 0) {
            zeros++;
        } else {
            negative.add(index(value == Long.MIN_VALUE ? Long.MAX_VALUE : -value));
        }
    }

    public long count() {
        return count;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /**
     * The value at {@code rank} (0-based) of the values in ascending order, within 1%; ranks outside [0, count) are
     * clamped. {@link Long#MIN_VALUE} when empty.
     */
    public long valueAtRank(long rank) {
        if (count == 0) {
            return Long.MIN_VALUE;
        }
        long r = Math.max(0, Math.min(rank, count - 1));
        long value;
        if (r < negative.total) {
            // Ascending values are descending magnitudes: rank r is the (total - 1 - r)-th smallest magnitude.
            value = -representative(negative.indexAtRank(negative.total - 1 - r));
        } else if (r < negative.total + zeros) {
            value = 0;
        } else {
            value = representative(positive.indexAtRank(r - negative.total - zeros));
        }
        return Math.max(min, Math.min(max, value));
    }

    /** Bytes held, roughly. */
    public long retainedBytes() {
        return 64 + positive.retainedBytes() + negative.retainedBytes();
    }

    private static int index(long magnitude) {
        return (int) Math.ceil(Math.log(magnitude) / LOG_GAMMA);
    }

    /** The middle of bucket {@code index} in the relative sense: within 1% of every value the bucket holds. */
    private static long representative(int index) {
        return Math.round(2 * Math.pow(GAMMA, index) / (GAMMA + 1));
    }

    /** Counts per bucket index, in one array from the smallest index seen to the largest. */
    private static final class Buckets {
        private long[] counts = new long[0];
        private int offset;
        private long total;

        void add(int index) {
            if (counts.length == 0) {
                counts = new long[8];
                offset = index;
            } else if (index < offset) {
                int grow = Math.max(offset - index, counts.length / 2);
                long[] larger = new long[counts.length + grow];
                System.arraycopy(counts, 0, larger, grow, counts.length);
                counts = larger;
                offset -= grow;
            } else if (index - offset >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(index - offset + 1, counts.length + counts.length / 2));
            }
            counts[index - offset]++;
            total++;
        }

        /** The bucket index holding the value of {@code rank} (0-based, ascending). */
        int indexAtRank(long rank) {
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen > rank) {
                    return i + offset;
                }
            }
            throw new IllegalStateException("rank " + rank + " of " + total);
        }

        long retainedBytes() {
            return 16L + counts.length * 8L;
        }
    }
}
