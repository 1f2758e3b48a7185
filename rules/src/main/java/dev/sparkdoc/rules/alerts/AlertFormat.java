package dev.sparkdoc.rules.alerts;

import java.util.Locale;
import java.util.Optional;

/** What {@code sparkdoc alerts export} writes. */
public enum AlertFormat {
    /** A Prometheus rule file ({@code rule_files:} in prometheus.yml): {@code groups:} of alerting rules. */
    PROMETHEUS,
    /** A prometheus-operator PrometheusRule resource (monitoring.coreos.com/v1) whose spec holds the same groups. */
    PROMETHEUS_OPERATOR;

    /** The name used on the command line: {@code prometheus}, {@code prometheus-operator}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<AlertFormat> parse(String text) {
        for (AlertFormat format : values()) {
            if (format.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
