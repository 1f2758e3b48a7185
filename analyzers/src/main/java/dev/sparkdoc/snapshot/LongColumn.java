package dev.sparkdoc.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only column of longs stored in chunks of the narrowest width that holds them: a chunk whose values are
 * all equal costs nothing per value, small values take one, two or four bytes. Per-task metrics are mostly small or
 * zero, so a stage with a million tasks keeps its exact per-task values in a few megabytes.
 */
public final class LongColumn {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    /** Shared by every column with no open chunk: most columns of finished stages, and stages with no task. */
    private static final long[] NO_VALUES = new long[0];

    private final List<Chunk> sealed = new ArrayList<>();
    private long[] open = NO_VALUES;
    private int openSize;
    private int size;
    /** The last sealed chunk is a partial one, sealed by {@link #compact()}; the next add reopens it. */
    private boolean tailSealed;

    /** A compacted column of {@code values}, in order. */
    public static LongColumn of(long... values) {
        LongColumn column = new LongColumn();
        column.addStrided(values, 0, 1, values.length);
        column.compact();
        return column;
    }

    /**
     * Stores the values added since the last full chunk compactly too. The folder calls this when a stage ends, so a
     * finished stage does not keep a half-empty buffer of 8-byte values per column. Adding later still works.
     */
    public void compact() {
        if (tailSealed || openSize == 0) {
            return;
        }
        sealed.add(Chunk.of(open, openSize));
        open = NO_VALUES;
        openSize = 0;
        tailSealed = true;
    }

    private void reopenTail() {
        Chunk tail = sealed.remove(sealed.size() - 1);
        int length = size - sealed.size() * CHUNK_SIZE;
        long[] values = new long[Math.max(16, Integer.highestOneBit(Math.max(1, length - 1)) << 1)];
        for (int i = 0; i < length; i++) {
            values[i] = tail.get(i);
        }
        open = values;
        openSize = length;
        tailSealed = false;
    }

    public void add(long value) {
        if (tailSealed) {
            reopenTail();
        }
        if (openSize == open.length) {
            if (openSize == CHUNK_SIZE) {
                sealed.add(Chunk.of(open, openSize));
                openSize = 0;
            } else {
                open = Arrays.copyOf(open, Math.min(CHUNK_SIZE, Math.max(16, open.length * 2)));
            }
        }
        open[openSize++] = value;
        size++;
    }

    /**
     * Appends {@code count} values read from {@code source} at {@code offset}, {@code offset + stride}, ...: a column of
     * a row-major block, in one pass with one capacity check per chunk instead of one per value.
     */
    public void addStrided(long[] source, int offset, int stride, int count) {
        if (count == 0) {
            // Nothing to add: a compacted tail stays compact.
            return;
        }
        if (tailSealed) {
            reopenTail();
        }
        int from = offset;
        int left = count;
        while (left > 0) {
            if (openSize == open.length) {
                if (openSize == CHUNK_SIZE) {
                    sealed.add(Chunk.of(open, openSize));
                    openSize = 0;
                } else {
                    open = Arrays.copyOf(open, Math.min(CHUNK_SIZE, Math.max(16, Math.max(open.length * 2,
                            openSize + left))));
                }
            }
            int n = Math.min(left, open.length - openSize);
            long[] target = open;
            int to = openSize;
            for (int i = 0; i < n; i++, from += stride) {
                target[to + i] = source[from];
            }
            openSize += n;
            size += n;
            left -= n;
        }
    }

    public int size() {
        return size;
    }

    public long get(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        int chunk = row >>> CHUNK_BITS;
        if (chunk < sealed.size()) {
            return sealed.get(chunk).get(row & CHUNK_MASK);
        }
        return open[row & CHUNK_MASK];
    }

    /** A new array with every value, in row order. */
    public long[] toArray() {
        long[] values = new long[size];
        copyTo(values);
        return values;
    }

    /** Copies every value, in row order, to the start of {@code target}, a chunk at a time. */
    public void copyTo(long[] target) {
        if (target.length < size) {
            throw new IndexOutOfBoundsException(size + " values do not fit in " + target.length);
        }
        int at = 0;
        for (Chunk chunk : sealed) {
            int length = Math.min(CHUNK_SIZE, size - at);
            chunk.copyTo(target, at, length);
            at += length;
        }
        System.arraycopy(open, 0, target, at, openSize);
    }

    /** The smallest value; {@link Long#MAX_VALUE} when empty. Cheap: each stored chunk knows its range. */
    public long min() {
        long min = Long.MAX_VALUE;
        for (Chunk chunk : sealed) {
            min = Math.min(min, chunk.min());
        }
        for (int i = 0; i < openSize; i++) {
            min = Math.min(min, open[i]);
        }
        return min;
    }

    /** The largest value; {@link Long#MIN_VALUE} when empty. */
    public long max() {
        long max = Long.MIN_VALUE;
        for (Chunk chunk : sealed) {
            max = Math.max(max, chunk.max());
        }
        for (int i = 0; i < openSize; i++) {
            max = Math.max(max, open[i]);
        }
        return max;
    }

    /** A new array with every value, ascending. */
    public long[] sorted() {
        long[] values = toArray();
        Arrays.sort(values);
        return values;
    }

    /** Bytes held, roughly; for benchmarks and tests of the memory bound. */
    public long retainedBytes() {
        long bytes = (long) open.length * Long.BYTES;
        for (Chunk chunk : sealed) {
            bytes += chunk.retainedBytes();
        }
        return bytes;
    }

    private interface Chunk {
        long get(int index);

        long retainedBytes();

        long min();

        long max();

        default void copyTo(long[] target, int offset, int length) {
            for (int i = 0; i < length; i++) {
                target[offset + i] = get(i);
            }
        }

        static Chunk of(long[] values, int length) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < length; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            if (min == max) {
                long constant = min;
                return new Chunk() {
                    public long get(int index) {
                        return constant;
                    }

                    public long retainedBytes() {
                        return 16;
                    }

                    public long min() {
                        return constant;
                    }

                    public long max() {
                        return constant;
                    }

                    public void copyTo(long[] target, int offset, int length) {
                        Arrays.fill(target, offset, offset + length, constant);
                    }
                };
            }
            long base = min;
            long top = max;
            long range = max - min;
            if (range >= 0 && range < (1L << 8)) {
                byte[] packed = new byte[length];
                for (int i = 0; i < length; i++) {
                    packed[i] = (byte) (values[i] - base);
                }
                return new Chunk() {
                    public long get(int index) {
                        return base + (packed[index] & 0xFFL);
                    }

                    public long retainedBytes() {
                        return packed.length + 24L;
                    }

                    public long min() {
                        return base;
                    }

                    public long max() {
                        return top;
                    }
                };
            }
            if (range >= 0 && range < (1L << 16)) {
                short[] packed = new short[length];
                for (int i = 0; i < length; i++) {
                    packed[i] = (short) (values[i] - base);
                }
                return new Chunk() {
                    public long get(int index) {
                        return base + (packed[index] & 0xFFFFL);
                    }

                    public long retainedBytes() {
                        return packed.length * 2L + 24;
                    }

                    public long min() {
                        return base;
                    }

                    public long max() {
                        return top;
                    }
                };
            }
            if (range >= 0 && range < (1L << 32)) {
                int[] packed = new int[length];
                for (int i = 0; i < length; i++) {
                    packed[i] = (int) (values[i] - base);
                }
                return new Chunk() {
                    public long get(int index) {
                        return base + (packed[index] & 0xFFFFFFFFL);
                    }

                    public long retainedBytes() {
                        return packed.length * 4L + 24;
                    }

                    public long min() {
                        return base;
                    }

                    public long max() {
                        return top;
                    }
                };
            }
            long[] copy = Arrays.copyOf(values, length);
            return new Chunk() {
                public long get(int index) {
                    return copy[index];
                }

                public long retainedBytes() {
                    return copy.length * 8L + 16;
                }

                public long min() {
                    return base;
                }

                public long max() {
                    return top;
                }

                public void copyTo(long[] target, int offset, int length) {
                    System.arraycopy(copy, 0, target, offset, length);
                }
            };
        }
    }
}
