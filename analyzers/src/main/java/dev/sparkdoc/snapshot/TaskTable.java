package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.TaskMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-task values of one stage attempt's tasks, one compact column per {@link TaskMetric}, plus each task's id,
 * index (partition) and executor. Rows are tasks in the order they ended. A table handed out by
 * {@link #view()} has a fixed number of rows and never changes.
 */
public final class TaskTable {

    private static final TaskMetric[] METRICS = TaskMetric.values();

    private final LongColumn[] columns;
    private final LongColumn taskIds;
    private final LongColumn taskIndexes;
    private final LongColumn executors;
    private final LongColumn launchTimes;
    private final List<String> executorNames;
    private final int rows;

    private TaskTable(LongColumn[] columns, LongColumn taskIds, LongColumn taskIndexes, LongColumn executors,
            LongColumn launchTimes, List<String> executorNames, int rows) {
        this.columns = columns;
        this.taskIds = taskIds;
        this.taskIndexes = taskIndexes;
        this.executors = executors;
        this.launchTimes = launchTimes;
        this.executorNames = executorNames;
        this.rows = rows;
    }

    public int size() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    public long value(TaskMetric metric, int row) {
        checkRow(row);
        return columns[metric.ordinal()].get(row);
    }

    public long taskId(int row) {
        checkRow(row);
        return taskIds.get(row);
    }

    /** The task's index within its stage, which is the partition it computed. */
    public int taskIndex(int row) {
        checkRow(row);
        return (int) taskIndexes.get(row);
    }

    public String executorId(int row) {
        checkRow(row);
        return executorNames.get((int) executors.get(row));
    }

    public long launchTime(int row) {
        checkRow(row);
        return launchTimes.get(row);
    }

    /** The values of one metric, ascending. */
    public long[] sorted(TaskMetric metric) {
        long[] values = new long[rows];
        LongColumn column = columns[metric.ordinal()];
        for (int i = 0; i < rows; i++) {
            values[i] = column.get(i);
        }
        java.util.Arrays.sort(values);
        return values;
    }

    public long sum(TaskMetric metric) {
        long total = 0;
        LongColumn column = columns[metric.ordinal()];
        for (int i = 0; i < rows; i++) {
            total += column.get(i);
        }
        return total;
    }

    /** The row holding the largest value of a metric (the first such row), or -1 for an empty table. */
    public int argMax(TaskMetric metric) {
        int best = -1;
        long bestValue = Long.MIN_VALUE;
        LongColumn column = columns[metric.ordinal()];
        for (int i = 0; i < rows; i++) {
            long value = column.get(i);
            if (value > bestValue) {
                bestValue = value;
                best = i;
            }
        }
        return best;
    }

    /**
     * Quantiles as Spark's History Server computes them: values ascending, index {@code min(floor(q * n), n - 1)}.
     */
    public double[] quantiles(TaskMetric metric, double... quantiles) {
        return Quantiles.of(sorted(metric), rows, quantiles);
    }

    /** Min, median, max and friends of one metric. */
    public Distribution distribution(TaskMetric metric) {
        return Distribution.of(metric, this);
    }

    /** Bytes held by the columns, roughly. */
    public long retainedBytes() {
        long bytes = taskIds.retainedBytes() + taskIndexes.retainedBytes() + executors.retainedBytes()
                + launchTimes.retainedBytes();
        for (LongColumn column : columns) {
            bytes += column.retainedBytes();
        }
        return bytes;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
    }

    /** Appends task rows; used by the folder only. */
    public static final class Builder {
        private final LongColumn[] columns = new LongColumn[METRICS.length];
        private final LongColumn taskIds = new LongColumn();
        private final LongColumn taskIndexes = new LongColumn();
        private final LongColumn executors = new LongColumn();
        private final LongColumn launchTimes = new LongColumn();
        private final List<String> executorNames = new ArrayList<>();
        private final Map<String, Integer> executorIndexes = new HashMap<>();
        private int rows;

        public Builder() {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = new LongColumn();
            }
        }

        /** Appends one task; {@code values} is indexed by {@link TaskMetric#ordinal()}. */
        public void add(long taskId, int taskIndex, String executorId, long launchTime, long[] values) {
            for (int i = 0; i < columns.length; i++) {
                columns[i].add(values[i]);
            }
            taskIds.add(taskId);
            taskIndexes.add(taskIndex);
            Integer executor = executorIndexes.get(executorId);
            if (executor == null) {
                executor = executorNames.size();
                executorNames.add(executorId);
                executorIndexes.put(executorId, executor);
            }
            executors.add(executor);
            launchTimes.add(launchTime);
            rows++;
        }

        public int size() {
            return rows;
        }

        /** Stores the rows added so far compactly; see {@link LongColumn#compact()}. */
        public void compact() {
            for (LongColumn column : columns) {
                column.compact();
            }
            taskIds.compact();
            taskIndexes.compact();
            executors.compact();
            launchTimes.compact();
        }

        /** A fixed view of the rows added so far. */
        public TaskTable view() {
            return new TaskTable(columns, taskIds, taskIndexes, executors, launchTimes, List.copyOf(executorNames),
                    rows);
        }
    }
}
