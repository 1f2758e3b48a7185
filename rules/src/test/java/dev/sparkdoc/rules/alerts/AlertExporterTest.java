package dev.sparkdoc.rules.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sparkdoc.rules.AlertRule;
import dev.sparkdoc.rules.AlertSource;
import dev.sparkdoc.rules.AlertTemplate;
import dev.sparkdoc.rules.Rule;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.RuleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertExporterTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyCatalogAlertIsExportedOnceInItsSourcesGroupWithLabelsAndAnnotations() throws Exception {
        String text = AlertExporter.export(ExportOptions.defaults(RuleSettings.defaults()), "# header\n");
        assertTrue(text.startsWith("# header\ngroups:\n"), text);
        assertFalse(text.contains("${"), "a placeholder was left unresolved");
        JsonNode groups = YAML.readTree(text).path("groups");
        assertEquals(List.of("sparkdoc.listener", "sparkdoc.spark-executors", "sparkdoc.kubernetes"),
                names(groups, "name"));
        List<String> exported = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                exported.add(rule.path("alert").asText());
                assertFalse(rule.path("expr").asText().isBlank(), rule.toString());
                assertTrue(rule.path("for").asText().matches("[0-9]+(ms|s|m|h|d)"), rule.toString());
                assertTrue(Set.of("info", "warning", "critical").contains(rule.path("labels").path("severity").asText()));
                String ruleId = rule.path("labels").path("rule").asText();
                assertTrue(RuleCatalog.builtIn().rule(ruleId).isPresent(), ruleId);
                JsonNode annotations = rule.path("annotations");
                assertFalse(annotations.path("summary").asText().isBlank(), rule.toString());
                assertFalse(annotations.path("description").asText().isBlank(), rule.toString());
                assertFalse(annotations.path("fix").asText().isBlank(), rule.toString());
                assertTrue(annotations.path("runbook_url").isMissingNode(),
                        "the catalog's relative runbook path would be a dead link: " + rule);
            }
        }
        List<String> catalog = RuleCatalog.builtIn().everyRule().stream().flatMap(rule -> rule.alerts().stream())
                .map(AlertTemplate::name).sorted().toList();
        assertEquals(catalog, exported.stream().sorted().toList());
    }

    /** The alerts the issue asks for, each on the catalog threshold the analyzers use for the same problem. */
    @Test
    void thresholdsAreTheCatalogsOwn() {
        Map<String, String> thresholdOf = Map.ofEntries(
                Map.entry("SparkStageSkewed", "data-skew/critical-ratio"),
                Map.entry("SparkGcTimeHigh", "gc-pressure/critical-fraction"),
                Map.entry("SparkExecutorGcTimeHigh", "gc-pressure/critical-fraction"),
                Map.entry("SparkShuffleSpillHigh", "shuffle-spill/warning-spill-ratio"),
                Map.entry("SparkTaskFailureRateHigh", "task-failures/critical-failure-rate"),
                Map.entry("SparkExecutorTaskFailureRateHigh", "task-failures/critical-failure-rate"),
                Map.entry("SparkDriverHeapNearlyFull", "driver-oom-risk/critical-heap-fraction"),
                Map.entry("SparkJobSlowerThanBaseline", "job-duration-regression/baseline-factor"),
                Map.entry("SparkExecutorsLost", "fetch-failure/executors-lost"),
                Map.entry("SparkDocListenerDroppingEvents", "listener-health/max-dropped-events"),
                Map.entry("SparkPodPending", "kubernetes-pods/max-pending-time"));
        thresholdOf.forEach((alert, threshold) -> {
            String ruleId = threshold.substring(0, threshold.indexOf('/'));
            Rule rule = RuleCatalog.builtIn().require(ruleId);
            AlertTemplate template = rule.alerts().stream().filter(candidate -> candidate.name().equals(alert))
                    .findFirst().orElseThrow(() -> new AssertionError(alert + " is not an alert of " + ruleId));
            assertTrue(template.placeholders().contains(threshold.substring(ruleId.length() + 1)),
                    alert + " does not use " + threshold);
        });
        // Fetch failures and out-of-memory fire on the first one; the seeds' "> 0".
        assertTrue(ownExpr("SparkFetchFailures").endsWith(") > 0"), expr("SparkFetchFailures"));
        assertTrue(ownExpr("SparkExecutorOutOfMemory").endsWith(") > 0"), expr("SparkExecutorOutOfMemory"));
    }

    /**
     * Every alert on the listener's metrics ignores applications whose last push is older than the maximum age (a
     * Pushgateway keeps a finished job's series forever); alerts on other sources' metrics are left as they are.
     */
    @Test
    void listenerAlertsIgnoreStalePushesAndOthersAreUnchanged() {
        String stale = "\nunless on (application_id)\n  (time() - push_time_seconds{application_id!=\"\"} > ";
        ExportOptions options = ExportOptions.defaults(RuleSettings.defaults());
        for (AlertRule alert : AlertExporter.alerts(options)) {
            boolean wrapped = alert.expr().contains(stale + "900)");
            assertEquals(alert.source() == AlertSource.SPARKDOC, wrapped, alert.name() + ": " + alert.expr());
        }
        assertTrue(AlertExporter.alerts(options.withPushMaxAge(java.time.Duration.ofMinutes(5))).stream()
                .filter(alert -> alert.source() == AlertSource.SPARKDOC)
                .allMatch(alert -> alert.expr().endsWith(stale + "300)")));
    }

    /**
     * An alert means what its rule's finding means: each listener alert of an analyzer rule either reads that rule's
     * own findings ({@code sparkdoc_findings}, whose gates are the analyzer's) or applies every floor ({@code min-*}
     * threshold) of the rule in its own words.
     */
    @Test
    void listenerAlertsCarryTheirRulesGates() {
        // Floors that do not apply to what an alert measures, each with why.
        Map<String, String> notApplicable = Map.of(
                "SparkStageStraggling/min-max-bytes", "a running stage is judged by duration; bytes come at task end",
                "SparkStageStraggling/min-stage-share", "a running stage has lasted at least as long as its oldest"
                        + " task: the share is 1 until it ends",
                "SparkDriverHeapNearlyFull/min-result-bytes", "the alert reads the driver heap itself; the floor gates"
                        + " the collected-results cause of the finding");
        List<String> missing = new ArrayList<>();
        for (Rule rule : RuleCatalog.builtIn().rules()) {
            for (AlertTemplate template : rule.alerts()) {
                if (template.source() != AlertSource.SPARKDOC
                        || template.expr().contains("sparkdoc_findings{rule=\"" + rule.id() + "\"")) {
                    continue;
                }
                for (var threshold : rule.thresholds()) {
                    if (threshold.name().startsWith("min-") && !template.placeholders().contains(threshold.name())
                            && !notApplicable.containsKey(template.name() + "/" + threshold.name())) {
                        missing.add(template.name() + " lacks " + rule.id() + "/" + threshold.name());
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** An alert's own expression, without the stale-push guard the export adds to listener alerts. */
    private static String ownExpr(String alert) {
        String expr = expr(alert);
        int guard = expr.indexOf("\nunless on (application_id)\n  (time() - push_time_seconds");
        return guard < 0 ? expr : expr.substring(0, guard).replaceFirst("^\\(\n", "").replaceFirst("\\s*\\)$", "");
    }

    @Test
    void overridesChangeTheAlertsAndDisabledRulesExportNone() throws Exception {
        RuleSettings settings = RuleSettings.parse("mine.yaml", """
                rules:
                  gc-pressure:
                    thresholds:
                      critical-fraction: 35%
                  task-failures:
                    enabled: false
                """);
        List<AlertRule> alerts = AlertExporter.alerts(ExportOptions.defaults(settings));
        assertTrue(alerts.stream().noneMatch(alert -> alert.ruleId().equals("task-failures")));
        AlertRule gc = alerts.stream().filter(alert -> alert.name().equals("SparkGcTimeHigh")).findFirst().orElseThrow();
        assertTrue(gc.expr().contains(">= 0.35"), gc.expr());
        assertTrue(gc.description().contains("threshold 35%"), gc.description());
    }

    @Test
    void sourcesSelectGroups() throws Exception {
        ExportOptions spark = ExportOptions.defaults(RuleSettings.defaults()).withSources(EnumSet.of(AlertSource.SPARK));
        JsonNode groups = YAML.readTree(AlertExporter.export(spark, "")).path("groups");
        assertEquals(List.of("sparkdoc.spark-executors"), names(groups, "name"));
        for (JsonNode rule : groups.get(0).path("rules")) {
            assertTrue(rule.path("expr").asText().contains("metrics_executor_"), rule.toString());
            assertFalse(rule.path("expr").asText().contains("sparkdoc_"), rule.toString());
        }
        ExportOptions kubernetes = spark.withSources(EnumSet.of(AlertSource.KUBERNETES));
        for (AlertRule alert : AlertExporter.alerts(kubernetes)) {
            assertTrue(alert.expr().contains("kube_") || alert.expr().contains("spark_application_")
                    || alert.expr().contains("spark_executor_"), alert.expr());
        }
    }

    @Test
    void prometheusRuleCarriesTheSameGroupsUnderSpecWithMetadata() throws Exception {
        ExportOptions options = new ExportOptions(RuleSettings.defaults(), EnumSet.allOf(AlertSource.class),
                AlertFormat.PROMETHEUS_OPERATOR, "https://wiki.example.test/spark/", "spark-alerts",
                Optional.of("monitoring"), Map.of("release", "kube-prometheus-stack"));
        JsonNode resource = YAML.readTree(AlertExporter.export(options, ""));
        assertEquals("monitoring.coreos.com/v1", resource.path("apiVersion").asText());
        assertEquals("PrometheusRule", resource.path("kind").asText());
        assertEquals("spark-alerts", resource.path("metadata").path("name").asText());
        assertEquals("monitoring", resource.path("metadata").path("namespace").asText());
        assertEquals("kube-prometheus-stack", resource.path("metadata").path("labels").path("release").asText());
        assertEquals("sparkdoc", resource.path("metadata").path("labels").path("app.kubernetes.io/name").asText());
        JsonNode ruleFile = YAML.readTree(AlertExporter.export(options.withFormat(AlertFormat.PROMETHEUS), ""));
        assertEquals(ruleFile.path("groups"), resource.path("spec").path("groups"));
        assertEquals("https://wiki.example.test/spark/data-skew.md", resource.path("spec").path("groups").get(0)
                .path("rules").get(0).path("annotations").path("runbook_url").asText());
    }

    @Test
    void kubernetesNamesAndLabelsAreChecked() {
        RuleSettings defaults = RuleSettings.defaults();
        Set<AlertSource> all = EnumSet.allOf(AlertSource.class);
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> new ExportOptions(defaults,
                all, AlertFormat.PROMETHEUS_OPERATOR, "u", "Spark_Alerts", Optional.empty(), Map.of()));
        assertTrue(name.getMessage().contains("'Spark_Alerts' is not a Kubernetes resource name"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExportOptions(defaults, all,
                AlertFormat.PROMETHEUS_OPERATOR, "u", "ok", Optional.of("Bad NS"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ExportOptions(defaults, all,
                AlertFormat.PROMETHEUS_OPERATOR, "u", "ok", Optional.empty(), Map.of("release", "has space")));
        assertThrows(IllegalArgumentException.class, () -> new ExportOptions(defaults, Set.of(),
                AlertFormat.PROMETHEUS, "u", "ok", Optional.empty(), Map.of()));
    }

    /** docs/alerting.md is written by hand: it must at least explain every alert the catalog exports. */
    @Test
    void theAlertingGuideExplainsEveryAlert() throws IOException {
        String guide = Files.readString(PrometheusTools.repositoryRoot().resolve("docs/alerting.md"));
        List<String> missing = new ArrayList<>();
        for (AlertRule alert : AlertExporter.alerts(ExportOptions.defaults(RuleSettings.defaults()))) {
            if (!guide.contains("| `" + alert.name() + "` | " + alert.source().label() + " | "
                    + alert.severity().label() + " |") || !sectionMentions(guide, alert.name())) {
                missing.add(alert.name());
            }
        }
        assertEquals(List.of(), missing, "alerts missing from docs/alerting.md's table or sections");
    }

    private static boolean sectionMentions(String guide, String alert) {
        return guide.lines().anyMatch(line -> line.startsWith("### ") && line.contains("`" + alert + "`"));
    }

    private static String expr(String alert) {
        return AlertExporter.alerts(ExportOptions.defaults(RuleSettings.defaults())).stream()
                .filter(candidate -> candidate.name().equals(alert)).findFirst().orElseThrow().expr();
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.path(field).asText()));
        return names;
    }
}
