package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.TaskMetric;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** Computed on first use; the table never changes. Racy but safe: a Distribution is immutable. */
    private final Distribution[] distributions = new Distribution[METRICS.length];

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
        Arrays.sort(values);
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

    /** Min, median, max and friends of one metric (sorted once per table and metric). */
    public Distribution distribution(TaskMetric metric) {
        Distribution distribution = distributions[metric.ordinal()];
        if (distribution == null) {
            distribution = Distribution.of(metric, this);
            distributions[metric.ordinal()] = distribution;
        }
        return distribution;
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
        /** Column layout: the metrics by ordinal, then task id, index, executor, launch time. */
        private static final int TASK_ID = METRICS.length;
        private static final int TASK_INDEX = TASK_ID + 1;
        private static final int EXECUTOR = TASK_ID + 2;
        private static final int LAUNCH_TIME = TASK_ID + 3;
        private static final int WIDTH = TASK_ID + 4;
        private static final int MAX_STAGED_ROWS = 128;
        private static final long[] NONE = new long[0];

        private final LongColumn[] columns = new LongColumn[WIDTH];
        /**
         * Rows not yet in the columns, one after another (at most {@value #MAX_STAGED_ROWS} rows, 44 KB): appending a
         * task writes one small buffer instead of one place in each of the 43 columns, each a likely cache miss.
         */
        private long[] staged = NONE;
        private int stagedRows;
        private final List<String> executorNames = new ArrayList<>();
        private final Map<String, Integer> executorIndexes = new HashMap<>();
        private int rows;
        /**
         * The last view, handed out again while no row was added: a live application is diagnosed again and again,
         * and its finished stages then keep their computed distributions instead of sorting every column each time.
         */
        private TaskTable lastView;

        public Builder() {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = new LongColumn();
            }
        }

        /** Appends one task; {@code values} is indexed by {@link TaskMetric#ordinal()} and not kept. */
        public void add(long taskId, int taskIndex, String executorId, long launchTime, long[] values) {
            int at = stagedRows * WIDTH;
            if (at == staged.length) {
                if (stagedRows == MAX_STAGED_ROWS) {
                    flush();
                    at = 0;
                } else {
                    staged = Arrays.copyOf(staged, Math.max(4, stagedRows * 2) * WIDTH);
                }
            }
            Integer executor = executorIndexes.get(executorId);
            if (executor == null) {
                executor = executorNames.size();
                executorNames.add(executorId);
                executorIndexes.put(executorId, executor);
            }
            System.arraycopy(values, 0, staged, at, METRICS.length);
            staged[at + TASK_ID] = taskId;
            staged[at + TASK_INDEX] = taskIndex;
            staged[at + EXECUTOR] = executor;
            staged[at + LAUNCH_TIME] = launchTime;
            stagedRows++;
            rows++;
        }

        private void flush() {
            if (stagedRows == 0) {
                return;
            }
            for (int column = 0; column < WIDTH; column++) {
                columns[column].addStrided(staged, column, WIDTH, stagedRows);
            }
            stagedRows = 0;
        }

        public int size() {
            return rows;
        }

        /** Stores the rows added so far compactly; see {@link LongColumn#compact()}. */
        public void compact() {
            flush();
            staged = NONE;
            for (LongColumn column : columns) {
                column.compact();
            }
        }

        /** A fixed view of the rows added so far. */
        public TaskTable view() {
            if (lastView != null && lastView.size() == rows) {
                return lastView;
            }
            flush();
            lastView = new TaskTable(Arrays.copyOf(columns, METRICS.length), columns[TASK_ID], columns[TASK_INDEX],
                    columns[EXECUTOR], columns[LAUNCH_TIME], List.copyOf(executorNames), rows);
            return lastView;
        }
    }
}
