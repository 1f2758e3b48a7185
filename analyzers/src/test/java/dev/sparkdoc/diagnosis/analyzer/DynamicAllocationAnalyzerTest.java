package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.DYNAMIC_ALLOCATION;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;

import org.junit.jupiter.api.Test;

class DynamicAllocationAnalyzerTest {

    private final DynamicAllocationAnalyzer analyzer = new DynamicAllocationAnalyzer();

    /** Dynamic allocation with the external shuffle service on (as Dataproc configures it) is fine. */
    @Test
    void dynamicAllocationWithTheShuffleServiceIsQuiet() {
        assertQuiet(run(analyzer, DYNAMIC_ALLOCATION));
    }

    @Test
    void staticAllocationIsQuiet() {
        assertQuiet(run(analyzer, FETCH_FAILURES));
    }
}
