package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
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

class IdleExecutorsAnalyzerTest {

    private final IdleExecutorsAnalyzer analyzer = new IdleExecutorsAnalyzer();

    @Test
    void localModeIsNotApplicable() {
        assertNotApplicable(run(analyzer, SPARK42), "local mode");
    }

    /** An interactive spark-shell session of 97 s is below the 5 minute floor. */
    @Test
    void shortApplicationsAreNotJudged() {
        assertQuiet(run(analyzer, FETCH_FAILURES));
    }

    /**
     * The same spark-shell session kept 8 executors' 32 cores mostly idle between commands: 0.86 core-hours, under the
     * one core-hour floor, so it shows only with both floors lowered.
     */
    @Test
    void idleCoresAreMeasuredWhenTheFloorsAreLowered() {
        assertQuiet(run(analyzer, FETCH_FAILURES,
                "rules:\n  idle-executors:\n    thresholds:\n      min-app-duration: 0\n"));
        Finding finding = only(run(analyzer, FETCH_FAILURES,
                "rules:\n  idle-executors:\n    thresholds:\n      min-app-duration: 0\n      min-idle-core-time: 0\n"));
        assertEquals(Severity.CRITICAL, finding.severity());
        assertTrue(finding.summary().contains("core-hours idle"), finding.summary());
        assertEquals("8", evidence(finding, "executors"));
    }
}
