package dev.sparkdoc.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {

    /**
     * Every rank of several shapes (zeros, negatives, small integers, values across 12 orders of magnitude): the
     * sketch's value is within 1% of the exact one, plus 1 for the rounding to a whole number, min, max and count exact.
     */
    @Test
    void everyRankIsWithinOnePercent() {
        Random random = new Random(3);
        long[][] shapes = new long[4][];
        shapes[0] = random.longs(20_000, 0, 50).toArray();
        shapes[1] = random.longs(20_000, 1, 1_000_000_000_000L).map(v -> v % 3 == 0 ? 0 : (long) Math.pow(v, 0.7))
                .toArray();
        shapes[2] = random.longs(20_000, -5_000, 5_000).toArray();
        shapes[3] = random.doubles(20_000).mapToLong(d -> (long) Math.exp(d * 34)).toArray();
        for (long[] values : shapes) {
            QuantileSketch sketch = new QuantileSketch();
            for (long value : values) {
                sketch.add(value);
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            assertEquals(sorted.length, sketch.count());
            assertEquals(sorted[0], sketch.min());
            assertEquals(sorted[sorted.length - 1], sketch.max());
            for (int rank = 0; rank < sorted.length; rank++) {
                long exact = sorted[rank];
                long estimate = sketch.valueAtRank(rank);
                assertTrue(Math.abs(estimate - exact) <= Math.abs(exact) * QuantileSketch.RELATIVE_ACCURACY + 1,
                        "rank " + rank + ": " + estimate + " for " + exact);
            }
        }
        assertTrue(new QuantileSketch().retainedBytes() < 200);
    }

    @Test
    void sizeDependsOnTheRangeNotTheCount() {
        QuantileSketch small = new QuantileSketch();
        QuantileSketch large = new QuantileSketch();
        Random random = new Random(9);
        for (int i = 0; i < 1_000; i++) {
            small.add(1 + random.nextInt(1_000_000));
        }
        for (int i = 0; i < 1_000_000; i++) {
            large.add(1 + random.nextInt(1_000_000));
        }
        assertTrue(large.retainedBytes() <= small.retainedBytes() * 2, small.retainedBytes() + " vs "
                + large.retainedBytes());
        assertTrue(large.retainedBytes() < 16 * 1024, "" + large.retainedBytes());
    }
}
