package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.rules.RuleSettings;
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

    /**
     * The driver's heap is what its JVM had: a local driver started with -Xmx4g and no spark.driver.memory peaked at
     * 1.7 GiB, which is 170% of the 1 GiB default but 43% of its real heap, measured by its block manager
     * ((4 GiB - 300 MiB) * 0.6 of unified memory): no finding. Without that event, spark.driver.memory is the limit.
     */
    @Test
    void theDriverHeapIsTheJvmsRealHeapWhenTheBlockManagerMeasuredIt() {
        long heap = 4L << 30;
        long unified = Math.round((heap - (300L << 20)) * 0.6);
        long peak = 1700L << 20;
        dev.sparkdoc.snapshot.SnapshotBuilder builder = new dev.sparkdoc.snapshot.SnapshotBuilder().executors(1, 2)
                .stage(0, stage -> stage.tasks(4, i -> dev.sparkdoc.snapshot.SnapshotBuilder.task(1_000)));
        java.util.List<dev.sparkdoc.event.SparkEvent> events = new java.util.ArrayList<>(builder.events());
        dev.sparkdoc.event.SparkEvent.ExecutorMetricsUpdate driverPeak = new dev.sparkdoc.event.SparkEvent
                .ExecutorMetricsUpdate("driver", dev.sparkdoc.event.ExecutorMetrics.builder()
                        .set(dev.sparkdoc.event.ExecutorMetric.JVM_HEAP_MEMORY, peak).build());
        events.add(2, driverPeak);
        dev.sparkdoc.fold.ApplicationFolder withoutBlockManager = new dev.sparkdoc.fold.ApplicationFolder();
        events.forEach(withoutBlockManager);
        dev.sparkdoc.diagnosis.RuleOutcome judgedBySetting = new DriverOomRiskAnalyzer()
                .analyze(withoutBlockManager.snapshot(), RuleSettings.defaults());
        assertTrue(judgedBySetting.findings().stream().anyMatch(finding -> finding.summary().contains(
                "of the spark.driver.memory")), judgedBySetting.findings().toString());

        events.add(2, new dev.sparkdoc.event.SparkEvent.BlockManagerAdded(0, new dev.sparkdoc.event.BlockManagerId(
                "driver", "localhost", 7077), unified, java.util.OptionalLong.of(unified),
                java.util.OptionalLong.of(0)));
        dev.sparkdoc.fold.ApplicationFolder measured = new dev.sparkdoc.fold.ApplicationFolder();
        events.forEach(measured);
        dev.sparkdoc.diagnosis.RuleOutcome judgedByHeap = new DriverOomRiskAnalyzer()
                .analyze(measured.snapshot(), RuleSettings.defaults());
        assertTrue(judgedByHeap.findings().isEmpty(), judgedByHeap.findings().toString());
        assertEquals(heap, DriverOomRiskAnalyzer.measuredDriverHeap(measured.snapshot(),
                new dev.sparkdoc.diagnosis.SparkSettings(measured.snapshot())).getAsLong(), 2);
    }
}
