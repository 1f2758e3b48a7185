package dev.sparkdoc.rules.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sparkdoc.rules.AlertRule;
import dev.sparkdoc.rules.AlertSource;
import dev.sparkdoc.rules.AlertTemplate;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleSettings;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the catalog's alerts as a Prometheus rule file or a PrometheusRule resource, with the thresholds in force
 * (the same {@link RuleSettings} as the analyzers, so {@code --rules} overrides apply to both) and without the
 * alerts of disabled rules.
 *
 * <p>One rule group per metric source, named {@code sparkdoc.<source>}; each alert carries the labels
 * {@code severity} and {@code rule} (the catalog rule id) and the annotations summary, description, fix (the rule's remediation) and, when the runbooks' base URL is
 * an absolute http(s) URL ({@code --runbook-base-url}), runbook_url.
 * The output stays within the rule format of Prometheus 2.42 (no group labels or query_offset), the version
 * Debian ships and CI checks with.
 */
public final class AlertExporter {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private AlertExporter() {
    }

    /**
     * The alerts to export, in file order: by source (sparkdoc, spark, kubernetes), then by rule id, then in catalog
     * order within a rule. Alerts of disabled rules are left out.
     */
    public static List<AlertRule> alerts(ExportOptions options) {
        RuleSettings settings = options.settings();
        List<AlertRule> alerts = new ArrayList<>();
        for (AlertSource source : AlertSource.values()) {
            if (!options.sources().contains(source)) {
                continue;
            }
            for (Rule rule : settings.catalog().everyRule()) {
                if (!settings.isEnabled(rule.id())) {
                    continue;
                }
                for (AlertTemplate template : rule.alerts()) {
                    if (template.source() == source) {
                        AlertRule alert = template.resolve(rule, settings, rule.docsUrl(options.runbookBaseUrl()));
                        alerts.add(source == AlertSource.SPARKDOC ? ignoringStalePushes(alert, options.pushMaxAge())
                                : alert);
                    }
                }
            }
        }
        return alerts;
    }

    /**
     * The alert without the series of applications whose last push to a Pushgateway is older than {@code maxAge}: a
     * Pushgateway keeps a finished batch job's final values forever, and an alert on them would never resolve. The
     * Pushgateway writes {@code push_time_seconds} for every group it holds, with the group's labels (the listener
     * groups by {@code application_id}); series scraped from a running listener have no push time and stay.
     */
    static AlertRule ignoringStalePushes(AlertRule alert, java.time.Duration maxAge) {
        String expr = "(\n" + alert.expr().indent(2) + ")\nunless on (application_id)\n"
                + "  (time() - push_time_seconds{application_id!=\"\"} > " + maxAge.toSeconds() + ")";
        return new AlertRule(alert.name(), alert.ruleId(), alert.source(), alert.severity(), alert.forDuration(),
                expr, alert.summary(), alert.description(), alert.runbookUrl(), alert.fix());
    }

    /** The exported document as YAML text, after {@code header} (comment lines, each starting with #). */
    public static String export(ExportOptions options, String header) {
        Map<String, Object> document = options.format() == AlertFormat.PROMETHEUS
                ? ruleFile(alerts(options))
                : prometheusRule(options, alerts(options));
        try {
            return header + YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the alert rules as YAML", e);
        }
    }

    /**
     * The alerts {@code options} selects as a plain Prometheus rule file (whatever the format) without annotations:
     * what the promtool unit tests of {@link PromtoolTests} load, as promtool compares annotations literally.
     */
    public static String exportWithoutAnnotations(ExportOptions options) {
        try {
            return "# The alerts of sparkdoc alerts export without their annotations, for its promtool unit tests.\n"
                    + "# Not for Prometheus: load the exported rule file there.\n"
                    + YAML.writeValueAsString(ruleFile(alerts(options), false));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the alert rules as YAML", e);
        }
    }

    /** {@code groups:} as in a Prometheus rule file and a PrometheusRule's spec; sources without alerts are left out. */
    static Map<String, Object> ruleFile(List<AlertRule> alerts) {
        return ruleFile(alerts, true);
    }

    private static Map<String, Object> ruleFile(List<AlertRule> alerts, boolean annotated) {
        Map<AlertSource, List<Object>> bySource = new TreeMap<>();
        for (AlertRule alert : alerts) {
            bySource.computeIfAbsent(alert.source(), source -> new ArrayList<>()).add(rule(alert, annotated));
        }
        List<Object> groups = new ArrayList<>();
        bySource.forEach((source, rules) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", source.groupName());
            group.put("rules", rules);
            groups.add(group);
        });
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("groups", groups);
        return file;
    }

    private static Map<String, Object> rule(AlertRule alert, boolean annotated) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", alert.name());
        rule.put("expr", alert.expr());
        rule.put("for", alert.forDuration());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", alert.severity().label());
        labels.put("rule", alert.ruleId());
        rule.put("labels", labels);
        if (!annotated) {
            return rule;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", alert.summary());
        annotations.put("description", alert.description());
        annotations.put("fix", alert.fix());
        if (alert.hasRunbookLink()) {
            annotations.put("runbook_url", alert.runbookUrl());
        }
        rule.put("annotations", annotations);
        return rule;
    }

    private static Map<String, Object> prometheusRule(ExportOptions options, List<AlertRule> alerts) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", options.resourceName());
        options.namespace().ifPresent(namespace -> metadata.put("namespace", namespace));
        Map<String, String> labels = new TreeMap<>(options.resourceLabels());
        labels.putIfAbsent("app.kubernetes.io/name", "sparkdoc");
        labels.putIfAbsent("app.kubernetes.io/component", "alert-rules");
        metadata.put("labels", labels);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", "monitoring.coreos.com/v1");
        resource.put("kind", "PrometheusRule");
        resource.put("metadata", metadata);
        resource.put("spec", ruleFile(alerts));
        return resource;
    }
}
