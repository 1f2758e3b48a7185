package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.AQE_SHUFFLE;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q88;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcPressureAnalyzerTest {

    private final GcPressureAnalyzer analyzer = new GcPressureAnalyzer();

    /** 4.5 s of GC in a 27.7 s-of-task-time stage, 13% on the driver: below the 10 s GC floor, quiet. */
    @Test
    void gcBelowTheAbsoluteFloorIsQuiet() {
        assertQuiet(run(analyzer, AQE_SHUFFLE));
    }

    @Test
    void theSameStageIsFoundWithALowerGcFloor() {
        List<Finding> findings = findings(run(analyzer, AQE_SHUFFLE,
                "rules:\n  gc-pressure:\n    thresholds:\n      min-gc-time: 1000\n"));
        Finding stage = findings.stream().filter(f -> f.scope().equals(new Scope.Stage(new StageAttemptId(4, 0))))
                .findFirst().orElseThrow(() -> new AssertionError(findings.toString()));
        assertTrue(stage.summary().contains("16%"), stage.summary());
        assertTrue(findings.stream().anyMatch(f -> f.scope().equals(new Scope.Executor("driver"))));
    }

    @Test
    void overProvisionedMemoryIsInformation() {
        Finding finding = only(run(analyzer, NDS_Q88));
        assertEquals(Severity.INFO, finding.severity());
        assertTrue(finding.summary().contains("over-provisioned"), finding.summary());
    }

    @Test
    void shortStagesAreNotJudged() {
        assertQuiet(run(analyzer, SPARK42));
    }
}
