package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.TaskMetric;

/**
 * One metric over a stage attempt's successful tasks: quantiles, total, and the task holding the maximum.
 *
 * @param maxTaskIndex the index (partition) of the task with the largest value, -1 when there are no tasks
 */
public record Distribution(TaskMetric metric, int count, long min, long p25, long median, long p75, long p95,
        long max, long total, int maxTaskIndex, long maxTaskId, String maxTaskExecutor) {

    /** max / median by the one policy ({@link dev.sparkdoc.quantity.SkewRatio}): empty when the median is 0. */
    public java.util.OptionalDouble maxOverMedian() {
        return dev.sparkdoc.quantity.SkewRatio.of(count, max, median);
    }

    /** The skew ratio as every renderer shows it: "17x", or "undefined (median 0)". */
    public String describeMaxOverMedian() {
        return dev.sparkdoc.quantity.SkewRatio.describe(count, max, median);
    }
}
