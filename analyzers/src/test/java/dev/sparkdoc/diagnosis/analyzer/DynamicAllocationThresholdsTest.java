package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleCatalog;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * dynamic-allocation-without-shuffle-service on built snapshots. The rule has no thresholds (the catalog says so, and
 * this test checks it): the configuration alone decides, so one task, all-zero tasks and no task at all are judged
 * alike, and a log without an environment is not judged.
 */
class DynamicAllocationThresholdsTest {

    private final DynamicAllocationAnalyzer analyzer = new DynamicAllocationAnalyzer();

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, RuleSettings.defaults());
    }

    private static ApplicationSnapshot app(UnaryOperator<SnapshotBuilder> stages, String... properties) {
        SnapshotBuilder builder = new SnapshotBuilder().property("spark.master", "yarn");
        for (int i = 0; i < properties.length; i += 2) {
            builder.property(properties[i], properties[i + 1]);
        }
        return stages.apply(builder).build();
    }

    @Test
    void theRuleHasNoThresholds() {
        assertTrue(RuleCatalog.builtIn().require(DynamicAllocationAnalyzer.RULE_ID).thresholds().isEmpty());
    }

    @Test
    void oneTaskAllZerosAndNoTaskAreJudgedAlikeByTheConfiguration() {
        for (UnaryOperator<SnapshotBuilder> stages : java.util.List.<UnaryOperator<SnapshotBuilder>>of(
                b -> b.stage(0, s -> s.durations(1_000)), b -> b.stage(0, s -> s.durations(0, 0, 0)), b -> b)) {
            assertEquals(Severity.WARNING, only(run(app(stages, "spark.dynamicAllocation.enabled", "true")))
                    .severity());
            assertQuiet(run(app(stages, "spark.dynamicAllocation.enabled", "true",
                    "spark.shuffle.service.enabled", "true")));
            assertQuiet(run(app(stages, "spark.dynamicAllocation.enabled", "false")));
        }
    }

    @Test
    void aLogWithoutAnEnvironmentIsNotJudged() {
        assertNotApplicable(run(new SnapshotBuilder().stage(0, s -> s.durations(1_000)).build()), "environment");
    }
}
