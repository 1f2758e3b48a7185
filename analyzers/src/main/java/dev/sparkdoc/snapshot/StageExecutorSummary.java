package dev.sparkdoc.snapshot;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.event.ExecutorMetrics;

/** One executor's share of a stage attempt, as Spark's REST {@code executorSummary}. */
public record StageExecutorSummary(String executorId, long taskTimeMillis, int succeededTasks, int failedTasks,
        int killedTasks, MetricTotals metrics, ExecutorMetrics peakMemoryMetrics) {

    public StageExecutorSummary {
        requireNonNull(executorId, "executorId is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(peakMemoryMetrics, "peakMemoryMetrics is null");
    }
}
