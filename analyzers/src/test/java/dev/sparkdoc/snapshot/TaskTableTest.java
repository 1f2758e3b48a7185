package dev.sparkdoc.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.event.TaskMetric;
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
}
