package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * Habits users bring: a misspelt command gets a suggestion, enum values in any case, info as a --fail-on level, -o
 * yaml where -o json is, a bad -o a usage error naming the choices. The Kubernetes ones: k8s.KubectlHabitsTest.
 */
class CommandLineHabitsTest {

    private static final String SPILL = Path.of("..", "sample-eventlogs", "logs", "spill.snappy").toString();
    private static final String HEALTHY = Path.of("..", "sample-eventlogs", "logs", "healthy").toString();

    @Test
    void aMisspeltCommandOrOptionGetsADidYouMean() {
        CliRun command = CliRun.of("analyse", "x");
        assertEquals(ExitCode.USAGE, command.exitCode());
        assertTrue(command.err().contains("Did you mean: sparkdoc analyze"), command.err());
        CliRun option = CliRun.of("analyze", "--fail-o", "warning", HEALTHY);
        assertEquals(ExitCode.USAGE, option.exitCode());
        assertTrue(option.err().contains("--fail-on"), option.err());
    }

    @Test
    void enumValuesAreAcceptedInAnyCase() {
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--fail-on", "WARNING", HEALTHY).exitCode());
        CliRun json = CliRun.of("analyze", "-o", "JSON", HEALTHY);
        assertEquals(ExitCode.OK, json.exitCode(), json.err());
        assertTrue(json.out().startsWith("{"), json.out());
    }

    @Test
    void infoIsAFailOnLevel() {
        CliRun spill = CliRun.of("analyze", "--fail-on", "info", SPILL);
        assertEquals(ExitCode.FINDINGS, spill.exitCode(), spill.err());
        assertTrue(spill.err().contains("a finding reached --fail-on info"), spill.err());
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--fail-on", "info", HEALTHY).exitCode());
    }

    @Test
    void analyzeYamlIsTheJsonReportFieldForField() throws Exception {
        CliRun json = CliRun.of("analyze", "-o", "json", SPILL, HEALTHY);
        CliRun yaml = CliRun.of("analyze", "-o", "yaml", SPILL, HEALTHY);
        assertEquals(ExitCode.OK, yaml.exitCode(), yaml.err());
        assertTrue(yaml.out().startsWith("schema: "), yaml.out());
        JsonNode fromJson = new ObjectMapper().readTree(json.out());
        JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml.out());
        assertTrue(fromJson.path("applications").size() == 2, json.out());
        // numbers compare by value: YAML does not say whether 3 was an int or a long
        Comparator<JsonNode> sameValue = (a, b) -> a.equals(b) || (a.isNumber() && b.isNumber()
                && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;
        assertTrue(fromJson.equals(sameValue, fromYaml), yaml.out());
    }

    /** Application names and config values are free text: YAML must not turn one into a number or a boolean. */
    @Test
    void yamlKeepsStringsThatLookLikeOtherTypesStrings() throws Exception {
        String json = "{\"a\":\"true\",\"b\":\"0123\",\"c\":\"yes\",\"d\":\"null\",\"e\":\"~\",\"f\":\"1e3\","
                + "\"g\":\"off\",\"h\":\"- x\",\"i\":\"a: b\",\"n\":12,\"t\":true}";
        java.io.StringWriter yaml = new java.io.StringWriter();
        dev.sparkdoc.cli.k8s.Output.jsonAsYaml(json, yaml);
        JsonNode back = new ObjectMapper(new YAMLFactory()).readTree(yaml.toString());
        assertEquals(new ObjectMapper().readTree(json), back, yaml.toString());
    }

    @Test
    void rulesListPrintsTheCatalogAsADocumentWithDashO(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Path overrides = java.nio.file.Files.writeString(directory.resolve("rules.yaml"),
                "rules:\n  data-skew:\n    enabled: false\n");
        CliRun table = CliRun.of("rules", "list");
        CliRun yaml = CliRun.of("rules", "list", "-o", "yaml", "--rules", overrides.toString());
        assertEquals(ExitCode.OK, yaml.exitCode(), yaml.err());
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(yaml.out());
        assertEquals("RuleList", document.path("kind").asText());
        assertEquals(table.out().lines().count() - 1, document.path("items").size(), table.out());
        JsonNode skew = null;
        for (JsonNode item : document.path("items")) {
            if (item.path("id").asText().equals("data-skew")) {
                skew = item;
            }
        }
        assertTrue(skew != null && !skew.path("enabled").asBoolean(true), yaml.out());
        assertEquals(document, new ObjectMapper().readTree(CliRun.of("rules", "list", "-o", "json", "--rules",
                overrides.toString()).out()));
    }

    @Test
    void aBadOutputFormatIsAUsageErrorNamingTheChoices() {
        CliRun analyze = CliRun.of("analyze", "-o", "xml", HEALTHY);
        assertEquals(ExitCode.USAGE, analyze.exitCode());
        assertTrue(analyze.err().startsWith("sparkdoc: Invalid value for option '--output': expected one of [text,"
                + " wide, json, yaml, markdown, html"), analyze.err());
        CliRun listener = CliRun.of("listener", "conf", "-o", "yaml");
        assertEquals(ExitCode.USAGE, listener.exitCode());
        assertTrue(listener.err().contains("expected one of [submit, properties]"), listener.err());
    }
}
