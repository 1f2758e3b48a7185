package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.EMPTY;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.GPU_OOM;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.snapshot;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskFailuresAnalyzerTest {

    private final TaskFailuresAnalyzer analyzer = new TaskFailuresAnalyzer();

    /** {@code tasks} attempts, the first {@code failures} of them failing with {@code exception}. */
    private static ApplicationSnapshot app(int tasks, int failures, String exception) {
        return new SnapshotBuilder().property("spark.master", "yarn").property("spark.executor.memory", "4g")
                .executors(2, 2).stage(0, stage -> stage.tasks(tasks, i -> i < failures
                        ? task(100).failsWith(exception) : task(100))).build();
    }

    private static List<String> keys(Finding finding) {
        return finding.recommendations().stream().filter(r -> r instanceof Recommendation.ConfigChange)
                .map(r -> ((Recommendation.ConfigChange) r).key()).toList();
    }

    /** The GPU OOM log: 112 GPU out-of-memory failures get GPU advice, never more executor heap. */
    @Test
    void gpuOutOfMemoryFailuresAreCriticalAndGetGpuAdviceNotHeap() {
        Finding finding = only(run(analyzer, GPU_OOM));
        assertEquals(Severity.CRITICAL, finding.severity());
        assertEquals("112", evidence(finding, "task errors"));
        assertEquals("112", evidence(finding, FailureCauses.GPU_OOM.description()));
        assertTrue(finding.summary().contains("a job failed"), finding.summary());
        assertTrue(!keys(finding).contains("spark.executor.memory"), keys(finding).toString());
        assertTrue(keys(finding).contains("spark.rapids.sql.concurrentGpuTasks"), keys(finding).toString());
    }

    /**
     * One lost executor among 8,630 attempts is information; the header's "53 failed" (the History Server's count)
     * and the finding's 1 task error are stated together, in the same words.
     */
    @Test
    void aSingleLostExecutorIsInformationAndTheCountsAgreeWithTheHeader() {
        Finding finding = only(run(analyzer, FETCH_FAILURES));
        assertEquals(Severity.INFO, finding.severity());
        assertEquals("1", evidence(finding, "task errors"));
        assertEquals("53", evidence(finding, "failed as the History Server counts them"));
        assertTrue(finding.summary().startsWith("1 of 8,630 task attempts failed with a task error"),
                finding.summary());
        assertTrue(finding.summary().contains("the History Server counts 53 failed, with 52 fetch failures or "
                + "resubmitted map tasks"), finding.summary());
        assertEquals("8,630 task attempts: 53 failed as the History Server counts them (1 task error, 52 fetch "
                + "failures or resubmitted map tasks), 0 killed", TaskAttemptCounts.of(snapshot(FETCH_FAILURES))
                .describe());
    }

    @Test
    void cleanRunsAreQuietAndEmptyOnesNotApplicable() {
        assertQuiet(run(analyzer, SPARK42));
        assertNotApplicable(run(analyzer, EMPTY), "no task ended");
    }

    /** warning-failure-rate 1%: 1 of 100 attempts is a warning, 1 of 101 (just below) is information. */
    @Test
    void theWarningRateExactlyAndJustBelow() {
        assertEquals(Severity.WARNING, only(analyzer.analyze(app(100, 1, "java.lang.IllegalStateException"),
                RuleSettings.defaults())).severity());
        assertEquals(Severity.INFO, only(analyzer.analyze(app(101, 1, "java.lang.IllegalStateException"),
                RuleSettings.defaults())).severity());
    }

    /** critical-failure-rate 5%: 5 of 100 attempts is critical, 5 of 101 a warning. */
    @Test
    void theCriticalRateExactlyAndJustBelow() {
        assertEquals(Severity.CRITICAL, only(analyzer.analyze(app(100, 5, "java.lang.IllegalStateException"),
                RuleSettings.defaults())).severity());
        assertEquals(Severity.WARNING, only(analyzer.analyze(app(101, 5, "java.lang.IllegalStateException"),
                RuleSettings.defaults())).severity());
    }

    @Test
    void heapOutOfMemoryRaisesTheHeapAndAnExceptionGetsNoSetting() {
        Finding heap = only(analyzer.analyze(app(1, 1, "java.lang.OutOfMemoryError"), RuleSettings.defaults()));
        Recommendation.ConfigChange memory = (Recommendation.ConfigChange) heap.recommendations().get(0);
        assertEquals("spark.executor.memory", memory.key());
        assertEquals(Recommendation.Intent.RAISE, memory.intent());
        assertEquals("6g", memory.proposedValue());
        Finding error = only(analyzer.analyze(app(1, 1, "ai.rapids.cudf.CudfException"), RuleSettings.defaults()));
        assertTrue(error.recommendations().isEmpty(), error.recommendations().toString());
    }

    @Test
    void allSucceededOrAllZeroTasksAreQuiet() {
        assertQuiet(analyzer.analyze(app(3, 0, "x"), RuleSettings.defaults()));
        ApplicationSnapshot zeros = new SnapshotBuilder().executors(1, 1).stage(0, s -> s.durations(0, 0, 0)).build();
        assertQuiet(analyzer.analyze(zeros, RuleSettings.defaults()));
    }
}
