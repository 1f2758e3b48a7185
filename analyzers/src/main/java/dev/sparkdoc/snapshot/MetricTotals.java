package dev.sparkdoc.snapshot;

import dev.sparkdoc.event.Saturating;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.event.TaskMetrics;
import java.util.Arrays;

/** Sums of task metrics over some set of tasks; values Spark does not total (task timing) are absent. */
public final class MetricTotals {

    private static final MetricTotals ZERO = new MetricTotals(new long[TaskMetric.values().length]);

    private final long[] values;

    private MetricTotals(long[] values) {
        this.values = values;
    }

    public static MetricTotals zero() {
        return ZERO;
    }

    public long get(TaskMetric metric) {
        if (metric.restName().isEmpty()) {
            throw new IllegalArgumentException(metric + " has no total");
        }
        return values[metric.ordinal()];
    }

    /** This plus one task's metrics. */
    public MetricTotals plus(TaskMetrics metrics) {
        long[] sum = values.clone();
        for (TaskMetric metric : TaskMetric.stageTotals()) {
            sum[metric.ordinal()] = Saturating.add(sum[metric.ordinal()], metrics.get(metric));
        }
        return new MetricTotals(sum);
    }

    /** A mutable accumulator, for the folder's hot path. */
    public static final class Accumulator {
        private final long[] values = new long[TaskMetric.values().length];

        /** Adds every value, totals or not (one straight loop); {@link #snapshot()} keeps only the totals. */
        public void add(TaskMetrics metrics) {
            metrics.addTo(values);
        }

        public MetricTotals snapshot() {
            long[] totals = new long[values.length];
            for (TaskMetric metric : TaskMetric.stageTotals()) {
                totals[metric.ordinal()] = values[metric.ordinal()];
            }
            return new MetricTotals(totals);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricTotals that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
