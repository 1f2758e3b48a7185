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

    /** Copies every value into {@code row}, indexed by {@link TaskMetric#ordinal()}; task-timing slots get 0. */
    public void copyTo(long[] row) {
        System.arraycopy(values, 0, row, 0, values.length);
    }

    /** Adds every value into {@code sums}, indexed by {@link TaskMetric#ordinal()}: the folder's per-task totals. */
    public void addTo(long[] sums) {
        for (int i = 0; i < values.length; i++) {
            sums[i] = Saturating.add(sums[i], values[i]);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many values {@link #of(long[])} takes: one per {@link TaskMetric}. */
    public static final int WIDTH = ALL.length;

    /**
     * The metrics in {@code values}, indexed by {@link TaskMetric#ordinal()} and {@link #WIDTH} long, taken over
     * (the caller lets go of the array): the {@link TaskMetric.Source#TASK_METRICS} slots as read, the others are
     * ignored and set here (derived ones computed, task-timing ones 0). For a converter that fills one array per
     * task end, where a builder would check every value.
     */
    public static TaskMetrics of(long[] values) {
        if (values.length != WIDTH) {
            throw new IllegalArgumentException(values.length + " values, not " + WIDTH);
        }
        for (int ordinal : NOT_READ) {
            values[ordinal] = 0;
        }
        derive(values);
        return new TaskMetrics(values);
    }

    /** The ordinals of the metrics not read from Task Metrics. */
    private static final int[] NOT_READ = notRead();

    private static int[] notRead() {
        return Arrays.stream(ALL).filter(metric -> metric.source() != TaskMetric.Source.TASK_METRICS)
                .mapToInt(TaskMetric::ordinal).toArray();
    }

    private static void derive(long[] values) {
        values[TaskMetric.SHUFFLE_READ_BYTES.ordinal()] = values[TaskMetric.SHUFFLE_LOCAL_BYTES_READ.ordinal()]
                + values[TaskMetric.SHUFFLE_REMOTE_BYTES_READ.ordinal()];
        values[TaskMetric.SHUFFLE_TOTAL_BLOCKS_FETCHED.ordinal()] =
                values[TaskMetric.SHUFFLE_LOCAL_BLOCKS_FETCHED.ordinal()]
                + values[TaskMetric.SHUFFLE_REMOTE_BLOCKS_FETCHED.ordinal()];
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
        private long[] values = new long[ALL.length];
        /** {@link #build()} handed {@link #values} out: the next change copies it first. */
        private boolean shared;

        private Builder() {
        }

        public Builder set(TaskMetric metric, long value) {
            if (metric.source() != TaskMetric.Source.TASK_METRICS) {
                throw new IllegalArgumentException(metric + " is not read from Task Metrics");
            }
            if (shared) {
                values = values.clone();
                shared = false;
            }
            values[metric.ordinal()] = value;
            return this;
        }

        public long get(TaskMetric metric) {
            return values[metric.ordinal()];
        }

        /** The metrics set so far; builds without copying (one task end builds once on the hot path). */
        public TaskMetrics build() {
            long[] built = shared ? values.clone() : values;
            derive(built);
            values = built;
            shared = true;
            return new TaskMetrics(built);
        }
    }
}
