package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.AQE_SHUFFLE;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.GPU_OOM;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK2;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
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

class ShuffleSpillAnalyzerTest {

    private final ShuffleSpillAnalyzer analyzer = new ShuffleSpillAnalyzer();

    @Test
    void theGpuOomRunsHugeSpillIsFoundInItsStages() {
        List<Finding> findings = findings(run(analyzer, GPU_OOM));
        List<StageAttemptId> stages = findings.stream().map(f -> ((Scope.Stage) f.scope()).stage()).toList();
        assertTrue(stages.contains(new StageAttemptId(35, 0)), stages.toString());
        Finding stage35 = findings.stream().filter(f -> f.scope().equals(new Scope.Stage(new StageAttemptId(35, 0))))
                .findFirst().orElseThrow();
        assertTrue(stage35.summary().contains("139 GiB"), stage35.summary());
        assertTrue(evidence(stage35, "likely cause").length() > 5);
    }

    @Test
    void aqeShuffleSpillWithDiskSpillNamesExecutors() {
        Finding finding = only(run(analyzer, AQE_SHUFFLE));
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(evidence(finding, "disk spilled").contains("MiB"), evidence(finding, "disk spilled"));
        assertTrue(evidence(finding, "executors that spilled").contains("driver"),
                evidence(finding, "executors that spilled"));
    }

    @Test
    void criticalFromTheDiskSpillThreshold() {
        Finding finding = only(run(analyzer, AQE_SHUFFLE,
                "rules:\n  shuffle-spill:\n    thresholds:\n      critical-disk-spill: 100m\n"));
        assertEquals(Severity.CRITICAL, finding.severity());
    }

    @Test
    void logsWithoutSpillAreQuiet() {
        assertQuiet(run(analyzer, SPARK2));
        assertQuiet(run(analyzer, SPARK42));
    }
}
