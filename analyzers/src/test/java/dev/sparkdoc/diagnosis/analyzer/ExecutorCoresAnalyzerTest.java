package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q88;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.rules.Severity;
import org.junit.jupiter.api.Test;

class ExecutorCoresAnalyzerTest {

    private final ExecutorCoresAnalyzer analyzer = new ExecutorCoresAnalyzer();

    @Test
    void sixteenCoresPerExecutorIsAWarning() {
        assertEquals(Severity.WARNING, only(run(analyzer, NDS_Q72)).severity());
    }

    @Test
    void eightCoresPerExecutorIsInformation() {
        assertEquals(Severity.INFO, only(run(analyzer, NDS_Q88)).severity());
    }

    @Test
    void fourCoresIsQuietAndLocalModeNotApplicable() {
        assertQuiet(run(analyzer, FETCH_FAILURES));
        assertNotApplicable(run(analyzer, SPARK42), "local mode");
    }
}
