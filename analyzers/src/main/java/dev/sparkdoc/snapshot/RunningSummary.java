package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.Saturating;
import dev.sparkdoc.event.TaskMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A stage attempt's successful tasks once its {@link TaskTable.Builder} holds as many rows as it may: per metric a
 * {@link QuantileSketch} (quantiles within 1%), the exact total, min, max and the first task holding the max, and
 * per {@link TaskTable#RANKED} metric the {@value TaskTable#TOP_ROWS_KEPT} largest rows and
 * {@value TaskTable#TOP_VALUES_KEPT} largest values, exactly as a summary of the full table would keep them. Its
 * size does not depend on the number of tasks; each task costs a constant amount of work.
 *
 * <p>Rows use the builder's layout: the metrics by ordinal, then task id, index, executor (an index into the
 * builder's executor names) and launch time.
 */
final class RunningSummary {

    private static final TaskMetric[] METRICS = TaskMetric.values();
    private static final int TASK_ID = METRICS.length;
    private static final int TASK_INDEX = TASK_ID + 1;
    private static final int EXECUTOR = TASK_ID + 2;
    private static final int LAUNCH_TIME = TASK_ID + 3;
    private static final TaskMetric[] RANKED = TaskTable.RANKED.toArray(new TaskMetric[0]);

    private final int width;
    private final QuantileSketch[] sketches = new QuantileSketch[METRICS.length];
    private final long[] totals = new long[METRICS.length];
    private final int[] maxTaskIndex = new int[METRICS.length];
    private final long[] maxTaskId = new long[METRICS.length];
    private final int[] maxExecutor = new int[METRICS.length];
    private final TopRows[] topRows = new TopRows[RANKED.length];
    private final LargestValues[] topValues = new LargestValues[RANKED.length];
    private final long[] scratch;
    private long rows;

    RunningSummary(int width) {
        if (width != LAUNCH_TIME + 1) {
            throw new IllegalArgumentException("rows of " + width + " columns, expected " + (LAUNCH_TIME + 1));
        }
        this.width = width;
        this.scratch = new long[width];
        for (int m = 0; m < sketches.length; m++) {
            sketches[m] = new QuantileSketch();
        }
        for (int r = 0; r < RANKED.length; r++) {
            topRows[r] = new TopRows(RANKED[r].ordinal(), width);
            topValues[r] = new LargestValues(TaskTable.TOP_VALUES_KEPT);
        }
    }

    void add(long taskId, int taskIndex, int executor, long launchTime, long[] values) {
        System.arraycopy(values, 0, scratch, 0, METRICS.length);
        scratch[TASK_ID] = taskId;
        scratch[TASK_INDEX] = taskIndex;
        scratch[EXECUTOR] = executor;
        scratch[LAUNCH_TIME] = launchTime;
        add(scratch);
    }

    /** Adds one row in the builder's layout; the row is copied where kept. */
    void add(long[] row) {
        long sequence = rows++;
        for (int m = 0; m < METRICS.length; m++) {
            long value = row[m];
            QuantileSketch sketch = sketches[m];
            if (sequence == 0 || value > sketch.max()) {
                maxTaskIndex[m] = (int) row[TASK_INDEX];
                maxTaskId[m] = row[TASK_ID];
                maxExecutor[m] = (int) row[EXECUTOR];
            }
            sketch.add(value);
            totals[m] = Saturating.add(totals[m], value);
        }
        for (int r = 0; r < RANKED.length; r++) {
            topRows[r].offer(row, sequence);
            topValues[r].offer(row[RANKED[r].ordinal()]);
        }
    }

    /** A summary of every row added: {@code rows} must be how many, and the names those of the builder. */
    TaskTable view(int rowCount, List<String> executorNames) {
        if (rowCount != rows) {
            throw new IllegalStateException(rowCount + " rows asked, " + rows + " added");
        }
        Distribution[] distributions = new Distribution[METRICS.length];
        for (TaskMetric metric : METRICS) {
            int m = metric.ordinal();
            QuantileSketch sketch = sketches[m];
            distributions[m] = new Distribution(metric, rowCount, sketch.min(), at(sketch, 0.25), at(sketch, 0.5),
                    at(sketch, 0.75), at(sketch, 0.95), sketch.max(), totals[m], maxTaskIndex[m], maxTaskId[m],
                    executorNames.get(maxExecutor[m]));
        }
        List<long[]> kept = new ArrayList<>();
        for (TopRows top : topRows) {
            for (int i = 0; i < top.size; i++) {
                long[] row = top.rows[i];
                if (kept.stream().noneMatch(other -> other[width] == row[width])) {
                    kept.add(row);
                }
            }
        }
        kept.sort(Comparator.comparingLong(row -> row[width]));
        LongColumn[] columns = new LongColumn[width];
        for (int c = 0; c < width; c++) {
            columns[c] = new LongColumn();
            for (long[] row : kept) {
                columns[c].add(row[c]);
            }
            columns[c].compact();
        }
        LongColumn[] largest = new LongColumn[METRICS.length];
        for (int r = 0; r < RANKED.length; r++) {
            largest[RANKED[r].ordinal()] = LongColumn.of(topValues[r].descending());
        }
        return TaskTable.approximateSummary(Arrays.copyOf(columns, METRICS.length), columns[TASK_ID],
                columns[TASK_INDEX], columns[EXECUTOR], columns[LAUNCH_TIME], executorNames, rowCount, kept.size(),
                distributions, largest);
    }

    /** The value at quantile {@code q} the History Server's way: rank {@code min(floor(q * n), n - 1)}. */
    private long at(QuantileSketch sketch, double q) {
        return sketch.valueAtRank(Math.min((long) (q * rows), rows - 1));
    }

    /** The largest rows of one metric, largest first; ties keep the row added first. */
    private static final class TopRows {
        private final int metric;
        private final int width;
        /** Each row in the builder's layout plus its sequence number at index {@code width}. */
        private final long[][] rows = new long[TaskTable.TOP_ROWS_KEPT][];
        private int size;

        TopRows(int metric, int width) {
            this.metric = metric;
            this.width = width;
        }

        void offer(long[] row, long sequence) {
            long value = row[metric];
            int last = rows.length - 1;
            if (size == rows.length && value <= rows[last][metric]) {
                return;
            }
            long[] slot = size == rows.length ? rows[last] : new long[width + 1];
            System.arraycopy(row, 0, slot, 0, width);
            slot[width] = sequence;
            int at = size == rows.length ? last : size++;
            while (at > 0 && rows[at - 1][metric] < value) {
                rows[at] = rows[at - 1];
                at--;
            }
            rows[at] = slot;
        }
    }
}
