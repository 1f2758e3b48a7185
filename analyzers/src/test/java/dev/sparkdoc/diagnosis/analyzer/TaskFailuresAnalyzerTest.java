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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.rules.Severity;
import org.junit.jupiter.api.Test;

class TaskFailuresAnalyzerTest {

    private final TaskFailuresAnalyzer analyzer = new TaskFailuresAnalyzer();

    @Test
    void outOfMemoryFailuresThatFailedAJobAreCritical() {
        Finding finding = only(run(analyzer, GPU_OOM));
        assertEquals(Severity.CRITICAL, finding.severity());
        assertEquals("112", evidence(finding, "failed task attempts"));
        assertEquals("112", evidence(finding, "out of memory (Java heap, Spark execution memory or GPU)"));
        assertTrue(finding.summary().contains("a job failed"), finding.summary());
    }

    /** One lost executor among 8,630 attempts, fetch failures and resubmissions aside, is information only. */
    @Test
    void aSingleLostExecutorIsInformation() {
        Finding finding = only(run(analyzer, FETCH_FAILURES));
        assertEquals(Severity.INFO, finding.severity());
        assertEquals("1", evidence(finding, "failed task attempts"));
    }

    @Test
    void cleanRunsAreQuietAndEmptyOnesNotApplicable() {
        assertQuiet(run(analyzer, SPARK42));
        assertNotApplicable(run(analyzer, EMPTY), "no task ended");
    }
}
