package dev.sparkdoc.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.TaskMetric;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskTableTest {

    /**
     * Rows go through a row-major staging buffer before the columns: every row must come back in order whatever the
     * number of rows relative to the buffer, with views taken and the table compacted (a stage that completes) and
     * appended to again (a late task end) along the way, and earlier views must not change.
     */
    @Test
    void keepsEveryRowThroughStagingViewsAndCompaction() {
        Random random = new Random(11);
        TaskTable.Builder builder = new TaskTable.Builder();
        int rows = 5_000;
        long[][] expected = new long[rows][TaskMetric.values().length];
        String[] executors = {"1", "2", "driver", "17"};
        TaskTable early = null;
        for (int row = 0; row < rows; row++) {
            for (int metric = 0; metric < expected[row].length; metric++) {
                expected[row][metric] = metric % 3 == 0 ? 0 : random.nextLong(1L << (metric % 62 + 1));
            }
            builder.add(1_000L + row, row % 977, executors[row % executors.length], 1_700_000_000_000L + row,
                    expected[row].clone());
            if (row == 0 || row == 127 || row == 128 || row == 300 || row == 4_095) {
                TaskTable view = builder.view();
                assertEquals(row + 1, view.size());
                if (row == 127) {
                    early = view;
                }
            }
            if (row == 1_000 || row == 1_001 || row == 4_500) {
                builder.compact();
            }
        }
        TaskTable table = builder.view();
        assertEquals(rows, table.size());
        assertEquals(128, early.size());
        for (int row = 0; row < rows; row++) {
            assertEquals(1_000L + row, table.taskId(row));
            assertEquals(row % 977, table.taskIndex(row));
            assertEquals(executors[row % executors.length], table.executorId(row));
            assertEquals(1_700_000_000_000L + row, table.launchTime(row));
            for (TaskMetric metric : TaskMetric.values()) {
                assertEquals(expected[row][metric.ordinal()], table.value(metric, row), metric + " of row " + row);
            }
        }
        for (int row = 0; row < early.size(); row++) {
            assertEquals(1_000L + row, early.taskId(row));
            assertEquals(expected[row][TaskMetric.EXECUTOR_RUN_TIME.ordinal()],
                    early.value(TaskMetric.EXECUTOR_RUN_TIME, row));
        }
    }

    /** Rows added by executor index (looked up once per executor) read back like rows added by name. */
    @Test
    void rowsAddedByExecutorIndexReadLikeRowsAddedByName() {
        TaskTable.Builder byIndex = new TaskTable.Builder(TaskTable.TOP_VALUES_KEPT);
        TaskTable.Builder byName = new TaskTable.Builder(TaskTable.TOP_VALUES_KEPT);
        String[] executors = {"7", "driver", "3"};
        int[] indexes = new int[executors.length];
        for (int i = 0; i < executors.length; i++) {
            indexes[i] = byIndex.executorIndex(executors[i]);
        }
        assertEquals(indexes[1], byIndex.executorIndex("driver"), "the same index for the same name");
        // Past TOP_VALUES_KEPT rows both builders turn into running summaries: indexes must still hold.
        for (int row = 0; row < TaskTable.TOP_VALUES_KEPT + 50; row++) {
            long[] values = new long[TaskMetric.values().length];
            values[TaskMetric.EXECUTOR_RUN_TIME.ordinal()] = row * 7L % 101;
            byIndex.add(row, row, indexes[row % 3], 1_000 + row, values.clone());
            byName.add(row, row, executors[row % 3], 1_000 + row, values);
        }
        TaskTable a = byIndex.view();
        TaskTable b = byName.view();
        assertEquals(b.size(), a.size());
        assertEquals(b.distribution(TaskMetric.EXECUTOR_RUN_TIME), a.distribution(TaskMetric.EXECUTOR_RUN_TIME));
        int[] top = b.top(TaskMetric.EXECUTOR_RUN_TIME, 10);
        assertArrayEquals(top, a.top(TaskMetric.EXECUTOR_RUN_TIME, 10));
        for (int row : top) {
            assertEquals(b.executorId(row), a.executorId(row));
            assertEquals(b.taskId(row), a.taskId(row));
        }
        TaskTable.Builder small = new TaskTable.Builder();
        small.add(1, 0, small.executorIndex("1"), 5, new long[TaskMetric.values().length]);
        assertEquals("1", small.view().executorId(0));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> small.add(2, 1, 1, 5, new long[TaskMetric.values().length]), "an index never handed out");
    }

    /**
     * A summary answers what the analyzers and reports ask exactly as the full table does: every metric's
     * distribution, the top rows of each ranked metric (ties in row order), and the tasks at or above a floor while
     * fewer than its kept values reach it. Past that it says so. Its size does not depend on the task count.
     */
    @Test
    void aSummaryAnswersLikeTheFullTableInBoundedMemory() {
        Random random = new Random(5);
        TaskTable.Builder builder = new TaskTable.Builder();
        int rows = 100_000;
        for (int row = 0; row < rows; row++) {
            long[] values = new long[TaskMetric.values().length];
            for (int metric = 0; metric < values.length; metric++) {
                // Zeros, small ties, and a few large values: the shapes real metrics have.
                values[metric] = metric % 4 == 1 ? 0 : random.nextInt(100) < 97 ? random.nextInt(50)
                        : 1_000 + random.nextInt(1_000_000);
            }
            builder.add(row, row, "exec-" + (row % 7), row * 3L, values);
        }
        builder.compact();
        TaskTable full = builder.view();
        TaskTable summary = full.summary();
        assertTrue(summary.isSummary());
        assertEquals(rows, summary.size());
        assertTrue(summary.keptRows() <= TaskTable.RANKED.size() * TaskTable.TOP_ROWS_KEPT, "" + summary.keptRows());
        assertTrue(summary.retainedBytes() < 64 * 1024, "summary holds " + summary.retainedBytes() + " bytes");
        assertTrue(full.retainedBytes() > 10 * summary.retainedBytes());
        for (TaskMetric metric : TaskMetric.values()) {
            assertEquals(full.distribution(metric), summary.distribution(metric), metric.name());
        }
        for (TaskMetric metric : TaskTable.RANKED) {
            int[] fullTop = full.top(metric, TaskTable.TOP_ROWS_KEPT);
            int[] summaryTop = summary.top(metric, TaskTable.TOP_ROWS_KEPT);
            assertEquals(fullTop.length, summaryTop.length);
            for (int i = 0; i < fullTop.length; i++) {
                assertEquals(full.taskId(fullTop[i]), summary.taskId(summaryTop[i]), metric + " top " + i);
                assertEquals(full.executorId(fullTop[i]), summary.executorId(summaryTop[i]));
                for (TaskMetric other : TaskMetric.values()) {
                    assertEquals(full.value(other, fullTop[i]), summary.value(other, summaryTop[i]));
                }
            }
            long[] sorted = full.sorted(metric);
            long within = sorted[rows - 100];
            assertEquals(full.atLeast(metric, within), summary.atLeast(metric, within), metric + " at least " + within);
            assertTrue(summary.atLeast(metric, within).exact());
            assertEquals(full.atLeast(metric, 0), summary.atLeast(metric, 0), metric + " at least 0");
            if (sorted[0] == sorted[rows - 1]) {
                continue;
            }
            TaskTable.Tail beyond = summary.atLeast(metric, sorted[rows - 1_000]);
            assertFalse(beyond.exact(), metric.name());
            assertEquals(TaskTable.TOP_VALUES_KEPT, beyond.count());
            assertTrue(full.atLeast(metric, sorted[rows - 1_000]).count() >= 1_000);
        }
        assertThrows(IllegalStateException.class, () -> summary.sorted(TaskMetric.DURATION));
        assertSame(summary, summary.summary());
    }

    @Test
    void topKeepsTiesInRowOrder() {
        TaskTable.Builder builder = new TaskTable.Builder();
        long[] durations = {5, 9, 9, 1, 9, 7};
        for (int row = 0; row < durations.length; row++) {
            long[] values = new long[TaskMetric.values().length];
            values[TaskMetric.DURATION.ordinal()] = durations[row];
            builder.add(row, row, "1", 0, values);
        }
        TaskTable table = builder.view();
        assertArrayEquals(new int[] {1, 2, 4, 5}, table.top(TaskMetric.DURATION, 4));
        assertArrayEquals(new int[] {1, 2, 4, 5, 0, 3}, table.top(TaskMetric.DURATION, 10));
        assertEquals(new TaskTable.Tail(3, 27, true), table.atLeast(TaskMetric.DURATION, 8));
        assertSame(table, table.summary(), "a table this small is its own summary");
    }

    /**
     * A builder past its row limit keeps a running summary: count, min, max, totals and the task holding each max
     * exact, quantiles within 1%, the top rows and values of the ranked metrics exact, and no row per task.
     */
    @Test
    void aBuilderPastItsRowLimitKeepsARunningSummary() {
        Random random = new Random(21);
        TaskTable.Builder limited = new TaskTable.Builder(1_000);
        TaskTable.Builder full = new TaskTable.Builder();
        int rows = 60_000;
        String[] executors = {"1", "2", "3"};
        for (int row = 0; row < rows; row++) {
            long[] values = new long[TaskMetric.values().length];
            for (int metric = 0; metric < values.length; metric++) {
                values[metric] = metric % 5 == 1 ? 0 : random.nextInt(100) < 98 ? 100 + random.nextInt(5_000)
                        : random.nextInt(100_000_000);
            }
            limited.add(row, row, executors[row % 3], row, values.clone());
            full.add(row, row, executors[row % 3], row, values);
            if (row == 500) {
                assertFalse(limited.view().isApproximate(), "exact below the limit");
            }
        }
        TaskTable approximate = limited.view();
        TaskTable exact = full.view();
        assertTrue(approximate.isApproximate() && approximate.isSummary());
        assertEquals(0, limited.keptRows());
        assertEquals(rows, approximate.size());
        assertTrue(approximate.retainedBytes() < 64 * 1024, "" + approximate.retainedBytes());
        for (TaskMetric metric : TaskMetric.values()) {
            Distribution a = approximate.distribution(metric);
            Distribution e = exact.distribution(metric);
            assertEquals(List.of(e.count(), e.min(), e.max(), e.total(), e.maxTaskIndex(), e.maxTaskId(),
                    e.maxTaskExecutor()), List.of(a.count(), a.min(), a.max(), a.total(), a.maxTaskIndex(),
                    a.maxTaskId(), a.maxTaskExecutor()), metric.name());
            long[][] quantiles = {{e.p25(), a.p25()}, {e.median(), a.median()}, {e.p75(), a.p75()},
                {e.p95(), a.p95()}};
            for (long[] pair : quantiles) {
                assertTrue(Math.abs(pair[0] - pair[1]) <= pair[0] / 100.0 + 1, metric + ": " + pair[1]
                        + " for " + pair[0]);
            }
        }
        for (TaskMetric metric : TaskTable.RANKED) {
            int[] exactTop = exact.top(metric, TaskTable.TOP_ROWS_KEPT);
            int[] approximateTop = approximate.top(metric, TaskTable.TOP_ROWS_KEPT);
            for (int i = 0; i < exactTop.length; i++) {
                assertEquals(exact.taskId(exactTop[i]), approximate.taskId(approximateTop[i]), metric + " top " + i);
                assertEquals(exact.launchTime(exactTop[i]), approximate.launchTime(approximateTop[i]));
                assertEquals(exact.executorId(exactTop[i]), approximate.executorId(approximateTop[i]));
            }
            long floor = exact.sorted(metric)[rows - 50];
            assertEquals(exact.atLeast(metric, floor), approximate.atLeast(metric, floor), metric.name());
        }
    }

    /** A summary of a table whose distributions were asked for already takes its top values by selection, not by
     * sorting again: the result must be the same. */
    @Test
    void aSummaryIsTheSameWhetherDistributionsWereComputedFirst() {
        Random random = new Random(8);
        TaskTable.Builder first = new TaskTable.Builder();
        TaskTable.Builder second = new TaskTable.Builder();
        for (int row = 0; row < 5_000; row++) {
            long[] values = new long[TaskMetric.values().length];
            for (int metric = 0; metric < values.length; metric++) {
                values[metric] = random.nextInt(10) == 0 ? random.nextInt(1_000_000) : random.nextInt(20);
            }
            first.add(row, row, "e" + row % 4, row, values.clone());
            second.add(row, row, "e" + row % 4, row, values);
        }
        TaskTable memoized = first.view();
        for (TaskMetric metric : TaskMetric.values()) {
            memoized.distribution(metric);
        }
        TaskTable a = memoized.summary();
        TaskTable b = second.view().summary();
        assertEquals(b.keptRows(), a.keptRows());
        for (int row = 0; row < a.keptRows(); row++) {
            assertEquals(b.taskId(row), a.taskId(row));
        }
        for (TaskMetric metric : TaskMetric.values()) {
            assertEquals(b.distribution(metric), a.distribution(metric));
            for (long floor : new long[] {0, 15, 500_000, 999_000}) {
                assertEquals(b.atLeast(metric, floor), a.atLeast(metric, floor), metric + " " + floor);
            }
        }
    }
}
