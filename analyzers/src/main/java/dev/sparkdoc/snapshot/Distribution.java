package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.TaskMetric;

/**
 * One metric over a stage attempt's successful tasks: quantiles, total, and the task holding the maximum.
 *
 * @param maxTaskIndex the index (partition) of the task with the largest value, -1 when there are no tasks
 */
public record Distribution(TaskMetric metric, int count, long min, long p25, long median, long p75, long p95,
        long max, long total, int maxTaskIndex, long maxTaskId, String maxTaskExecutor) {

    static Distribution of(TaskMetric metric, TaskTable table) {
        if (table.isEmpty()) {
            return new Distribution(metric, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, "");
        }
        long[] sorted = table.sorted(metric);
        double[] q = Quantiles.of(sorted, sorted.length, 0.25, 0.5, 0.75, 0.95);
        long total = 0;
        for (long value : sorted) {
            total += value;
        }
        int row = table.argMax(metric);
        return new Distribution(metric, sorted.length, sorted[0], (long) q[0], (long) q[1], (long) q[2], (long) q[3],
                sorted[sorted.length - 1], total, table.taskIndex(row), table.taskId(row), table.executorId(row));
    }

    /** max / median, or empty when the median is 0. */
    public java.util.OptionalDouble maxOverMedian() {
        if (count == 0 || median <= 0) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of((double) max / median);
    }
}
