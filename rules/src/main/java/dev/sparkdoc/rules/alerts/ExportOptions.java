package dev.sparkdoc.rules.alerts;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.rules.AlertSource;
import dev.sparkdoc.rules.RuleSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to export: the thresholds in force, which metric sources, the format, where runbooks live, and for a
 * PrometheusRule its name, namespace and labels.
 *
 * @param sources the sources whose alerts to write (at least one); each becomes one rule group
 * @param runbookBaseUrl where docs/rules/ is published; each alert's runbook_url is {@code <base>/<rule id>.md}
 * @param resourceName metadata.name of the PrometheusRule
 * @param namespace metadata.namespace of the PrometheusRule; empty leaves it to {@code kubectl apply -n}
 * @param resourceLabels metadata.labels added to the PrometheusRule (a Prometheus' ruleSelector must match them)
 * @param pushMaxAge how long a Pushgateway keeps an application's pushed series alive for the alerts: the sparkdoc
 *     alerts ignore series of an application whose last push ({@code push_time_seconds}) is older, so the alert of a
 *     finished batch job resolves; series scraped from a running listener have no push time and are never ignored
 */
public record ExportOptions(RuleSettings settings, Set<AlertSource> sources, AlertFormat format,
        String runbookBaseUrl, String resourceName, Optional<String> namespace, Map<String, String> resourceLabels,
        Duration pushMaxAge) {

    public static final String DEFAULT_RESOURCE_NAME = "sparkdoc-alerts";
    /**
     * Longer than every sparkdoc alert's {@code for} (at most 10 minutes in the catalog), so an alert on a batch
     * job's final push has time to fire, and short enough that it resolves within a quarter of an hour.
     */
    public static final Duration DEFAULT_PUSH_MAX_AGE = Duration.ofMinutes(15);

    /** Options with the default {@link #DEFAULT_PUSH_MAX_AGE}. */
    public ExportOptions(RuleSettings settings, Set<AlertSource> sources, AlertFormat format, String runbookBaseUrl,
            String resourceName, Optional<String> namespace, Map<String, String> resourceLabels) {
        this(settings, sources, format, runbookBaseUrl, resourceName, namespace, resourceLabels,
                DEFAULT_PUSH_MAX_AGE);
    }

    public ExportOptions {
        requireNonNull(settings, "settings is null");
        requireNonNull(sources, "sources is null");
        requireNonNull(format, "format is null");
        requireNonNull(runbookBaseUrl, "runbookBaseUrl is null");
        requireNonNull(resourceName, "resourceName is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(resourceLabels, "resourceLabels is null");
        requireNonNull(pushMaxAge, "pushMaxAge is null");
        if (pushMaxAge.toSeconds() < 60) {
            throw new IllegalArgumentException("the pushed series' maximum age must be at least 1m, got "
                    + pushMaxAge.toSeconds() + "s");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one alert source is needed");
        }
        if (resourceName.length() > 253 || !resourceName.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new IllegalArgumentException("'" + resourceName + "' is not a Kubernetes resource name: lower-case "
                    + "letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        namespace.ifPresent(name -> {
            if (name.length() > 63 || !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new IllegalArgumentException("'" + name + "' is not a Kubernetes namespace: at most 63 "
                        + "lower-case letters, digits and '-', starting and ending with a letter or digit");
            }
        });
        resourceLabels.forEach(ExportOptions::checkLabel);
        sources = Set.copyOf(EnumSet.copyOf(sources));
        resourceLabels = Map.copyOf(new LinkedHashMap<>(resourceLabels));
    }

    private static void checkLabel(String key, String value) {
        String name = key.substring(key.indexOf('/') + 1);
        String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : "";
        boolean keyOk = name.length() <= 63 && name.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
                && (prefix.isEmpty() ? !key.contains("/") : prefix.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"));
        if (!keyOk) {
            throw new IllegalArgumentException("'" + key + "' is not a Kubernetes label key (prefix/name, name of "
                    + "at most 63 letters, digits, '-', '_' and '.')");
        }
        if (value.length() > 63 || !value.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")) {
            throw new IllegalArgumentException("label " + key + ": '" + value + "' is not a Kubernetes label value "
                    + "(at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)");
        }
    }

    /** Every source, as a Prometheus rule file, with the catalog's runbook location. */
    public static ExportOptions defaults(RuleSettings settings) {
        return new ExportOptions(settings, EnumSet.allOf(AlertSource.class), AlertFormat.PROMETHEUS,
                settings.catalog().runbookBaseUrl(), DEFAULT_RESOURCE_NAME, Optional.empty(), Map.of());
    }

    public ExportOptions withSources(Set<AlertSource> newSources) {
        return new ExportOptions(settings, newSources, format, runbookBaseUrl, resourceName, namespace,
                resourceLabels, pushMaxAge);
    }

    public ExportOptions withFormat(AlertFormat newFormat) {
        return new ExportOptions(settings, sources, newFormat, runbookBaseUrl, resourceName, namespace,
                resourceLabels, pushMaxAge);
    }

    public ExportOptions withPushMaxAge(Duration newPushMaxAge) {
        return new ExportOptions(settings, sources, format, runbookBaseUrl, resourceName, namespace,
                resourceLabels, newPushMaxAge);
    }
}
