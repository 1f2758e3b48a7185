package dev.sparkdoc.listener;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.apache.spark.metrics.source.Source;

/**
 * The listener's application-level series as a source of Spark's own metrics system, so the sinks a cluster already
 * runs (PrometheusServlet, JMX, Graphite, StatsD, CSV) carry them: registered under the source name
 * {@value #NAME}, Spark names them {@code <spark.metrics.namespace or app id>.driver.sparkdoc.<gauge>}. Each gauge
 * reads the listener's Prometheus registry when a sink polls it, so both exports show the same numbers.
 */
final class SparkMetricsSource implements Source {

    static final String NAME = "sparkdoc";

    /** A gauge: its Spark name, and the listener series (name without _total, one label value or none) it reads. */
    private record Series(String gauge, String metric, String label, String labelValue) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("tasks.succeeded", "sparkdoc_tasks", "status", "success"),
            new Series("tasks.failed", "sparkdoc_tasks", "status", "failed"),
            new Series("tasks.killed", "sparkdoc_tasks", "status", "killed"),
            new Series("jobs.succeeded", "sparkdoc_jobs", "status", "succeeded"),
            new Series("jobs.failed", "sparkdoc_jobs", "status", "failed"),
            new Series("taskRunTimeSeconds", "sparkdoc_task_run_time_seconds", "", ""),
            new Series("taskGcTimeSeconds", "sparkdoc_task_gc_time_seconds", "", ""),
            new Series("shuffleReadBytes", "sparkdoc_shuffle_read_bytes", "", ""),
            new Series("spillBytes.memory", "sparkdoc_spill_bytes", "kind", "memory"),
            new Series("spillBytes.disk", "sparkdoc_spill_bytes", "kind", "disk"),
            new Series("stageSkewRatioMax.duration", "sparkdoc_stage_skew_ratio_max", "metric", "duration"),
            new Series("stageSkewRatioMax.shuffleRead", "sparkdoc_stage_skew_ratio_max", "metric", "shuffle_read"),
            new Series("findings.critical", "sparkdoc_findings", "severity", "critical"),
            new Series("findings.warning", "sparkdoc_findings", "severity", "warning"),
            new Series("executorOom", "sparkdoc_executor_oom", "", ""),
            new Series("fetchFailures", "sparkdoc_fetch_failures", "", ""),
            new Series("listener.eventsDropped", "sparkdoc_listener_events_dropped", "", ""),
            new Series("listener.errors", "sparkdoc_listener_errors", "", ""));

    private final MetricRegistry registry = new MetricRegistry();

    SparkMetricsSource(PrometheusRegistry prometheus) {
        for (Series series : SERIES) {
            registry.register(series.gauge(), (Gauge<Double>) () -> value(prometheus, series));
        }
    }

    /** The gauges' names, for docs and tests. */
    static List<String> gaugeNames() {
        return SERIES.stream().map(Series::gauge).toList();
    }

    /** The series' value: the sum of its data points with the label value (findings: over every rule); 0 if none. */
    private static double value(PrometheusRegistry prometheus, Series series) {
        double sum = 0;
        for (MetricSnapshot snapshot : prometheus.scrape(series.metric()::equals)) {
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                if (!series.label().isEmpty() && !series.labelValue().equals(point.getLabels().get(series.label()))) {
                    continue;
                }
                if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
                    sum += counter.getValue();
                } else if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
                    sum += gauge.getValue();
                }
            }
        }
        return sum;
    }

    @Override
    public String sourceName() {
        return NAME;
    }

    @Override
    public MetricRegistry metricRegistry() {
        return registry;
    }
}
