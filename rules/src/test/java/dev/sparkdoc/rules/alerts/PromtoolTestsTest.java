package dev.sparkdoc.rules.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sparkdoc.rules.AlertRule;
import dev.sparkdoc.rules.AlertSource;
import dev.sparkdoc.rules.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promtool unit tests {@code sparkdoc alerts export --tests} writes beside the rules, run by the real promtool:
 * every alert tested with the catalog's thresholds; a tuned alert left untested with its reason, never tested against
 * numbers it no longer has; the rest still passing.
 */
class PromtoolTestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeAll
    static void installPromtool() {
        PrometheusTools.promtool();
    }

    private static PrometheusTools.Result runPromtool(Path directory, PromtoolTests.Written written) throws Exception {
        Files.writeString(directory.resolve("spark.rules-without-annotations.yml"), written.rules());
        Files.writeString(directory.resolve("spark.test.yml"), written.tests());
        return PrometheusTools.promtool(directory, "test", "rules", "spark.test.yml");
    }

    private static List<String> names(ExportOptions options) {
        return AlertExporter.alerts(options).stream().map(AlertRule::name).toList();
    }

    @Test
    void withTheCatalogsThresholdsEveryAlertIsTestedAndPasses(@TempDir Path directory) throws Exception {
        ExportOptions options = ExportOptions.defaults(RuleSettings.defaults());
        PromtoolTests.Written written = PromtoolTests.forExport(options, "spark.rules-without-annotations.yml");
        assertEquals(names(options), written.tested());
        assertEquals(0, written.untested().size(), written.untested().toString());
        int shipped = 0;
        for (String file : PromtoolTests.SHIPPED) {
            shipped += YAML.readTree(PromtoolTests.read(file)).path("tests").size();
        }
        assertEquals(shipped, written.cases());
        assertEquals(shipped, YAML.readTree(written.tests()).path("tests").size());
        // The cases keep the comments that say what each one checks, e.g. the baseline case of the issue.
        assertTrue(written.tests().contains("Two identical runs of one 10-minute job"), written.tests());
        assertFalse(written.rules().contains("annotations:"), written.rules());
        PrometheusTools.Result result = runPromtool(directory, written);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void theOperatorFormatGetsTheSameTestsOnAPlainRuleFile(@TempDir Path directory) throws Exception {
        ExportOptions options = ExportOptions.defaults(RuleSettings.defaults())
                .withFormat(AlertFormat.PROMETHEUS_OPERATOR);
        PromtoolTests.Written written = PromtoolTests.forExport(options, "spark.rules-without-annotations.yml");
        assertTrue(written.rules().contains("groups:"), written.rules());
        assertFalse(written.rules().contains("PrometheusRule"), written.rules());
        assertEquals(0, runPromtool(directory, written).exitCode());
    }

    @Test
    void aTunedAlertIsLeftUntestedWithItsReasonAndTheRestPass(@TempDir Path directory) throws Exception {
        RuleSettings raised = RuleSettings.parse("raised.yaml",
                "rules:\n  shuffle-spill:\n    thresholds:\n      warning-spill-ratio: 30%\n");
        ExportOptions options = ExportOptions.defaults(raised);
        PromtoolTests.Written written = PromtoolTests.forExport(options, "spark.rules-without-annotations.yml");
        assertEquals(List.of("SparkShuffleSpillHigh"), List.copyOf(written.untested().keySet()));
        String reason = written.untested().get("SparkShuffleSpillHigh");
        assertTrue(reason.contains("shuffle-spill/warning-spill-ratio 30% (default 10%)"), reason);
        assertTrue(written.tests().contains("# Not tested here: SparkShuffleSpillHigh"), written.tests());
        assertFalse(written.tests().contains("alertname: SparkShuffleSpillHigh"), written.tests());
        assertTrue(written.tested().contains("SparkGcTimeHigh"));
        PrometheusTools.Result result = runPromtool(directory, written);
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void aDisabledRuleAndAnotherPushAgeLeaveOnlyTheCasesThatStillHold(@TempDir Path directory) throws Exception {
        RuleSettings disabled = RuleSettings.parse("off.yaml", "rules:\n  gc-pressure:\n    enabled: false\n");
        ExportOptions options = ExportOptions.defaults(disabled).withPushMaxAge(Duration.ofMinutes(30));
        PromtoolTests.Written written = PromtoolTests.forExport(options, "spark.rules-without-annotations.yml");
        assertFalse(written.tests().contains("SparkGcTimeHigh"), written.tests());
        assertFalse(written.tests().contains("push_time_seconds"), written.tests());
        assertTrue(written.tested().contains("SparkJobSlowerThanBaseline"), written.tested().toString());
        assertTrue(written.tested().contains("SparkStageSkewed"), written.tested().toString());
        assertEquals(0, runPromtool(directory, written).exitCode());
    }

    @Test
    void onlyTheSelectedSourcesAreTested(@TempDir Path directory) throws Exception {
        ExportOptions options = ExportOptions.defaults(RuleSettings.defaults())
                .withSources(EnumSet.of(AlertSource.SPARK));
        PromtoolTests.Written written = PromtoolTests.forExport(options, "spark.rules-without-annotations.yml");
        assertEquals(names(options), written.tested());
        assertFalse(written.tests().contains("sparkdoc_findings"), written.tests());
        assertEquals(0, runPromtool(directory, written).exitCode());
    }
}
