package dev.sparkdoc.rules.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sparkdoc.rules.AlertRule;
import dev.sparkdoc.rules.AlertSource;
import dev.sparkdoc.rules.RuleSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported alert rules, checked by Prometheus' own promtool (Debian's, installed by scripts/install-promtool.sh):
 * {@code promtool check rules} on every format and source, and {@code promtool test rules} on the unit tests that
 * ship with the exporter (src/main/resources/dev/sparkdoc/rules/alerts/tests/) and those in
 * src/test/resources/dev/sparkdoc/rules/alerts/promtool/ (annotations, overrides), which give input series and the
 * alerts expected to fire and not to fire.
 */
class PromtoolRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Path promtoolTests;

    @BeforeAll
    static void installPromtool() throws URISyntaxException {
        PrometheusTools.promtool();
        promtoolTests = Path.of(PromtoolRulesTest.class.getResource("promtool/overrides.yaml").toURI()).getParent();
    }

    @Test
    void promtoolCheckRulesAcceptsEveryFormatAndSource(@TempDir Path directory) throws IOException {
        List<Set<AlertSource>> selections = new ArrayList<>();
        for (AlertSource source : AlertSource.values()) {
            selections.add(EnumSet.of(source));
        }
        selections.add(EnumSet.allOf(AlertSource.class));
        for (AlertFormat format : AlertFormat.values()) {
            for (Set<AlertSource> sources : selections) {
                ExportOptions options = ExportOptions.defaults(RuleSettings.defaults()).withFormat(format)
                        .withSources(sources);
                String text = AlertExporter.export(options, "# test\n");
                String name = format.label() + "-" + String.join("-", sources.stream().map(AlertSource::label).toList());
                Path ruleFile = directory.resolve(name + ".yml");
                if (format == AlertFormat.PROMETHEUS_OPERATOR) {
                    JsonNode resource = YAML.readTree(text);
                    assertEquals("monitoring.coreos.com/v1", resource.path("apiVersion").asText());
                    assertEquals("PrometheusRule", resource.path("kind").asText());
                    // The operator hands spec to Prometheus as a rule file: check exactly that.
                    YAML.writeValue(ruleFile.toFile(), resource.path("spec"));
                } else {
                    Files.writeString(ruleFile, text);
                }
                PrometheusTools.Result check = PrometheusTools.promtool(directory, "check", "rules", ruleFile.toString());
                int expected = AlertExporter.alerts(options).size();
                assertEquals(0, check.exitCode(), name + ":\n" + check.output());
                assertTrue(check.output().contains("SUCCESS: " + expected + " rules found"), name + ":\n" + check.output());
            }
        }
    }

    @Test
    void promtoolUnitTestsPass(@TempDir Path directory) throws IOException {
        List<String> tests = prepareUnitTests(directory, RuleSettings.defaults());
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        arguments.addAll(tests);
        PrometheusTools.Result result = PrometheusTools.promtool(directory, arguments.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(tests.size(), result.output().split("SUCCESS", -1).length - 1, result.output());
    }

    /** The unit tests are sensitive to thresholds: with shuffle-spill's ratio at 30%, the 20% spill stays quiet. */
    @Test
    void unitTestsFailWhenTheThresholdsAreNotTheCatalogs(@TempDir Path directory) throws Exception {
        RuleSettings raised = RuleSettings.parse("raised.yaml",
                "rules:\n  shuffle-spill:\n    thresholds:\n      warning-spill-ratio: 30%\n");
        prepareUnitTests(directory, raised);
        PrometheusTools.Result result = PrometheusTools.promtool(directory, "test", "rules", "listener.test.yml");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("alertname: SparkShuffleSpillHigh"), result.output());
    }

    /** Every exported alert has a unit test where it fires and one where it must stay quiet. */
    @Test
    void unitTestsCoverEveryAlertFiringAndQuiet() throws IOException {
        Map<String, Set<String>> cases = new TreeMap<>();
        for (String file : PromtoolTests.SHIPPED) {
            for (JsonNode test : YAML.readTree(PromtoolTests.read(file)).path("tests")) {
                for (JsonNode expectation : test.path("alert_rule_test")) {
                    cases.computeIfAbsent(expectation.path("alertname").asText(), name -> new TreeSet<>())
                            .add(expectation.path("exp_alerts").isEmpty() ? "quiet" : "fires");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (AlertRule alert : AlertExporter.alerts(ExportOptions.defaults(RuleSettings.defaults()))) {
            Set<String> covered = cases.getOrDefault(alert.name(), Set.of());
            for (String kind : List.of("fires", "quiet")) {
                if (!covered.contains(kind)) {
                    missing.add(alert.name() + " (" + kind + ")");
                }
            }
        }
        assertEquals(List.of(), missing, "alerts without a promtool unit test");
        assertTrue(cases.size() >= 19, "alert names in the tests: " + cases.keySet());
    }

    /**
     * Writes the rule files the unit tests load beside copies of them: alerts.yml (every source, {@code settings},
     * annotations left out so the tests are about firing and labels), alerts-overrides.yml (overrides.yaml applied,
     * no annotations) and alerts-annotated.yml (defaults, as exported). Returns the test file names.
     */
    private static List<String> prepareUnitTests(Path directory, RuleSettings settings) throws IOException {
        List<String> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(promtoolTests)) {
            for (Path file : files.sorted().toList()) {
                Files.copy(file, directory.resolve(file.getFileName()));
                if (file.getFileName().toString().endsWith(".test.yml")) {
                    tests.add(file.getFileName().toString());
                }
            }
        }
        for (String shipped : PromtoolTests.SHIPPED) {
            Files.writeString(directory.resolve(shipped), PromtoolTests.read(shipped));
            tests.add(shipped);
        }
        ExportOptions options = ExportOptions.defaults(settings);
        Files.writeString(directory.resolve("alerts.yml"), withoutAnnotations(AlertExporter.export(options, "")));
        RuleSettings overrides;
        try {
            overrides = RuleSettings.load(promtoolTests.resolve("overrides.yaml"));
        } catch (dev.sparkdoc.rules.RuleSettingsException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        Files.writeString(directory.resolve("alerts-overrides.yml"),
                withoutAnnotations(AlertExporter.export(ExportOptions.defaults(overrides), "")));
        Files.writeString(directory.resolve("alerts-annotated.yml"),
                AlertExporter.export(ExportOptions.defaults(RuleSettings.defaults()), ""));
        return tests;
    }

    private static String withoutAnnotations(String ruleFile) throws IOException {
        JsonNode root = YAML.readTree(ruleFile);
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                ((ObjectNode) rule).remove("annotations");
            }
        }
        return YAML.writeValueAsString(root);
    }
}
