package dev.sparkdoc.event;

import java.util.Arrays;

/**
 * The {@code Task Metrics} of one task end. A field the writing Spark version did not have reads as 0,
 * as it does in Spark itself (for example {@code Executor CPU Time} before 2.1).
 */
public final class TaskMetrics {

    private static final TaskMetric[] ALL = TaskMetric.values();

    private final long[] values;

    private TaskMetrics(long[] values) {
        this.values = values;
    }

    /** The value of a {@link TaskMetric.Source#TASK_METRICS} or {@link TaskMetric.Source#DERIVED} metric. */
    public long get(TaskMetric metric) {
        if (metric.source() == TaskMetric.Source.TASK_INFO) {
            throw new IllegalArgumentException(metric + " comes from the task's timing, not its metrics");
        }
        return values[metric.ordinal()];
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskMetrics that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TaskMetrics{");
        for (TaskMetric metric : ALL) {
            if (values[metric.ordinal()] != 0) {
                text.append(metric).append('=').append(values[metric.ordinal()]).append(' ');
            }
        }
        return text.append('}').toString();
    }

    public static final class Builder {
        private final long[] values = new long[ALL.length];

        private Builder() {
        }

        public Builder set(TaskMetric metric, long value) {
            if (metric.source() != TaskMetric.Source.TASK_METRICS) {
                throw new IllegalArgumentException(metric + " is not read from Task Metrics");
            }
            values[metric.ordinal()] = value;
            return this;
        }

        public long get(TaskMetric metric) {
            return values[metric.ordinal()];
        }

        public TaskMetrics build() {
            long[] copy = values.clone();
            copy[TaskMetric.SHUFFLE_READ_BYTES.ordinal()] = copy[TaskMetric.SHUFFLE_LOCAL_BYTES_READ.ordinal()]
                    + copy[TaskMetric.SHUFFLE_REMOTE_BYTES_READ.ordinal()];
            copy[TaskMetric.SHUFFLE_TOTAL_BLOCKS_FETCHED.ordinal()] = copy[TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED.ordinal()]
                    + copy[TaskMetric.SHUFFLE_REMOTE_BLOCKS_FETCHED.ordinal()];
            return new TaskMetrics(copy);
        }
    }
}
