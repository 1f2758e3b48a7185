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

    /** Appending a column of a row-major block equals appending its values one by one, across chunks and compaction. */
    @Test
    void stridedAppendsEqualSingleAppends() {
        Random random = new Random(3);
        int width = 7;
        LongColumn single = new LongColumn();
        LongColumn strided = new LongColumn();
        for (int block = 0; block < 200; block++) {
            int rows = 1 + random.nextInt(300);
            long[] rowMajor = new long[rows * width];
            for (int i = 0; i < rowMajor.length; i++) {
                rowMajor[i] = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(1_000);
            }
            int column = random.nextInt(width);
            for (int row = 0; row < rows; row++) {
                single.add(rowMajor[row * width + column]);
            }
            strided.addStrided(rowMajor, column, width, rows);
            if (block % 37 == 0) {
                single.compact();
                strided.compact();
            }
        }
        assertEquals(single.size(), strided.size());
        for (int i = 0; i < single.size(); i++) {
            assertEquals(single.get(i), strided.get(i), "row " + i);
        }
    }

    /**
     * Against a plain array, across blocks of every kind of value (zeros, small, negative, timestamps, ranges that
     * overflow a long's difference), single and strided appends, full chunks, compaction and appends after it:
     * min, max, copyTo and get agree throughout.
     */
    @Test
    void agreesWithAPlainArrayAcrossValueKindsChunksAndCompaction() {
        Random random = new Random(17);
        for (int round = 0; round < 30; round++) {
            LongColumn column = new LongColumn();
            long[] expected = new long[30_000];
            int size = 0;
            while (size < expected.length) {
                int rows = Math.min(expected.length - size, 1 + random.nextInt(random.nextBoolean() ? 200 : 5_000));
                int kind = random.nextInt(7);
                long offset = random.nextInt(3) == 0 ? 1_700_000_000_000L : 0;
                long[] block = new long[rows * 3];
                for (int row = 0; row < rows; row++) {
                    long value = offset + switch (kind) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(200);
                        case 2 -> random.nextInt(70_000) - 1_000;
                        case 3 -> random.nextInt();
                        case 4 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                        case 5 -> size + row;
                        default -> random.nextLong();
                    };
                    block[row * 3 + 1] = value;
                    expected[size + row] = value;
                }
                if (random.nextInt(4) == 0) {
                    for (int row = 0; row < rows; row++) {
                        column.add(block[row * 3 + 1]);
                    }
                } else {
                    column.addStrided(block, 1, 3, rows);
                }
                size += rows;
                if (random.nextInt(5) == 0) {
                    column.compact();
                }
                assertEquals(size, column.size());
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = 0; i < size; i++) {
                    min = Math.min(min, expected[i]);
                    max = Math.max(max, expected[i]);
                }
                assertEquals(min, column.min(), "min, round " + round);
                assertEquals(max, column.max(), "max, round " + round);
                int probe = random.nextInt(size);
                assertEquals(expected[probe], column.get(probe), "row " + probe + ", round " + round);
            }
            long[] copy = new long[expected.length];
            column.copyTo(copy);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, copy, "round " + round);
            column.compact();
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, column.toArray(), "compacted, round " + round);
        }
    }

    /** An empty strided append (a table view taken after its stage completed) must not undo the compaction. */
    @Test
    void anEmptyAppendKeepsACompactedTailCompact() {
        LongColumn column = new LongColumn();
        for (int i = 0; i < 5_000; i++) {
            column.add(i % 100);
        }
        column.compact();
        long compacted = column.retainedBytes();
        column.addStrided(new long[0], 0, 1, 0);
        assertEquals(compacted, column.retainedBytes());
        assertEquals(5_000, column.size());
        assertEquals(99, column.get(4_999));
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
