package dev.sparkdoc.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.compare.Comparison.FindingChange;
import dev.sparkdoc.compare.Comparison.StageComparison;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Comparisons of real runs of the reference jobs (sample-eventlogs/compare-logs) and of real logs with themselves. */
class ComparerTest {

    /** A Spark 3.1 application on YARN with 100+ stages, failed tasks and lost executors. */
    private static final Path RETRIES = Path.of("src", "test", "resources", "eventlogs", "nvidia-spark-rapids-tools",
            "spark-events-profiling", "tasks_executors_fail_compressed_eventlog.zstd");

    @Test
    void aRunComparedWithItselfChangesNothing() throws Exception {
        List<Path> logs;
        try (Stream<Path> files = Files.list(CompareLogs.SAMPLE_LOGS)) {
            logs = new java.util.ArrayList<>(files.filter(path -> !path.getFileName().toString().endsWith(".md")
                    && !path.getFileName().toString().endsWith(".txt") && !path.endsWith("expected")).sorted()
                    .toList());
        }
        logs.add(RETRIES);
        assertTrue(logs.size() >= 14, "the sample logs and a log with stage retries: " + logs);
        for (Path log : logs) {
            DiagnosedLog diagnosed = CompareLogs.diagnose(log);
            Comparison comparison = Comparer.compare(diagnosed, CompareLogs.diagnose(log), ChangeThreshold.DEFAULT);
            String name = log.getFileName().toString();
            assertFalse(comparison.stages().isEmpty(), name);
            assertEquals(Comparer.stages(diagnosed.log().application()).size(), comparison.stages().size(), name);
            for (StageComparison stage : comparison.stages()) {
                assertEquals(stage.baseline().stageId(), stage.candidate().stageId(), name + ": paired by signature");
                assertEquals(Comparison.MatchKind.EXACT, stage.match(), name);
                assertTrue(stage.verdict() == Verdict.SAME || stage.verdict() == Verdict.UNKNOWN,
                        name + " " + stage.verdict());
            }
            assertEquals(Verdict.SAME, comparison.wallTime(), name);
            assertTrue(comparison.appearedStages().isEmpty() && comparison.disappearedStages().isEmpty(), name);
            assertTrue(comparison.appearedJobs().isEmpty() && comparison.disappearedJobs().isEmpty(), name);
            assertEquals(diagnosed.diagnosis().findings().size(), comparison.findings().size(), name);
            assertTrue(comparison.findings().stream()
                    .allMatch(change -> change.change() == FindingChange.Change.PERSISTED), name);
            assertTrue(comparison.config().isEmpty(), name + ": " + comparison.config());
            assertTrue(comparison.warnings().isEmpty(), name + ": " + comparison.warnings());
            assertFalse(comparison.regressed(), name);
        }
    }

    @Test
    void retriedStagesCollapseIntoOneStageWithEveryAttempt() throws Exception {
        DiagnosedLog log = CompareLogs.diagnose(CompareLogs.SAMPLE_LOGS.resolve("fetch-failure.snappy"));
        List<StageRun> stages = Comparer.stages(log.log().application());
        StageRun retried = stages.stream().filter(stage -> stage.attempts().size() > 1).findFirst()
                .orElseThrow(() -> new AssertionError("the fetch failure resubmits stages"));
        assertTrue(retried.durationMillis().getAsLong() >= retried.attempts().get(0).durationMillis().getAsLong()
                + retried.attempts().get(1).durationMillis().getAsLong(), "first submission to last completion");
        assertEquals(retried.attempts().get(0).total(dev.sparkdoc.event.TaskMetric.EXECUTOR_RUN_TIME)
                + retried.attempts().get(1).total(dev.sparkdoc.event.TaskMetric.EXECUTOR_RUN_TIME),
                retried.taskTimeMillis(), "every attempt's work");
        long ids = stages.stream().mapToInt(StageRun::stageId).distinct().count();
        assertEquals(stages.size(), ids, "one entry per stage id");
        assertTrue(stages.stream().allMatch(stage -> stage.status() != dev.sparkdoc.snapshot.StageStatus.SKIPPED));
    }

    @Test
    void saltingImprovesTheSkewedAggregationStageAndTheDataSkewFindingIsGone() throws Exception {
        assertSaltingHelped(CompareLogs.AGGREGATION_PLAIN, CompareLogs.AGGREGATION_SALTED);
    }

    @Test
    void saltingImprovesTheSkewedJoinStageAndPairsTheJoinSidesByTheirTasks() throws Exception {
        Comparison comparison = assertSaltingHelped(CompareLogs.JOIN_PLAIN, CompareLogs.JOIN_SALTED);
        // the salted plan scans the two sides in the other order: the sides are told apart by their task counts
        for (StageComparison stage : comparison.stages()) {
            assertEquals(stage.baseline().tasks(), stage.candidate().tasks(), "stage " + stage.baseline().stageId());
            assertEquals(Comparison.MatchKind.PLAN_CHANGED, stage.match());
        }
        assertTrue(comparison.stages().stream().anyMatch(s -> s.baseline().stageId() != s.candidate().stageId()),
                "ids shifted, and the matching did not follow them");
    }

    private static Comparison assertSaltingHelped(Path plain, Path salted) throws Exception {
        Comparison comparison = CompareLogs.compare(plain, salted);
        Finding skew = comparison.baseline().diagnosis().findings().stream()
                .filter(finding -> finding.ruleId().equals("data-skew")).findFirst().orElseThrow();
        int skewedStage = ((Scope.Stage) skew.scope()).stage().stageId();
        StageComparison stage = comparison.stages().stream()
                .filter(pair -> pair.baseline().stageId() == skewedStage).findFirst()
                .orElseThrow(() -> new AssertionError("the skewed stage is matched: " + comparison.stages()));
        assertEquals(Verdict.IMPROVED, stage.verdict(), "duration " + stage.baseline().durationMillis() + " -> "
                + stage.candidate().durationMillis());
        assertTrue(stage.candidate().shuffleReadDistribution().maxOverMedian().orElse(0) < 2,
                "salting spreads the hot key's rows");
        assertTrue(comparison.findings().stream().anyMatch(change -> change.change() == FindingChange.Change.DISAPPEARED
                && change.finding().ruleId().equals("data-skew")), comparison.findings().toString());
        assertTrue(comparison.findings().stream().noneMatch(change -> change.change() != FindingChange.Change.DISAPPEARED
                && change.finding().ruleId().equals("data-skew")), "no data-skew left in the salted run");
        assertFalse(comparison.warnings().isEmpty(), "the salted query has another plan: the loose pairing is said");
        return comparison;
    }

    @Test
    void aSlowerConfigurationRegressesItsStageAndSaysWhichSettingChanged() throws Exception {
        Comparison comparison = CompareLogs.compare(CompareLogs.AGGREGATION_BASELINE, CompareLogs.AGGREGATION_SLOW);
        assertTrue(comparison.regressed());
        StageComparison mapStage = comparison.stages().stream()
                .filter(stage -> stage.baseline().depth() == 0).findFirst().orElseThrow();
        assertEquals(Comparison.MatchKind.EXACT, mapStage.match(), "same job, same plan");
        assertEquals(Verdict.REGRESSED, mapStage.verdict(), "the map stage compresses its shuffle output at level 19");
        assertTrue(comparison.regressions().contains("stage " + mapStage.baseline().stageId() + " \u2192 "
                + mapStage.candidate().stageId()), comparison.regressions().toString());
        List<String> keys = comparison.config().stream().map(Comparison.ConfigDifference::key).toList();
        assertTrue(keys.contains("spark.io.compression.zstd.level"), keys.toString());
        assertTrue(keys.contains("spark.shuffle.compress"), keys.toString());
        assertFalse(keys.contains("spark.app.id"), "per-run noise is left out");
        assertTrue(comparison.ignoredConfigKeys().contains("spark.app.id"), comparison.ignoredConfigKeys().toString());
        assertTrue(comparison.warnings().isEmpty(), "one application: " + comparison.warnings());
    }

    @Test
    void differentApplicationsAreSaidToBeDifferent() throws Exception {
        Comparison comparison = CompareLogs.compare(CompareLogs.SAMPLE_LOGS.resolve("skewed-join.lz4"), RETRIES);
        assertTrue(comparison.warnings().stream().anyMatch(w -> w.contains("different applications")),
                comparison.warnings().toString());
    }

    @Test
    void thresholdNeedsBothThePercentageAndTheSeconds() {
        ChangeThreshold threshold = new ChangeThreshold(20, 2000);
        assertEquals(Verdict.SAME, judge(threshold, 100, 1_900), "+1,800%, but under 2 s");
        assertEquals(Verdict.SAME, judge(threshold, 600_000, 660_000), "+60 s, but 10%");
        assertEquals(Verdict.REGRESSED, judge(threshold, 10_000, 12_000), "+20% and +2 s exactly");
        assertEquals(Verdict.SAME, judge(threshold, 10_000, 11_999));
        assertEquals(Verdict.IMPROVED, judge(threshold, 10_000, 8_000));
        assertEquals(Verdict.SAME, judge(threshold, 10_000, 10_000));
        assertEquals(Verdict.UNKNOWN, threshold.judge(java.util.OptionalLong.empty(), java.util.OptionalLong.of(5)));
        assertEquals("duration change of at least 20% and at least 2.0 s", threshold.describe());
    }

    private static Verdict judge(ChangeThreshold threshold, long before, long after) {
        return threshold.judge(java.util.OptionalLong.of(before), java.util.OptionalLong.of(after));
    }

    @Test
    void planShapeKeepsOperatorsAndDropsIdsNumbersAndExecutionWrappers() {
        dev.sparkdoc.event.PlanNode range = new dev.sparkdoc.event.PlanNode("Range", "Range (0, 10, step=1)",
                List.of());
        dev.sparkdoc.event.PlanNode codegen = new dev.sparkdoc.event.PlanNode("WholeStageCodegen (3)",
                "WholeStageCodegen (3)", List.of(new dev.sparkdoc.event.PlanNode("HashAggregate",
                        "HashAggregate(keys=[k#12], functions=[sum(v#13)])", List.of(range))));
        dev.sparkdoc.event.PlanNode adaptive = new dev.sparkdoc.event.PlanNode("AdaptiveSparkPlan",
                "AdaptiveSparkPlan isFinalPlan=true", List.of(new dev.sparkdoc.event.PlanNode("Exchange",
                        "Exchange hashpartitioning(k#12, 200)", List.of(codegen))));
        assertEquals("Exchange(HashAggregate(Range))", PlanShape.of(adaptive));
        dev.sparkdoc.event.PlanNode other = new dev.sparkdoc.event.PlanNode("Exchange",
                "Exchange hashpartitioning(k#99, 8)", List.of(new dev.sparkdoc.event.PlanNode("HashAggregate",
                        "HashAggregate(keys=[k#98], functions=[sum(v#97)])", List.of(range))));
        assertEquals(PlanShape.of(adaptive), PlanShape.of(other), "ids, partition counts, codegen and AQE aside");
        assertEquals(12, PlanShape.id(java.util.Optional.of(PlanShape.of(other))).length());
    }

    @Test
    void matchingPairsByPositionAmongEqualSignaturesThenByTheLooserTier() {
        Matching.Result<String> result = Matching.match(List.of("a1", "b1", "a2", "c1"),
                List.of("x9", "a7", "a8", "b5"), List.of(s -> s, s -> s.substring(0, 1)));
        assertEquals(List.of("a1=a7", "a2=a8", "b1=b5"), result.pairs().stream()
                .map(pair -> pair.baseline() + "=" + pair.candidate()).sorted().toList());
        assertEquals(List.of("c1"), result.baselineOnly());
        assertEquals(List.of("x9"), result.candidateOnly());
        assertTrue(result.pairs().stream().allMatch(pair -> pair.tier() == 1));
    }
}
