package dev.sparkdoc.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LongColumnTest {

    @Test
    void keepsEveryValueExactlyAcrossWidthsChunksAndCompaction() {
        Random random = new Random(7);
        LongColumn column = new LongColumn();
        long[] expected = new long[20_000];
        for (int i = 0; i < expected.length; i++) {
            long value = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(200);
                case 2 -> 1_000_000 + random.nextInt(60_000);
                case 3 -> random.nextInt();
                default -> random.nextLong();
            };
            expected[i] = value;
            column.add(value);
            if (i == 5_000 || i == 9_999 || i == 12_288) {
                column.compact();
            }
        }
        column.compact();
        assertEquals(expected.length, column.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], column.get(i), "row " + i);
        }
    }

    @Test
    void smallAndConstantValuesCostLittle() {
        LongColumn zeros = new LongColumn();
        LongColumn small = new LongColumn();
        for (int i = 0; i < 100_000; i++) {
            zeros.add(0);
            small.add(i % 250);
        }
        zeros.compact();
        small.compact();
        assertTrue(zeros.retainedBytes() < 2_000, "zeros: " + zeros.retainedBytes());
        assertTrue(small.retainedBytes() < 110_000, "bytes: " + small.retainedBytes());
    }
}
