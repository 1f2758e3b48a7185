package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.GPU_OOM;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q88;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorCoresAnalyzerTest {

    private final ExecutorCoresAnalyzer analyzer = new ExecutorCoresAnalyzer();

    /** Executors with the given cores; one stage of 1 s tasks with {@code gcMillis} of GC each. */
    private static ApplicationSnapshot app(int executors, int cores, long gcMillis) {
        return new SnapshotBuilder().property("spark.master", "yarn").property("spark.executor.memory", "8g")
                .executors(executors, cores).stage(0, stage -> stage.tasks(4, i -> task(1_000).gc(gcMillis))).build();
    }

    private static ApplicationSnapshot app(int executors, int cores) {
        return app(executors, cores, 200);
    }

    private static Recommendation.ConfigChange change(Finding finding) {
        return (Recommendation.ConfigChange) finding.recommendations().get(0);
    }

    /** q72: 16 cores and 2.5 GiB per core with little GC is a sound layout: information, no change proposed. */
    @Test
    void sixteenCoresWithoutGcContentionAreInformationWithNoChange() {
        Finding finding = only(run(analyzer, NDS_Q72));
        assertEquals(Severity.INFO, finding.severity());
        assertTrue(finding.recommendations().isEmpty(), finding.recommendations().toString());
    }

    /** contention-gc-fraction 20%: exactly 20% GC makes twelve cores a warning with a change; 19.9% does not. */
    @Test
    void theContentionGcShareExactlyAndJustBelow() {
        Finding contended = only(analyzer.analyze(app(2, 12, 200), RuleSettings.defaults()));
        assertEquals(Severity.WARNING, contended.severity());
        assertEquals(Recommendation.Intent.LOWER, change(contended).intent());
        Finding calm = only(analyzer.analyze(app(2, 12, 199), RuleSettings.defaults()));
        assertEquals(Severity.INFO, calm.severity());
        assertTrue(calm.recommendations().isEmpty());
        Finding zeros = only(analyzer.analyze(app(2, 12, 0), RuleSettings.defaults()));
        assertTrue(zeros.recommendations().isEmpty());
    }

    /** q88 ran on Databricks: 8-core executors are its instance type, not a setting. */
    @Test
    void databricksLogsAreNotJudged() {
        assertNotApplicable(run(analyzer, NDS_Q88), "Databricks");
    }

    @Test
    void fourCoresIsQuietAndLocalModeNotApplicable() {
        assertQuiet(run(analyzer, FETCH_FAILURES));
        assertNotApplicable(run(analyzer, SPARK42), "local mode");
    }

    /** The case: 16-core executors holding one GPU each; 4 cores would starve or multiply the GPUs. */
    @Test
    void executorsHoldingGpusAreNotJudged() {
        assertNotApplicable(run(analyzer, GPU_OOM), "GPU");
        ApplicationSnapshot gpus = new SnapshotBuilder().property("spark.master", "yarn")
                .resourceProfile(0, Map.of("cores", 16L, "memory", 16384L, "gpu", 1L))
                .executor("1", 16, 0).executor("2", 16, 0).stage(0, stage -> stage.durations(100)).build();
        assertNotApplicable(analyzer.analyze(gpus, RuleSettings.defaults()), "GPU");
    }

    /** A single 1-core executor cannot be regrouped into 4-core executors: more cores, not a grouping, would help. */
    @Test
    void aSingleSmallExecutorIsNotJudged() {
        assertNotApplicable(analyzer.analyze(app(1, 1), RuleSettings.defaults()), "too few to regroup");
        assertNotApplicable(analyzer.analyze(app(3, 1), RuleSettings.defaults()), "too few to regroup");
    }

    @Test
    void oneCoreExecutorsAreRaisedToFourWithARaiseIntent() {
        Finding finding = only(analyzer.analyze(app(8, 1), RuleSettings.defaults()));
        assertEquals(Severity.INFO, finding.severity());
        assertEquals("4", change(finding).proposedValue());
        assertEquals(Recommendation.Intent.RAISE, change(finding).intent());
    }

    @Test
    void manyCoresAreLoweredWithALowerIntent() {
        Finding finding = only(analyzer.analyze(app(2, 12), RuleSettings.defaults()));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(Recommendation.Intent.LOWER, change(finding).intent());
        assertEquals("4", change(finding).proposedValue());
    }

    /** min-cores 2 and max-cores 6 are inside the band; one below or above is reported; twice max is a warning. */
    @Test
    void thresholdsAreInclusive() {
        assertQuiet(analyzer.analyze(app(4, 2), RuleSettings.defaults()));
        assertQuiet(analyzer.analyze(app(4, 6), RuleSettings.defaults()));
        assertEquals(Severity.INFO, only(analyzer.analyze(app(4, 7), RuleSettings.defaults())).severity());
        assertEquals(Severity.INFO, only(analyzer.analyze(app(4, 11), RuleSettings.defaults())).severity());
        assertEquals(Severity.WARNING, only(analyzer.analyze(app(4, 12), RuleSettings.defaults())).severity());
        assertEquals(Severity.INFO, only(analyzer.analyze(app(8, 1), RuleSettings.defaults())).severity());
    }

    @Test
    void databricksExecutorsAreSizedByTheInstanceType() {
        ApplicationSnapshot app = new SnapshotBuilder().property("spark.master", "spark://10.0.0.1:7077")
                .property("spark.databricks.clusterUsageTags.clusterId", "0101-abc").executors(2, 16)
                .stage(0, stage -> stage.durations(100)).build();
        assertNotApplicable(analyzer.analyze(app, RuleSettings.defaults()), "Databricks");
    }
}
