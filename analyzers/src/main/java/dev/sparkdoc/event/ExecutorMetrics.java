package dev.sparkdoc.event;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Peak values of {@link ExecutorMetric}s. Spark writes -1 for a metric it did not measure (for
 * example on a task end that carries no metrics); such a value is absent here.
 */
public final class ExecutorMetrics {

    private static final long ABSENT = Long.MIN_VALUE;
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
        long[] merged = values.clone();
        for (int i = 0; i < merged.length; i++) {
            long theirs = other.values[i];
            if (theirs != ABSENT && (merged[i] == ABSENT || theirs > merged[i])) {
                merged[i] = theirs;
            }
        }
        return new ExecutorMetrics(merged);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static long[] newAbsentValues() {
        long[] values = new long[ExecutorMetric.values().length];
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
        private final long[] values = newAbsentValues();

        private Builder() {
        }

        /** Records a value; negative values are Spark's "not measured" and are ignored. */
        public Builder set(ExecutorMetric metric, long value) {
            if (value >= 0) {
                values[metric.ordinal()] = value;
            }
            return this;
        }

        public ExecutorMetrics build() {
            for (long value : values) {
                if (value != ABSENT) {
                    return new ExecutorMetrics(values.clone());
                }
            }
            return EMPTY;
        }
    }
}
