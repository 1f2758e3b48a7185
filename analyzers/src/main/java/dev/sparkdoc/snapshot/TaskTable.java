package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.Saturating;
import dev.sparkdoc.event.TaskMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-task values of one stage attempt's successful tasks, one compact column per {@link TaskMetric}, plus each
 * task's id, index (partition) and executor. Rows are tasks in the order they ended. A table handed out by
 * {@link Builder#view()} has a fixed number of rows and never changes.
 *
 * <p>A table is either full, with a row for every task, or a {@linkplain #summary() summary}, which a finished stage
 * is turned into when the folder must bound its memory (the live listener): exact {@link Distribution}s of every
 * metric, the {@value #TOP_ROWS_KEPT} largest rows and {@value #TOP_VALUES_KEPT} largest values of each
 * {@link #RANKED} metric, and nothing else per task. Its memory no longer grows with the stage's task count. Row
 * numbers of a summary run over its {@linkplain #keptRows() kept rows} only, in the order the tasks ended.
 */
public final class TaskTable {

    private static final TaskMetric[] METRICS = TaskMetric.values();

    /** The metrics tasks are ranked by (the skew and spill analyzers, the reports' outliers, the shell's tasks). */
    public static final Set<TaskMetric> RANKED = Collections.unmodifiableSet(EnumSet.of(TaskMetric.DURATION,
            TaskMetric.EXECUTOR_RUN_TIME, TaskMetric.JVM_GC_TIME, TaskMetric.SHUFFLE_READ_BYTES, TaskMetric.INPUT_BYTES,
            TaskMetric.MEMORY_BYTES_SPILLED, TaskMetric.DISK_BYTES_SPILLED));
    /** Rows a summary keeps per {@link #RANKED} metric: its largest. */
    public static final int TOP_ROWS_KEPT = 20;
    /**
     * Values a summary keeps per {@link #RANKED} metric, its largest, so {@link #atLeast} stays exact while fewer
     * tasks reach the floor. Tables with no more rows than this are never summarized: they are as small already.
     */
    public static final int TOP_VALUES_KEPT = 256;

    private final LongColumn[] columns;
    private final LongColumn taskIds;
    private final LongColumn taskIndexes;
    private final LongColumn executors;
    private final LongColumn launchTimes;
    private final List<String> executorNames;
    /** Successful tasks, all of them. */
    private final int rows;
    /** Rows held in the columns: {@link #rows} for a full table, fewer for a summary. */
    private final int keptRows;
    /** Computed on first use (all of them up front for a summary). Racy but safe: a Distribution is immutable. */
    private final Distribution[] distributions;
    /** A summary's largest values per {@link #RANKED} metric, descending; null for a full table. */
    private final LongColumn[] topValues;
    /** Quantiles from a {@link QuantileSketch} (a stage past its builder's row limit), not from every value. */
    private final boolean approximate;

    private TaskTable(LongColumn[] columns, LongColumn taskIds, LongColumn taskIndexes, LongColumn executors,
            LongColumn launchTimes, List<String> executorNames, int rows, int keptRows, Distribution[] distributions,
            LongColumn[] topValues, boolean approximate) {
        this.columns = columns;
        this.taskIds = taskIds;
        this.taskIndexes = taskIndexes;
        this.executors = executors;
        this.launchTimes = launchTimes;
        this.executorNames = executorNames;
        this.rows = rows;
        this.keptRows = keptRows;
        this.distributions = distributions;
        this.topValues = topValues;
        this.approximate = approximate;
    }

    /** A summary with approximate quantiles, from a builder past its row limit ({@link RunningSummary}). */
    static TaskTable approximateSummary(LongColumn[] columns, LongColumn taskIds, LongColumn taskIndexes,
            LongColumn executors, LongColumn launchTimes, List<String> executorNames, int rows, int keptRows,
            Distribution[] distributions, LongColumn[] topValues) {
        return new TaskTable(columns, taskIds, taskIndexes, executors, launchTimes, executorNames, rows, keptRows,
                distributions, topValues, true);
    }

    /** The number of successful tasks, whether or not their rows are kept. */
    public int size() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Whether this is a summary that keeps only some rows (see the class comment). */
    public boolean isSummary() {
        return topValues != null;
    }

    /**
     * Whether the quantiles (25th, median, 75th, 95th) are within 1% of the exact ones rather than exact: the stage had
     * more tasks than its builder keeps rows for ({@link Builder#Builder(int)}). Count, min, max, total and the task
     * holding the max stay exact.
     */
    public boolean isApproximate() {
        return approximate;
    }

    /** Rows that can be read with {@link #value} and friends: every task for a full table. */
    public int keptRows() {
        return keptRows;
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

    /** The values of one metric, ascending; a full table's only, as a summary keeps no value of most tasks. */
    public long[] sorted(TaskMetric metric) {
        requireFull("sorted values");
        long[] values = columns[metric.ordinal()].toArray();
        Arrays.sort(values);
        return values;
    }

    /**
     * Quantiles as Spark's History Server computes them: values ascending, index {@code min(floor(q * n), n - 1)}.
     * A full table's only; {@link #distribution} has the quantiles the reports use, for summaries too.
     */
    public double[] quantiles(TaskMetric metric, double... quantiles) {
        return Quantiles.of(sorted(metric), rows, quantiles);
    }

    /** Min, median, max and friends of one metric (sorted once per table and metric). */
    public Distribution distribution(TaskMetric metric) {
        Distribution distribution = distributions[metric.ordinal()];
        if (distribution == null) {
            long[] values = columns[metric.ordinal()].toArray();
            Arrays.sort(values);
            distribution = distributionOf(metric, values);
            distributions[metric.ordinal()] = distribution;
        }
        return distribution;
    }

    /** {@code sorted} holds every row's value of {@code metric}, ascending; this must be a full table. */
    private Distribution distributionOf(TaskMetric metric, long[] sorted) {
        if (rows == 0) {
            return new Distribution(metric, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, "");
        }
        double[] q = Quantiles.of(sorted, rows, 0.25, 0.5, 0.75, 0.95);
        long total = 0;
        for (long value : sorted) {
            total = Saturating.add(total, value);
        }
        long max = sorted[rows - 1];
        int row = firstRowOf(columns[metric.ordinal()], max);
        return new Distribution(metric, rows, sorted[0], (long) q[0], (long) q[1], (long) q[2], (long) q[3], max,
                total, taskIndex(row), taskId(row), executorId(row));
    }

    private int firstRowOf(LongColumn column, long value) {
        for (int row = 0; row < keptRows; row++) {
            if (column.get(row) == value) {
                return row;
            }
        }
        throw new IllegalStateException("no row holds " + value);
    }

    /**
     * Rows of the {@code n} largest values of a metric, largest first, ties in row order. A summary answers from its
     * kept rows, which hold the largest {@value #TOP_ROWS_KEPT} of each {@link #RANKED} metric.
     */
    public int[] top(TaskMetric metric, int n) {
        int k = Math.max(0, Math.min(n, keptRows));
        LongColumn column = columns[metric.ordinal()];
        int[] best = new int[k];
        long[] bestValues = new long[k];
        int found = 0;
        for (int row = 0; row < keptRows; row++) {
            long value = column.get(row);
            if (found == k && (k == 0 || value <= bestValues[k - 1])) {
                continue;
            }
            // Insert after every kept value >= this one, so ties stay in row order.
            int at = found == k ? k - 1 : found++;
            while (at > 0 && bestValues[at - 1] < value) {
                best[at] = best[at - 1];
                bestValues[at] = bestValues[at - 1];
                at--;
            }
            best[at] = row;
            bestValues[at] = value;
        }
        return best;
    }

    /**
     * How many tasks have at least {@code floor} of a metric, and their sum. Exact for a full table; a summary is
     * exact while fewer than {@value #TOP_VALUES_KEPT} tasks reach the floor of a {@link #RANKED} metric, and
     * otherwise gives lower bounds, flagged.
     */
    public Tail atLeast(TaskMetric metric, long floor) {
        if (isSummary()) {
            Distribution d = distribution(metric);
            if (rows == 0 || floor > d.max()) {
                return new Tail(0, 0, true);
            }
            if (floor <= d.min()) {
                return new Tail(rows, d.total(), true);
            }
        }
        LongColumn largest = topValues == null ? null : topValues[metric.ordinal()];
        int count = 0;
        long sum = 0;
        if (largest != null) {
            // Descending: the first value below the floor ends it, and the answer is exact.
            for (int i = 0; i < largest.size() && largest.get(i) >= floor; i++) {
                count++;
                sum = Saturating.add(sum, largest.get(i));
            }
            return new Tail(count, sum, count < largest.size() || largest.size() == rows);
        }
        LongColumn column = columns[metric.ordinal()];
        for (int row = 0; row < keptRows; row++) {
            long value = column.get(row);
            if (value >= floor) {
                count++;
                sum = Saturating.add(sum, value);
            }
        }
        return new Tail(count, sum, keptRows == rows);
    }

    /** Tasks at or above a floor: {@code exact} false when they are lower bounds (a summary kept too few values). */
    public record Tail(int count, long sum, boolean exact) {
    }

    /**
     * The {@value #TOP_VALUES_KEPT} largest of {@code values}, largest first. A method of its own so that its loop, hot
     * for a large stage, does not make the JIT compile all of {@link #summary()} on the stack (on-stack replacement).
     */
    private static long[] largest(long[] values) {
        LargestValues top = new LargestValues(TOP_VALUES_KEPT);
        for (long value : values) {
            top.offer(value);
        }
        return top.descending();
    }

    /**
     * This table as a summary (see the class comment): distributions of every metric, the rows and values the
     * {@link #RANKED} metrics rank highest. A summary, or a table of at most {@value #TOP_VALUES_KEPT} rows, is
     * returned as it is.
     */
    public TaskTable summary() {
        if (isSummary() || rows <= TOP_VALUES_KEPT) {
            return this;
        }
        Distribution[] summarized = new Distribution[METRICS.length];
        LongColumn[] kept = new LongColumn[METRICS.length];
        BitSet keep = new BitSet(rows);
        long[] values = null;
        long[] sorted = null;
        for (TaskMetric metric : METRICS) {
            int m = metric.ordinal();
            LongColumn column = columns[m];
            boolean ranked = RANKED.contains(metric);
            long min = column.min();
            if (min == column.max()) {
                // Every task has the same value (most metrics of most stages are all zero): no sorting.
                summarized[m] = distributions[m] != null ? distributions[m]
                        : new Distribution(metric, rows, min, min, min, min, min, min, min * rows, taskIndex(0),
                                taskId(0), executorId(0));
                if (ranked) {
                    keep.set(0, TOP_ROWS_KEPT);
                    long[] same = new long[TOP_VALUES_KEPT];
                    Arrays.fill(same, min);
                    kept[m] = LongColumn.of(same);
                }
                continue;
            }
            if (distributions[m] != null && !ranked) {
                summarized[m] = distributions[m];
                continue;
            }
            if (values == null) {
                values = new long[rows];
            }
            column.copyTo(values);
            long[] largest = null;
            if (distributions[m] != null) {
                // Computed already (the analyzers asked for it), and ranked: only the largest values are needed.
                summarized[m] = distributions[m];
                largest = largest(values);
            } else {
                if (sorted == null) {
                    sorted = new long[rows];
                }
                System.arraycopy(values, 0, sorted, 0, rows);
                Arrays.sort(sorted);
                summarized[m] = distributionOf(metric, sorted);
                if (ranked) {
                    largest = new long[TOP_VALUES_KEPT];
                    for (int i = 0; i < largest.length; i++) {
                        largest[i] = sorted[rows - 1 - i];
                    }
                }
            }
            if (ranked) {
                kept[m] = LongColumn.of(largest);
                markTopRows(values, largest, keep);
            }
        }
        LongColumn[] keptColumns = new LongColumn[METRICS.length];
        for (int m = 0; m < keptColumns.length; m++) {
            keptColumns[m] = select(columns[m], keep);
        }
        return new TaskTable(keptColumns, select(taskIds, keep), select(taskIndexes, keep), select(executors, keep),
                select(launchTimes, keep), executorNames, rows, keep.cardinality(), summarized, kept, false);
    }

    /**
     * Marks the rows of the {@value #TOP_ROWS_KEPT} largest values, ties in row order; {@code values} is the column in
     * row order, {@code largest} its largest values, descending.
     */
    private void markTopRows(long[] values, long[] largest, BitSet keep) {
        long threshold = largest[TOP_ROWS_KEPT - 1];
        int tiesLeft = 0;
        for (int i = 0; i < TOP_ROWS_KEPT; i++) {
            tiesLeft += largest[i] == threshold ? 1 : 0;
        }
        for (int row = 0; row < rows; row++) {
            long value = values[row];
            if (value > threshold || (value == threshold && tiesLeft-- > 0)) {
                keep.set(row);
            }
        }
    }

    private static LongColumn select(LongColumn column, BitSet rows) {
        LongColumn selected = new LongColumn();
        for (int row = rows.nextSetBit(0); row >= 0; row = rows.nextSetBit(row + 1)) {
            selected.add(column.get(row));
        }
        selected.compact();
        return selected;
    }

    /** Bytes held by the columns, roughly. */
    public long retainedBytes() {
        long bytes = taskIds.retainedBytes() + taskIndexes.retainedBytes() + executors.retainedBytes()
                + launchTimes.retainedBytes();
        for (LongColumn column : columns) {
            bytes += column.retainedBytes();
        }
        if (topValues != null) {
            for (LongColumn column : topValues) {
                bytes += column == null ? 0 : column.retainedBytes();
            }
        }
        return bytes;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= keptRows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + keptRows);
        }
    }

    private void requireFull(String what) {
        if (isSummary()) {
            throw new IllegalStateException(what + " need every task's row, and this stage's table is a summary");
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
        private final int maxRows;
        /** Takes every row once the builder holds {@link #maxRows}; null before. */
        private RunningSummary overflow;

        /** A builder that keeps every row: exact quantiles whatever the stage's size. */
        public Builder() {
            this(Integer.MAX_VALUE);
        }

        /**
         * A builder that keeps at most {@code maxRows} rows (at least {@value #TOP_VALUES_KEPT}). At that many, it
         * turns into a running summary: the rows go, each later task only updates per-metric sketches, totals and
         * top tasks, and views are summaries with {@linkplain TaskTable#isApproximate() approximate} quantiles. So
         * even a running stage's memory stops growing with its tasks.
         */
        public Builder(int maxRows) {
            if (maxRows < TOP_VALUES_KEPT) {
                throw new IllegalArgumentException("maxRows must be at least " + TOP_VALUES_KEPT + ", not " + maxRows);
            }
            this.maxRows = maxRows;
            for (int i = 0; i < columns.length; i++) {
                columns[i] = new LongColumn();
            }
        }

        /** Appends one task; {@code values} is indexed by {@link TaskMetric#ordinal()} and not kept. */
        public void add(long taskId, int taskIndex, String executorId, long launchTime, long[] values) {
            add(taskId, taskIndex, executor(executorId), launchTime, values);
        }

        /**
         * The index of {@code executorId} in this table, for {@link #add(long, int, int, long, long[])}: a caller that
         * adds many rows per executor looks the name up once, not once per row.
         */
        public int executorIndex(String executorId) {
            return executor(executorId);
        }

        /** Appends one task of the executor at {@code executorIndex}, from {@link #executorIndex(String)}. */
        public void add(long taskId, int taskIndex, int executorIndex, long launchTime, long[] values) {
            if (executorIndex < 0 || executorIndex >= executorNames.size()) {
                throw new IndexOutOfBoundsException("executor index " + executorIndex + " of "
                        + executorNames.size());
            }
            if (overflow != null) {
                overflow.add(taskId, taskIndex, executorIndex, launchTime, values);
                rows++;
                return;
            }
            int at = stagedRows * WIDTH;
            if (at == staged.length) {
                if (stagedRows == MAX_STAGED_ROWS) {
                    flush();
                    at = 0;
                } else {
                    staged = Arrays.copyOf(staged, Math.max(4, stagedRows * 2) * WIDTH);
                }
            }
            System.arraycopy(values, 0, staged, at, METRICS.length);
            staged[at + TASK_ID] = taskId;
            staged[at + TASK_INDEX] = taskIndex;
            staged[at + EXECUTOR] = executorIndex;
            staged[at + LAUNCH_TIME] = launchTime;
            stagedRows++;
            rows++;
            if (rows == maxRows) {
                overflow();
            }
        }

        private int executor(String executorId) {
            Integer executor = executorIndexes.get(executorId);
            if (executor == null) {
                executor = executorNames.size();
                executorNames.add(executorId);
                executorIndexes.put(executorId, executor);
            }
            return executor;
        }

        /** Hands every row kept so far to a running summary and lets the columns go. */
        private void overflow() {
            flush();
            overflow = new RunningSummary(WIDTH);
            long[] row = new long[WIDTH];
            for (int r = 0; r < rows; r++) {
                for (int column = 0; column < WIDTH; column++) {
                    row[column] = columns[column].get(r);
                }
                overflow.add(row);
            }
            for (int i = 0; i < columns.length; i++) {
                columns[i] = new LongColumn();
            }
            staged = NONE;
            lastView = null;
        }

        /** Rows held: every row added, or none once the builder is a running summary. */
        public int keptRows() {
            return overflow == null ? rows : 0;
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
            if (overflow != null) {
                return;
            }
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
            if (overflow != null) {
                lastView = overflow.view(rows, List.copyOf(executorNames));
                return lastView;
            }
            flush();
            lastView = new TaskTable(Arrays.copyOf(columns, METRICS.length), columns[TASK_ID], columns[TASK_INDEX],
                    columns[EXECUTOR], columns[LAUNCH_TIME], List.copyOf(executorNames), rows, rows,
                    new Distribution[METRICS.length], null, false);
            return lastView;
        }
    }
}
