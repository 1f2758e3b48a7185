package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds.ExecutorCores;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/**
 * executor-cores on built snapshots with the band read from the catalog: min-cores and max-cores exactly (quiet) and
 * one beyond (information), the warning from twice max-cores exactly and one below, one task and all zeros.
 */
class ExecutorCoresThresholdsTest {

    private static final RuleSettings DEFAULTS = RuleSettings.defaults();
    private static final int MIN = (int) Math.round(DEFAULTS.threshold(ExecutorCores.MIN_CORES));
    private static final int MAX = (int) Math.round(DEFAULTS.threshold(ExecutorCores.MAX_CORES));
    private static final double CONTENTION = DEFAULTS.threshold(ExecutorCores.CONTENTION_GC_FRACTION);
    private final ExecutorCoresAnalyzer analyzer = new ExecutorCoresAnalyzer();

    /** {@code executors} executors of {@code cores} cores; {@code tasks} tasks of 1 s at the contention GC share. */
    private static ApplicationSnapshot app(int executors, int cores, int tasks, long millis) {
        return new SnapshotBuilder().property("spark.master", "yarn").property("spark.executor.memory", "16g")
                .executors(executors, cores)
                .stage(0, stage -> stage.tasks(tasks, i -> task(millis).gc(Math.round(millis * CONTENTION))))
                .build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, DEFAULTS);
    }

    @Test
    void theBandIsInclusiveAndOneBeyondIsInformation() {
        assertQuiet(run(app(8, MIN, 4, 1_000)));
        assertQuiet(run(app(8, MAX, 4, 1_000)));
        assertEquals(Severity.INFO, only(run(app(8, MIN - 1, 4, 1_000))).severity());
        assertEquals(Severity.INFO, only(run(app(8, MAX + 1, 4, 1_000))).severity());
    }

    @Test
    void exactlyTwiceMaxCoresWithContentionIsAWarningOneLessIsInformation() {
        Finding warning = only(run(app(2, 2 * MAX, 4, 1_000)));
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals(1, warning.recommendations().size());
        assertEquals(Severity.INFO, only(run(app(2, 2 * MAX - 1, 4, 1_000))).severity());
    }

    /** One task carries the same GC share as many: judged alike. */
    @Test
    void oneTaskIsJudgedLikeMany() {
        assertEquals(Severity.WARNING, only(run(app(2, 2 * MAX, 1, 1_000))).severity());
    }

    /** No run time: the GC share is 0 (not a division by zero), so many cores are information with no change. */
    @Test
    void allZerosAndNoTasksAreInformationWithoutAChange() {
        for (ApplicationSnapshot app : new ApplicationSnapshot[] {app(2, 2 * MAX, 4, 0),
                new SnapshotBuilder().property("spark.master", "yarn").executors(2, 2 * MAX).build()}) {
            Finding finding = only(run(app));
            assertEquals(Severity.INFO, finding.severity());
            assertTrue(finding.recommendations().isEmpty(), finding.recommendations().toString());
            assertEquals("0.0%", evidence(finding, "GC time / executor run time"));
        }
    }
}
