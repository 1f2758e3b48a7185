package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK2;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;

import org.junit.jupiter.api.Test;

class TinyTasksAnalyzerTest {

    private final TinyTasksAnalyzer analyzer = new TinyTasksAnalyzer();

    @Test
    void sparksOwnFileListingAndMetadataStagesAreSkipped() {
        // Six stages of ~2,000 tasks of 15-85 ms: "load at <unknown>:0" and a file listing over 2,004 paths.
        assertQuiet(run(analyzer, NDS_Q72));
    }

    @Test
    void aHigherTaskFloorSilencesThem() {
        assertQuiet(run(analyzer, NDS_Q72, "rules:\n  tiny-tasks:\n    thresholds:\n      min-tasks: 5000\n"));
    }

    @Test
    void fewTasksAreQuiet() {
        assertQuiet(run(analyzer, SPARK2));
        assertQuiet(run(analyzer, SPARK42));
    }
}
