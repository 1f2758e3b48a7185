package dev.sparkdoc.rules.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkdoc.rules.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HARNESS CHECK for the end-to-end alert test: a real Prometheus server (Debian's 2.42, from the same package as
 * promtool) on 127.0.0.1 loads every exported alert rule, scrapes a loopback target, and fires the skew alert,
 * queried from its HTTP API. The target here is a stand-in ({@link MetricsEndpoint}) serving the listener's
 * {@code sparkdoc_findings} series as the metrics contract defines it; the full end-to-end test points
 * the same harness at the sparkdoc listener of a real local Spark job running the skewed reference job.
 */
class PrometheusAlertsHarnessTest {

    private static final String SKEWED_APP = "sparkdoc_findings{application_id=\"local-1700000000000\","
            + "application_name=\"skewed-aggregation\",rule=\"data-skew\",severity=\"critical\"} 1\n";
    private static final String EVEN_APP = "sparkdoc_findings{application_id=\"local-1700000000001\","
            + "application_name=\"healthy\",rule=\"data-skew\",severity=\"critical\"} 0\n";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void realPrometheusLoadsEveryExportedRuleAndFiresTheSkewAlert(@TempDir Path directory) throws Exception {
        Path rules = directory.resolve("sparkdoc-alerts.yml");
        ExportOptions options = ExportOptions.defaults(RuleSettings.defaults());
        Files.writeString(rules, AlertExporter.export(options, "# all sources, default thresholds\n"));
        String exposition = "# HELP sparkdoc_findings active findings by rule and severity\n"
                + "# TYPE sparkdoc_findings gauge\n" + SKEWED_APP + EVEN_APP;

        try (MetricsEndpoint target = MetricsEndpoint.serving(exposition);
                PrometheusServer prometheus = PrometheusServer.start(directory, List.of(rules),
                        List.of(target.target()), MetricsEndpoint.PATH)) {
            JsonNode alert = prometheus.awaitFiring("SparkStageSkewed",
                    candidate -> "skewed-aggregation".equals(candidate.path("labels").path("application_name").asText()),
                    Duration.ofSeconds(60));
            assertEquals("critical", alert.path("labels").path("severity").asText());
            assertEquals("data-skew", alert.path("labels").path("rule").asText());
            assertEquals(1, alert.path("value").asDouble(), 1e-9, "one critical data-skew finding");
            assertTrue(alert.path("annotations").path("fix").asText().contains("salt the key"), alert.toString());
            assertTrue(target.scrapes() > 0);

            // The healthy application, without a critical finding, raises nothing.
            assertTrue(prometheus.alerts().stream()
                    .noneMatch(other -> "healthy".equals(other.path("labels").path("application_name").asText())),
                    prometheus.alerts().toString());

            // Prometheus itself, not only promtool, loaded and evaluated every exported rule without error.
            List<JsonNode> loaded = prometheus.awaitRulesEvaluated(Duration.ofSeconds(30));
            assertEquals(AlertExporter.alerts(options).size(), loaded.size());
            for (JsonNode rule : loaded) {
                assertEquals("ok", rule.path("health").asText(), rule.toString());
            }
        }
    }
}
