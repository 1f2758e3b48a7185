package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.ExecutorMetrics;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.event.TaskMetric;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One stage attempt with the totals and counts Spark's History Server reports for it (same names, same rules), and
 * the per-task values of its successful tasks for exact distributions.
 *
 * @param totals sums over every task end that carried metrics (failed and killed attempts included, as Spark does)
 * @param successfulTasks per-task values of the tasks that succeeded with metrics
 * @param endedTaskDurations the duration of every started task that ended, whatever its outcome; empty when the
 *     folder bounded its memory and summarized this attempt ({@link TaskTable#summary()})
 * @param runningTasks tasks started and not ended when the log stops
 */
public record StageAttempt(
        StageAttemptId id,
        String name,
        String details,
        StageStatus status,
        int numTasks,
        List<Integer> jobIds,
        List<Integer> parentStageIds,
        OptionalLong submissionTime,
        OptionalLong firstTaskLaunchedTime,
        OptionalLong completionTime,
        Optional<String> failureReason,
        OptionalInt resourceProfileId,
        OptionalLong sqlExecutionId,
        int numCompleteTasks,
        int numFailedTasks,
        int numKilledTasks,
        int numCompletedIndices,
        int runningTasks,
        MetricTotals totals,
        TaskTable successfulTasks,
        Optional<LongColumnView> endedTaskDurations,
        List<StageExecutorSummary> executorSummaries,
        List<TaskFailureGroup> failures,
        ExecutorMetrics peakExecutorMetrics) {

    public StageAttempt {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(details, "details is null");
        requireNonNull(status, "status is null");
        jobIds = List.copyOf(jobIds);
        parentStageIds = List.copyOf(parentStageIds);
        requireNonNull(submissionTime, "submissionTime is null");
        requireNonNull(firstTaskLaunchedTime, "firstTaskLaunchedTime is null");
        requireNonNull(completionTime, "completionTime is null");
        requireNonNull(failureReason, "failureReason is null");
        requireNonNull(resourceProfileId, "resourceProfileId is null");
        requireNonNull(sqlExecutionId, "sqlExecutionId is null");
        requireNonNull(totals, "totals is null");
        requireNonNull(successfulTasks, "successfulTasks is null");
        requireNonNull(endedTaskDurations, "endedTaskDurations is null");
        executorSummaries = List.copyOf(executorSummaries);
        failures = List.copyOf(failures);
        requireNonNull(peakExecutorMetrics, "peakExecutorMetrics is null");
    }

    public long total(TaskMetric metric) {
        return totals.get(metric);
    }

    public Distribution distribution(TaskMetric metric) {
        return successfulTasks.distribution(metric);
    }

    /** Completion (or last task end) minus submission; empty when the stage never ran. */
    public OptionalLong durationMillis() {
        if (submissionTime.isEmpty() || completionTime.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, completionTime.getAsLong() - submissionTime.getAsLong()));
    }

    /** A fixed-length read-only view of a {@link LongColumn}. */
    public record LongColumnView(LongColumn column, int size) {
        public LongColumnView {
            requireNonNull(column, "column is null");
        }

        public long get(int row) {
            if (row < 0 || row >= size) {
                throw new IndexOutOfBoundsException("row " + row + " of " + size);
            }
            return column.get(row);
        }

        public long[] sorted() {
            long[] values = new long[size];
            for (int i = 0; i < size; i++) {
                values[i] = column.get(i);
            }
            java.util.Arrays.sort(values);
            return values;
        }
    }
}
