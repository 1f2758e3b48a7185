package dev.sparkdoc.rules.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to run beside the alert rules to watch the listener's metrics: Prometheus recording rules for the ratios the
 * alerts and panels share, a Grafana dashboard of the listener's series, and a prometheus-operator PodMonitor that
 * scrapes the listener's port on Spark driver pods. Every panel's expression is tested against a real Prometheus
 * scraping a real job (the listeners module's LiveDashboardTest).
 */
public final class Dashboards {

    /** The selector every panel applies: the dashboard's application variable. */
    public static final String APPLICATION_FILTER = "application_name=~\"$application\"";

    private static final String BY_APP = "by (application_id, application_name)";

    /** A recording rule: its name and expression. */
    public record Recording(String record, String expr) {
    }

    /** A dashboard panel: title, unit (Grafana's), one expression and its legend. */
    public record Panel(String title, String unit, String expr, String legend) {
    }

    /** The ratios the panels read, over the application's totals so far (as the alerts and sparkdoc analyze do). */
    public static final List<Recording> RECORDINGS = List.of(
            new Recording("sparkdoc:task_gc_time:ratio",
                    "sum " + BY_APP + " (sparkdoc_task_gc_time_seconds_total)\n  / sum " + BY_APP
                            + " (sparkdoc_task_run_time_seconds_total > 0)"),
            new Recording("sparkdoc:memory_spill_per_shuffle_read:ratio",
                    "sum " + BY_APP + " (sparkdoc_spill_bytes_total{kind=\"memory\"})\n  / sum " + BY_APP
                            + " (sparkdoc_shuffle_read_bytes_total > 0)"),
            new Recording("sparkdoc:task_failure:ratio",
                    "sum " + BY_APP + " (sparkdoc_tasks_total{status=\"failed\"})\n  / sum " + BY_APP
                            + " (sparkdoc_tasks_total > 0)"),
            new Recording("sparkdoc:driver_heap_used:ratio",
                    "max " + BY_APP + " (sparkdoc_driver_heap_used_bytes)\n  / max " + BY_APP
                            + " (sparkdoc_driver_heap_max_bytes > 0)"));

    public static final List<Panel> PANELS = List.of(
            new Panel("Tasks per second by status", "ops",
                    "sum by (application_name, status) (rate(sparkdoc_tasks_total{" + APPLICATION_FILTER + "}[5m]))",
                    "{{application_name}} {{status}}"),
            new Panel("Failed tasks by cause, last 10 minutes", "short",
                    "sum by (application_name, cause) (increase(sparkdoc_tasks_failed_total{" + APPLICATION_FILTER
                            + "}[10m]))",
                    "{{application_name}} {{cause}}"),
            new Panel("GC time / task run time", "percentunit",
                    "sparkdoc:task_gc_time:ratio{" + APPLICATION_FILTER + "}", "{{application_name}}"),
            new Panel("Memory spill / shuffle read", "percentunit",
                    "sparkdoc:memory_spill_per_shuffle_read:ratio{" + APPLICATION_FILTER + "}", "{{application_name}}"),
            new Panel("Task failures / task attempts", "percentunit",
                    "sparkdoc:task_failure:ratio{" + APPLICATION_FILTER + "}", "{{application_name}}"),
            new Panel("Largest stage skew (max / median)", "short",
                    "max by (application_name, metric) (sparkdoc_stage_skew_ratio_max{" + APPLICATION_FILTER + "})",
                    "{{application_name}} {{metric}}"),
            new Panel("Running stages: oldest running task", "s",
                    "max by (application_name, stage_id) (sparkdoc_running_stage_oldest_task_seconds{"
                            + APPLICATION_FILTER + "})",
                    "{{application_name}} stage {{stage_id}}"),
            new Panel("Running stages: median finished task", "s",
                    "max by (application_name, stage_id) (sparkdoc_running_stage_median_task_seconds{"
                            + APPLICATION_FILTER + "})",
                    "{{application_name}} stage {{stage_id}}"),
            new Panel("Active findings by severity", "short",
                    "sum by (application_name, severity) (sparkdoc_findings{" + APPLICATION_FILTER + "})",
                    "{{application_name}} {{severity}}"),
            new Panel("Latest job duration", "s",
                    "max by (application_name) (sparkdoc_job_duration_seconds{" + APPLICATION_FILTER + "})",
                    "{{application_name}}"),
            new Panel("Driver heap used / max", "percentunit",
                    "sparkdoc:driver_heap_used:ratio{" + APPLICATION_FILTER + "}", "{{application_name}}"),
            new Panel("Listener: events dropped and errors", "short",
                    "sum by (application_name) (sparkdoc_listener_events_dropped_total{" + APPLICATION_FILTER
                            + "}) or sum by (application_name) (sparkdoc_listener_errors_total{"
                            + APPLICATION_FILTER + "})",
                    "{{application_name}}"));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private Dashboards() {
    }

    /** The recording rules as a Prometheus rule file (one group, {@code sparkdoc.recording}). */
    public static String recordingRules(String header) {
        List<Object> rules = new ArrayList<>();
        for (Recording recording : RECORDINGS) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", recording.record());
            rule.put("expr", recording.expr());
            rules.add(rule);
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", "sparkdoc.recording");
        group.put("rules", rules);
        return header + yaml(Map.of("groups", List.of(group)));
    }

    /** A Grafana dashboard (JSON model, schema 39) of the listener's series, with datasource and application variables. */
    public static String grafana(String version) {
        List<Object> panels = new ArrayList<>();
        int id = 1;
        for (Panel panel : PANELS) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("refId", "A");
            target.put("datasource", Map.of("type", "prometheus", "uid", "${datasource}"));
            target.put("expr", panel.expr());
            target.put("legendFormat", panel.legend());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("type", "timeseries");
            json.put("title", panel.title());
            json.put("datasource", Map.of("type", "prometheus", "uid", "${datasource}"));
            json.put("gridPos", Map.of("h", 8, "w", 12, "x", (id - 1) % 2 * 12, "y", (id - 1) / 2 * 8));
            json.put("fieldConfig", Map.of("defaults", Map.of("unit", panel.unit()), "overrides", List.of()));
            json.put("targets", List.of(target));
            panels.add(json);
            id++;
        }
        Map<String, Object> datasource = new LinkedHashMap<>();
        datasource.put("name", "datasource");
        datasource.put("label", "Prometheus");
        datasource.put("type", "datasource");
        datasource.put("query", "prometheus");
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("name", "application");
        application.put("label", "Application");
        application.put("type", "query");
        application.put("datasource", Map.of("type", "prometheus", "uid", "${datasource}"));
        application.put("query", "label_values(sparkdoc_build_info, application_name)");
        application.put("refresh", 2);
        application.put("includeAll", true);
        application.put("allValue", ".+");
        application.put("multi", true);
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("title", "Spark applications (sparkdoc)");
        dashboard.put("uid", "sparkdoc-listener");
        dashboard.put("description", "The sparkdoc listener's metrics; generated by sparkdoc " + version
                + " (sparkdoc alerts dashboard). Load sparkdoc's recording rules too.");
        dashboard.put("tags", List.of("spark", "sparkdoc"));
        dashboard.put("schemaVersion", 39);
        dashboard.put("refresh", "30s");
        dashboard.put("time", Map.of("from", "now-6h", "to", "now"));
        dashboard.put("templating", Map.of("list", List.of(datasource, application)));
        dashboard.put("panels", panels);
        try {
            return JSON.writeValueAsString(dashboard) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the dashboard as JSON", e);
        }
    }

    /**
     * A PodMonitor scraping the listener's endpoint ({@code spark.sparkdoc.prometheus.port}) on Spark driver pods
     * (Spark's own label {@code spark-role=driver}). The port is given by number: Spark does not name it on the pod.
     */
    public static String podMonitor(int port, Optional<String> namespace, String header) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "sparkdoc-listener");
        namespace.ifPresent(name -> metadata.put("namespace", name));
        metadata.put("labels", Map.of("app.kubernetes.io/name", "sparkdoc"));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("targetPort", port);
        endpoint.put("path", "/metrics");
        endpoint.put("interval", "15s");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", Map.of("spark-role", "driver")));
        if (namespace.isEmpty()) {
            spec.put("namespaceSelector", Map.of("any", true));
        }
        spec.put("podMetricsEndpoints", List.of(endpoint));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", "monitoring.coreos.com/v1");
        resource.put("kind", "PodMonitor");
        resource.put("metadata", metadata);
        resource.put("spec", spec);
        return header + yaml(resource);
    }

    private static String yaml(Object document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write YAML", e);
        }
    }
}
