package dev.sparkdoc.fold;

import java.util.Arrays;

/**
 * A set of longs without boxing: open addressing with linear probing, deletion by backward shift (no tombstones).
 * The folder keeps each stage's running task ids in one; a task end's lookup is then one probe into one array instead
 * of a chain of three objects (bucket, node, boxed key) that a busy driver has long evicted from its caches. The table
 * shrinks as tasks end, so a finished stage keeps almost nothing.
 */
final class LongSet {

    private static final long EMPTY = Long.MIN_VALUE;
    private static final int MIN_CAPACITY = 16;

    private long[] slots = emptySlots(MIN_CAPACITY);
    private int size;
    /** {@link #EMPTY} marks a free slot, so the set records that one value here. */
    private boolean containsEmptyKey;

    int size() {
        return size;
    }

    boolean contains(long key) {
        if (key == EMPTY) {
            return containsEmptyKey;
        }
        int mask = slots.length - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == key) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    /** Adds {@code key}; returns whether it was absent. */
    boolean add(long key) {
        if (key == EMPTY) {
            if (containsEmptyKey) {
                return false;
            }
            containsEmptyKey = true;
            size++;
            return true;
        }
        if (2 * (size + 1) > slots.length) {
            rehash(slots.length * 2);
        }
        int mask = slots.length - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == key) {
                return false;
            }
            if (slot == EMPTY) {
                slots[i] = key;
                size++;
                return true;
            }
        }
    }

    /** Removes {@code key}; returns whether it was present. */
    boolean remove(long key) {
        if (key == EMPTY) {
            if (!containsEmptyKey) {
                return false;
            }
            containsEmptyKey = false;
            size--;
            return true;
        }
        int mask = slots.length - 1;
        int hole = home(key, mask);
        while (slots[hole] != key) {
            if (slots[hole] == EMPTY) {
                return false;
            }
            hole = (hole + 1) & mask;
        }
        // Shift later keys of the same probe run back into the hole, so lookups never need tombstones.
        for (int i = (hole + 1) & mask; slots[i] != EMPTY; i = (i + 1) & mask) {
            int home = home(slots[i], mask);
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                slots[hole] = slots[i];
                hole = i;
            }
        }
        slots[hole] = EMPTY;
        size--;
        if (slots.length > MIN_CAPACITY && 8 * size < slots.length) {
            rehash(slots.length / 2);
        }
        return true;
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = emptySlots(capacity);
        int mask = capacity - 1;
        for (long key : old) {
            if (key != EMPTY) {
                int i = home(key, mask);
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }

    /** Fibonacci hashing: consecutive task ids spread over the table. */
    private static int home(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private static long[] emptySlots(int capacity) {
        long[] slots = new long[capacity];
        Arrays.fill(slots, EMPTY);
        return slots;
    }

    /** Slots held; for tests of the shrinking. */
    int capacity() {
        return slots.length;
    }
}
