package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK2;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class TinyTasksAnalyzerTest {

    private final TinyTasksAnalyzer analyzer = new TinyTasksAnalyzer();

    @Test
    void thousandsOfTinyScanTasksAreFound() {
        List<Finding> findings = findings(run(analyzer, NDS_Q72));
        assertEquals(6, findings.size(), findings.stream().map(Finding::summary).toList().toString());
        assertTrue(findings.get(0).summary().contains("tasks with a median of"), findings.get(0).summary());
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
