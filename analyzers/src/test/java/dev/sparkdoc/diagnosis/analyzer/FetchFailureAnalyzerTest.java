package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.GPU_OOM;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.rules.Severity;
import org.junit.jupiter.api.Test;

class FetchFailureAnalyzerTest {

    private final FetchFailureAnalyzer analyzer = new FetchFailureAnalyzer();

    @Test
    void fetchFailuresResubmissionsAndLostExecutorsAreReported() {
        Finding finding = only(run(analyzer, FETCH_FAILURES));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals("2", evidence(finding, "fetch failures"));
        assertEquals("50", evidence(finding, "map tasks resubmitted"));
        assertEquals("2", evidence(finding, "executors removed"));
        assertEquals("54", evidence(finding, "shuffle ids with fetch failures"));
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.ConfigChange change
                && change.key().equals("spark.shuffle.service.enabled")), finding.recommendations().toString());
    }

    @Test
    void criticalFromTheCountThreshold() {
        Finding finding = only(run(analyzer, FETCH_FAILURES,
                "rules:\n  fetch-failure:\n    thresholds:\n      critical-fetch-failures: 2\n"));
        assertEquals(Severity.CRITICAL, finding.severity());
    }

    @Test
    void logsWithoutFetchFailuresAreQuiet() {
        assertQuiet(run(analyzer, GPU_OOM));
        assertQuiet(run(analyzer, SPARK42));
    }
}
