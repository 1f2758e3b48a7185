package dev.sparkdoc.rules;

import java.util.Locale;
import java.util.Optional;

/** Where the series an alert rule reads come from. Each source becomes one rule group in an exported file. */
public enum AlertSource {
    /** The sparkdoc listener's own {@code sparkdoc_*} metrics on the driver's {@code /metrics}. */
    SPARKDOC("listener", "the sparkdoc listener's sparkdoc_* metrics"),
    /** Spark 4's executor metrics at {@code /metrics/executors/prometheus} ({@code metrics_executor_*}). */
    SPARK("spark-executors", "Spark's metrics_executor_* series from /metrics/executors/prometheus"),
    /** kube-state-metrics joined on Spark's pod labels, and spark-operator's {@code spark_application_*} counters. */
    KUBERNETES("kubernetes", "kube-state-metrics (Spark pods by their spark-role labels) and spark-operator");

    private final String groupName;
    private final String description;

    AlertSource(String groupName, String description) {
        this.groupName = groupName;
        this.description = description;
    }

    /** The name used on the command line and in the catalog: {@code sparkdoc}, {@code spark}, {@code kubernetes}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule group this source's alerts are exported in, prefixed with {@code sparkdoc.}. */
    public String groupName() {
        return "sparkdoc." + groupName;
    }

    public String description() {
        return description;
    }

    public static Optional<AlertSource> parse(String text) {
        for (AlertSource source : values()) {
            if (source.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
