package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gc-pressure on built snapshots: floors, warm-up, Spark's own stages, GC above run time, exact thresholds. */
class GcPressureThresholdsTest {

    private final GcPressureAnalyzer analyzer = new GcPressureAnalyzer();

    /**
     * A short first stage (the warm-up), then stage 1: {@code tasks} tasks of {@code millis} each with {@code gc} of
     * GC, all side by side on 40 cores.
     */
    private static ApplicationSnapshot app(int tasks, long millis, long gc, String description) {
        return new SnapshotBuilder().executors(1, 40)
                .stage(0, stage -> stage.name("first at Job.scala:3").durations(500, 500))
                .stage(1, stage -> {
                    stage.name("map at Job.scala:9").tasks(tasks, i -> task(millis).gc(gc));
                    if (!description.isEmpty()) {
                        stage.jobDescription(description);
                    }
                })
                .build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, RuleSettings.defaults());
    }

    private static List<Finding> stageFindings(RuleOutcome outcome) {
        return outcome.findings().stream().filter(f -> f.scope() instanceof Scope.Stage).toList();
    }

    @Test
    void exactlyAtTheWarningFractionIsFoundJustBelowIsNot() {
        // 20 tasks of 10 s: 200 s of run time; 1 s of GC each is 10% (the warning), 20 s (above the 10 s floor).
        List<Finding> at = stageFindings(run(app(20, 10_000, 1_000, "")));
        assertEquals(1, at.size());
        assertEquals(new Scope.Stage(new StageAttemptId(1, 0)), at.get(0).scope());
        assertTrue(at.get(0).summary().contains("10% of its task time in GC"), at.get(0).summary());
        assertTrue(stageFindings(run(app(20, 10_000, 990, ""))).isEmpty());
    }

    @Test
    void exactlyAtTheCriticalFractionIsCritical() {
        assertEquals(Severity.CRITICAL, stageFindings(run(app(20, 10_000, 2_000, ""))).get(0).severity());
        assertEquals(Severity.WARNING, stageFindings(run(app(20, 10_000, 1_990, ""))).get(0).severity());
    }

    @Test
    void exactlyAtTheGcFloorIsJudgedJustBelowIsNot() {
        // 4 tasks of 6 s (24 s of run time), 2.5 s of GC each: 10 s in all, 42%.
        assertEquals(1, stageFindings(run(app(4, 6_000, 2_500, ""))).size());
        // 2.3 s of GC in 23 s of run time is 10% but far below the floor: quiet.
        assertTrue(stageFindings(run(app(4, 6_000, 2_499, ""))).isEmpty());
        assertQuiet(run(app(4, 5_750, 575, "")));
    }

    @Test
    void gcAboveRunTimeIsExplainedNotShownAsAShare() {
        Finding finding = stageFindings(run(app(10, 3_000, 4_000, ""))).get(0);
        assertTrue(finding.summary().contains("exceeded their run time"), finding.summary());
        assertFalse(finding.summary().contains("133%"), finding.summary());
        assertTrue(evidence(finding, "GC above run time").contains("executor JVM"));
    }

    @Test
    void sparkInternalStagesAreIgnored() {
        // Neither as a stage nor in its executor's GC.
        assertQuiet(run(app(20, 10_000, 5_000,
                "Listing leaf files and directories for 2004 paths:<br/>s3://bucket/x")));
    }

    @Test
    void warmUpAndSubSecondStagesAreIgnored() {
        // The first stage of the application, short: the JVMs' warm-up.
        ApplicationSnapshot warmUp = new SnapshotBuilder().executors(1, 40)
                .stage(0, stage -> stage.name("map at Job.scala:9").tasks(20, i -> task(5_000).gc(2_000)))
                .build();
        assertQuiet(run(warmUp));
        // 40 tasks of 900 ms side by side: 36 s of run time, 20 s of GC, in a sub-second stage.
        assertQuiet(run(app(40, 900, 500, "")));
    }

    @Test
    void timeLostIsWallTimeNotSummedGc() {
        // 20 tasks of 10 s side by side: 10 s of wall time; 40 s of GC summed, 20% of it: 2 s of wall time.
        Finding finding = stageFindings(run(app(20, 10_000, 2_000, ""))).get(0);
        assertEquals(2_000, finding.timeLostMillis().getAsLong());
        assertEquals("40.0 s", evidence(finding, "GC time (core time, summed over tasks)"));
    }

    @Test
    void oneTaskAndAllZeros() {
        assertQuiet(run(app(1, 60_000, 6_000, "")));
        assertNotApplicable(run(new SnapshotBuilder().stage(0, stage -> stage.tasks(5, i -> task(0))).build()),
                "no task reported run time");
    }

    @Test
    void exactlyAtTheTaskTimeFloorIsJudgedJustBelowIsNot() {
        // min-task-time 20 s: four tasks of 5 s with 2.5 s of GC each (10 s, the GC floor).
        assertEquals(1, stageFindings(run(app(4, 5_000, 2_500, ""))).size());
        assertTrue(stageFindings(run(app(4, 4_999, 2_500, ""))).isEmpty());
    }

    @Test
    void heavyGcThatCostsLittleOfALongApplicationIsInformation() {
        // 40% GC in a 10 s stage of a 20-minute application: 4 s of wall time, 0.3% of it; the executor's
        // finding rests on the same wall time.
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 40).end(1_200_000)
                .stage(0, stage -> stage.name("first at Job.scala:3").durations(500, 500))
                .stage(1, stage -> stage.name("map at Job.scala:9").tasks(20, i -> task(10_000).gc(4_000)))
                .build();
        List<Finding> findings = run(app).findings();
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.stream().allMatch(f -> f.severity() == Severity.INFO), findings.toString());
    }
}
