package dev.sparkdoc.snapshot;

import java.util.Arrays;

/** The {@code capacity} largest of a stream of longs (duplicates counted), in one pass: a min-heap. */
final class LargestValues {

    private final long[] heap;
    private int size;

    LargestValues(int capacity) {
        this.heap = new long[capacity];
    }

    void offer(long value) {
        if (size < heap.length) {
            int at = size++;
            while (at > 0 && heap[(at - 1) / 2] > value) {
                heap[at] = heap[(at - 1) / 2];
                at = (at - 1) / 2;
            }
            heap[at] = value;
        } else if (value > heap[0]) {
            int at = 0;
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (heap[child] >= value) {
                    break;
                }
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = value;
        }
    }

    /** The values kept, largest first. */
    long[] descending() {
        long[] values = Arrays.copyOf(heap, size);
        Arrays.sort(values);
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }
}
