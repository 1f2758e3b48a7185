package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverOomRiskAnalyzerTest {

    private final DriverOomRiskAnalyzer analyzer = new DriverOomRiskAnalyzer();

    @Test
    void smallCollectsStayQuiet() {
        assertQuiet(run(analyzer, SPARK42));
        assertQuiet(run(analyzer, FETCH_FAILURES));
        assertQuiet(run(analyzer, NDS_Q72));
    }

    /** The Spark 4.2 run collects its results; with the floors at zero, the collecting jobs are named. */
    @Test
    void collectingJobsAreFoundWhenTheFloorsAreLowered() {
        List<Finding> findings = findings(run(analyzer, SPARK42, """
                rules:
                  driver-oom-risk:
                    thresholds:
                      min-result-bytes: 0
                      warning-result-fraction: 0
                """));
        assertFalse(findings.isEmpty());
        Finding finding = findings.get(0);
        assertTrue(finding.scope() instanceof Scope.Job, finding.scope().toString());
        assertTrue(finding.summary().contains("to the driver"), finding.summary());
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.CodeChange change
                && change.kind().equals("avoid-collect")));
    }

    @Test
    void aLogWithoutJobsIsNotApplicable() {
        assertNotApplicable(run(analyzer, AnalyzerTestSupport.EMPTY), "no job ran");
    }
}
