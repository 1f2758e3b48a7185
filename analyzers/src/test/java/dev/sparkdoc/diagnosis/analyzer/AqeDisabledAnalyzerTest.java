package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.ROLLING_31;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK2;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import org.junit.jupiter.api.Test;

class AqeDisabledAnalyzerTest {

    private final AqeDisabledAnalyzer analyzer = new AqeDisabledAnalyzer();

    /** Spark 3.1 had AQE off by default; this session ran SQL shuffles without it. */
    @Test
    void aLargeShuffleWithAqeOffIsFound() {
        // 9.4 GiB of shuffle read by SQL stages, AQE off.
        Finding finding = only(run(analyzer, ROLLING_31));
        assertTrue(finding.summary().contains("9.4 GiB of shuffle data"), finding.summary());
    }

    @Test
    void smallShufflesAreBelowTheFloor() {
        // Spark 3.1 with AQE off by default, but 81 small SQL shuffles that adaptive execution would not change.
        assertQuiet(run(analyzer, FETCH_FAILURES));
    }

    @Test
    void spark35DefaultIsOn() {
        assertQuiet(run(analyzer, NDS_Q72));
    }

    @Test
    void spark2HasNoAqe() {
        assertNotApplicable(run(analyzer, SPARK2), "from Spark 3.0");
    }
}
