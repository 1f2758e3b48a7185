package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;

import org.junit.jupiter.api.Test;

class DataSkewAnalyzerTest {

    /** Overrides that take away every floor, so small real skew is judged on its ratio alone. */
    private static final String FLOORS_OFF = """
            rules:
              data-skew:
                thresholds:
                  min-max-task-duration: 0
                  min-max-bytes: 0
                  min-time-lost: 0
                  min-stage-share: 0
            """;

    private final DataSkewAnalyzer analyzer = new DataSkewAnalyzer();

    /** The Spark 4.2 run's skew is real (70% of one groupByKey on key 0) but small: the default floors keep it quiet. */
    @Test
    void smallSkewStaysQuietUnderTheDefaultFloors() {
        assertQuiet(run(analyzer, SPARK42));
    }

    /** Stragglers of a few hundred milliseconds among 10 ms tasks are not skew worth a finding. */
    @Test
    void shortStragglersAreNotSkew() {
        assertQuiet(run(analyzer, FETCH_FAILURES));
    }

    @Test
    void aLargeRealQueryWithoutDominantPartitionsIsQuiet() {
        assertQuiet(run(analyzer, NDS_Q72));
    }

    /** The run's stages are sub-second: even without the floors, stage-level rules stay quiet on them. */
    @Test
    void subSecondStagesStayQuietWithoutTheFloors() {
        assertQuiet(run(analyzer, SPARK42, FLOORS_OFF));
    }
}
