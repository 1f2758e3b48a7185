package dev.sparkdoc.event;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Peak values of {@link ExecutorMetric}s. Spark writes -1 for a metric it did not measure (for
 * example on a task end that carries no metrics); such a value is absent here.
 */
public final class ExecutorMetrics {

    private static final long ABSENT = Long.MIN_VALUE;
    /** How many metrics there are; {@code values()} would copy the constants on every call. */
    private static final int COUNT = ExecutorMetric.values().length;
    private static final ExecutorMetrics EMPTY = new ExecutorMetrics(newAbsentValues());

    private final long[] values;

    private ExecutorMetrics(long[] values) {
        this.values = values;
    }

    public static ExecutorMetrics empty() {
        return EMPTY;
    }

    public OptionalLong get(ExecutorMetric metric) {
        long value = values[metric.ordinal()];
        return value == ABSENT ? OptionalLong.empty() : OptionalLong.of(value);
    }

    public boolean isEmpty() {
        for (long value : values) {
            if (value != ABSENT) {
                return false;
            }
        }
        return true;
    }

    /** The element-wise maximum of this and {@code other}, as Spark merges peaks. */
    public ExecutorMetrics max(ExecutorMetrics other) {
        // ABSENT is Long.MIN_VALUE, so a plain maximum keeps a measured value over an absent one: branch-free loops.
        long[] theirs = other.values;
        boolean rises = false;
        for (int i = 0; i < values.length; i++) {
            rises |= theirs[i] > values[i];
        }
        if (!rises) {
            // Peaks rarely rise: most task ends change nothing and allocate nothing.
            return this;
        }
        long[] merged = new long[values.length];
        for (int i = 0; i < merged.length; i++) {
            merged[i] = Math.max(values[i], theirs[i]);
        }
        return new ExecutorMetrics(merged);
    }

    /**
     * A running element-wise maximum updated in place, for peaks folded from many events (per stage, executor, stage
     * executor): {@link #max} on every task end would allocate a new vector whenever any one metric rises.
     */
    public static final class Peaks {
        private final long[] values = newAbsentValues();
        /** What {@link #snapshot()} returns until a peak rises again; null when stale. */
        private ExecutorMetrics snapshot = EMPTY;

        /** Raises each peak to {@code other}'s value where that is higher. */
        public void add(ExecutorMetrics other) {
            long[] theirs = other.values;
            long[] mine = values;
            boolean rises = false;
            for (int i = 0; i < mine.length; i++) {
                rises |= theirs[i] > mine[i];
            }
            if (!rises) {
                // The usual case: reads only, so the peaks' cache lines stay clean.
                return;
            }
            for (int i = 0; i < mine.length; i++) {
                mine[i] = Math.max(mine[i], theirs[i]);
            }
            snapshot = null;
        }

        /** The peaks so far, immutable; the same instance until a peak rises. */
        public ExecutorMetrics snapshot() {
            if (snapshot == null) {
                snapshot = new ExecutorMetrics(values.clone());
            }
            return snapshot;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static long[] newAbsentValues() {
        long[] values = new long[COUNT];
        Arrays.fill(values, ABSENT);
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExecutorMetrics that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ExecutorMetrics{");
        for (ExecutorMetric metric : ExecutorMetric.values()) {
            long value = values[metric.ordinal()];
            if (value != ABSENT) {
                text.append(metric.jsonName()).append('=').append(value).append(' ');
            }
        }
        return text.append('}').toString();
    }

    public static final class Builder {
        private long[] values = newAbsentValues();
        /** {@link #build()} handed {@link #values} out: the next change copies it first. */
        private boolean shared;

        private Builder() {
        }

        /** Records a value; negative values are Spark's "not measured" and are ignored. */
        public Builder set(ExecutorMetric metric, long value) {
            if (value >= 0) {
                if (shared) {
                    values = values.clone();
                    shared = false;
                }
                values[metric.ordinal()] = value;
            }
            return this;
        }

        public ExecutorMetrics build() {
            for (long value : values) {
                if (value != ABSENT) {
                    shared = true;
                    return new ExecutorMetrics(values);
                }
            }
            return EMPTY;
        }
    }
}
