package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/** tiny-tasks on built snapshots: exact thresholds, Spark's own stages, the stage and operator named. */
class TinyTasksThresholdsTest {

    private final TinyTasksAnalyzer analyzer = new TinyTasksAnalyzer();

    /** {@code tasks} tasks of {@code millis} (a fifth of it run time) reading input, on 4 cores. */
    private static ApplicationSnapshot app(int tasks, long millis, String name, String description) {
        return new SnapshotBuilder().executors(1, 4)
                .stage(0, stage -> {
                    stage.name(name).tasks(tasks, i -> task(millis).run(millis / 5).input(1024));
                    if (!description.isEmpty()) {
                        stage.jobDescription(description);
                    }
                })
                .build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, RuleSettings.defaults());
    }

    @Test
    void exactlyAtTheTaskFloorIsFoundJustBelowIsNot() {
        Finding finding = only(run(app(1_000, 20, "map at Job.scala:10", "")));
        assertEquals(Severity.WARNING, finding.severity());
        assertQuiet(run(app(999, 20, "map at Job.scala:10", "")));
    }

    @Test
    void aMedianAtTheMaximumIsQuietJustBelowIsFound() {
        assertQuiet(run(app(1_000, 200, "map at Job.scala:10", "")));
        assertEquals(1, run(app(1_000, 199, "map at Job.scala:10", "")).findings().size());
    }

    @Test
    void theCoalesceAdviceNamesTheStageAndTheOperator() {
        Finding finding = only(run(app(2_000, 20, "saveAsTextFile at Job.scala:10", "")));
        Recommendation.CodeChange coalesce = finding.recommendations().stream()
                .filter(Recommendation.CodeChange.class::isInstance).map(Recommendation.CodeChange.class::cast)
                .findFirst().orElseThrow();
        assertTrue(coalesce.summary().contains("stage 0.0 (saveAsTextFile at Job.scala:10)"), coalesce.summary());
        assertTrue(coalesce.summary().contains("before its saveAsTextFile()"), coalesce.summary());
        assertTrue(coalesce.snippets().get("scala").contains("coalesce(200)"));
    }

    @Test
    void sparksOwnStagesAreSkipped() {
        assertQuiet(run(app(2_004, 20, "load at <unknown>:0",
                "Listing leaf files and directories for 2004 paths:<br/>s3://bucket/a")));
        // A 0-byte stage with an anonymous call site: metadata work.
        assertQuiet(run(new SnapshotBuilder().executors(1, 4)
                .stage(0, stage -> stage.name("load at <unknown>:0").tasks(2_000, i -> task(20).run(4)))
                .build()));
    }

    @Test
    void oneTaskAndAllZerosAreQuiet() {
        assertQuiet(run(app(1, 10, "map at Job.scala:10", "")));
        assertQuiet(run(new SnapshotBuilder().stage(0, stage -> stage.tasks(5, i -> task(0))).build()));
    }

    @Test
    void timeLostIsWallTimeNotSummedOverhead() {
        // 1,000 tasks of 20 ms on 4 cores: 5 s of wall time, 80% of task time outside the code: 4 s of wall time,
        // against 16 s of core time.
        Finding finding = only(run(app(1_000, 20, "map at Job.scala:10", "")));
        assertEquals(4_000, finding.timeLostMillis().getAsLong());
    }
}
