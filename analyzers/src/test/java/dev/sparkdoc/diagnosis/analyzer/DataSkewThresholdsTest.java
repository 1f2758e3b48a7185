package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.node;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** data-skew on built snapshots: each kind, the zero median, and each threshold exactly and just below. */
class DataSkewThresholdsTest {

    private static final long MIB = 1L << 20;
    private final DataSkewAnalyzer analyzer = new DataSkewAnalyzer();

    private static final String SUM_PLAN = "HashAggregate(keys=[merchant#12], functions=[sum(amount#13)])";
    private static final String PARTIAL_SUM = "HashAggregate(keys=[merchant#12], functions=[partial_sum(amount#13)])";

    /** Ten tasks on ten cores: nine of 1 s reading {@code median} shuffle bytes, one of {@code slowMillis}. */
    private static ApplicationSnapshot shuffleStage(long median, long max, long slowMillis,
            UnaryOperator<SnapshotBuilder> extra) {
        SnapshotBuilder builder = new SnapshotBuilder().executors(1, 10)
                .property("spark.sql.adaptive.enabled", "false")
                .sql(0, "aggregate", node("HashAggregate", SUM_PLAN,
                        node("Exchange", "Exchange hashpartitioning(merchant#12, 200)",
                                node("HashAggregate", PARTIAL_SUM))))
                .stage(0, stage -> stage.name("groupBy at Job.scala:12").sql(0)
                        .tasks(10, i -> i == 0 ? task(slowMillis).shuffleRead(max) : task(1_000).shuffleRead(median)));
        return extra.apply(builder).build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, RuleSettings.defaults());
    }

    @Test
    void shuffleReadSkewSaltsThePlansKeyWithThePlansFunctions() {
        Finding finding = only(run(shuffleStage(10 * MIB, 200 * MIB, 20_000, b -> b)));
        assertEquals(Severity.CRITICAL, finding.severity());
        assertEquals("shuffle-read skew", evidence(finding, "kind"));
        assertEquals("20x", evidence(finding, "shuffle read max/median"));
        assertTrue(finding.summary().contains("grouping key merchant"), finding.summary());
        Recommendation.CodeChange salting = finding.recommendations().stream()
                .filter(Recommendation.CodeChange.class::isInstance).map(Recommendation.CodeChange.class::cast)
                .filter(change -> change.kind().equals("salting")).findFirst().orElseThrow();
        assertTrue(salting.snippets().get("scala").contains("expr(\"sum(amount)\")"), salting.snippets().get("scala"));
        assertTrue(salting.snippets().get("sql").contains("SUM(p0)") || salting.snippets().get("sql")
                .contains("sum(p0)"), salting.snippets().get("sql"));
        assertFalse(salting.snippets().get("java").contains("\"value\""), salting.snippets().get("java"));
        assertTrue(salting.summary().contains("stage 0.0"), salting.summary());
        // 19 s slower than the median, in a stage nothing else overlapped.
        assertEquals(19_000, finding.timeLostMillis().getAsLong());
    }

    @Test
    void collectListIsNotSaltedWithMadeUpCode() {
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 10)
                .sql(0, "aggregate", node("ObjectHashAggregate",
                        "ObjectHashAggregate(keys=[merchant#1], functions=[collect_list(amount#2, 0, 0)])"))
                .stage(0, stage -> stage.name("groupBy at Job.scala:12").sql(0)
                        .tasks(10, i -> i == 0 ? task(20_000).shuffleRead(200 * MIB) : task(1_000).shuffleRead(MIB)))
                .build();
        Finding finding = only(run(app));
        Recommendation.CodeChange salting = finding.recommendations().stream()
                .filter(Recommendation.CodeChange.class::isInstance).map(Recommendation.CodeChange.class::cast)
                .findFirst().orElseThrow();
        assertEquals("salting", salting.kind());
        assertTrue(salting.snippets().isEmpty(), salting.snippets().toString());
        assertTrue(salting.summary().contains("collect_list(amount)") && salting.summary().contains("needs care"),
                salting.summary());
    }

    @Test
    void inputSkewGetsSplitAndFileAdviceNeverSalting() {
        // A scan: no shuffle read, four tasks reading 100 MiB, the others 5 KiB.
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 12)
                .stage(0, stage -> stage.name("parquet at Job.scala:7").sql(0)
                        .tasks(12, i -> i < 4 ? task(20_000).input(100 * MIB) : task(500).input(5 * 1024)))
                .sql(0, "scan", node("FileSourceScan", "FileScan parquet [col1#1]"))
                .build();
        Finding finding = only(run(app));
        assertEquals("input skew", evidence(finding, "kind"));
        assertTrue(finding.recommendations().stream().noneMatch(r -> r instanceof Recommendation.CodeChange change
                && change.kind().equals("salting")), finding.recommendations().toString());
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.ConfigChange change
                && change.key().equals("spark.sql.files.maxPartitionBytes") && change.proposedValue().equals("25m")),
                finding.recommendations().toString());
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.CodeChange change
                && change.kind().equals("compact-files")));
        assertFalse(finding.summary().contains("key"), finding.summary());
    }

    @Test
    void durationOnlySkewAdvisesSpeculation() {
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 10)
                .stage(0, stage -> stage.name("map at Job.scala:3")
                        .tasks(10, i -> task(i == 0 ? 30_000 : 1_000).input(10 * MIB)))
                .build();
        Finding finding = only(run(app));
        assertEquals("duration-only skew", evidence(finding, "kind"));
        assertEquals(List.of("spark.speculation"), finding.recommendations().stream()
                .map(r -> ((Recommendation.ConfigChange) r).key()).toList());
        assertTrue(evidence(finding, "slowest task").contains("partition 0"), evidence(finding, "slowest task"));
    }

    @Test
    void aZeroMedianLeavesTheRatioUndefinedAndJudgesByAmounts() {
        // Three tasks read 100 MiB of shuffle, seven read nothing: the median is 0.
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 10)
                .stage(0, stage -> stage.name("reduceByKey at Job.scala:9")
                        .tasks(10, i -> i < 3 ? task(i == 0 ? 20_000 : 1_000).shuffleRead(100 * MIB)
                                : task(1_000)))
                .build();
        Finding finding = only(run(app));
        assertTrue(evidence(finding, "shuffle read max/median").startsWith("undefined (median 0)"),
                evidence(finding, "shuffle read max/median"));
        assertTrue(finding.summary().contains("ratio undefined"), finding.summary());
        assertFalse(finding.summary().contains("536870912"), finding.summary());
        // Without a ratio there is no critical: warning at most.
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void oneTaskAllZerosAndSubSecondStagesAreQuiet() {
        assertQuiet(run(new SnapshotBuilder().stage(0, stage -> stage.durations(60_000)).build()));
        assertQuiet(run(new SnapshotBuilder().executors(1, 10).stage(0, stage -> stage.tasks(10, i -> task(0)))
                .build()));
        assertQuiet(run(new SnapshotBuilder().executors(1, 10)
                .stage(0, stage -> stage.tasks(10, i -> task(i == 0 ? 900 : 10).shuffleRead(i == 0 ? 500 * MIB : 1)))
                .build()));
    }

    @Test
    void exactlyAtTheWarningRatioIsFoundJustBelowIsNot() {
        Finding at = only(run(shuffleStage(20 * MIB, 100 * MIB, 10_000, b -> b)));
        assertEquals(Severity.WARNING, at.severity());
        assertEquals("5.0x", evidence(at, "shuffle read max/median"));
        // 99 MiB over 20 MiB is 4.95x: below 5; nothing else is skewed enough (the duration ratio counts only
        // without data behind it, and here the data is there).
        RuleOutcome below = run(shuffleStage(20 * MIB, 99 * MIB, 10_000, b -> b));
        assertTrue(below.findings().stream().noneMatch(f -> evidence(f, "kind").equals("shuffle-read skew")),
                below.findings().toString());
    }

    @Test
    void exactlyAtTheCriticalRatioIsCriticalJustBelowIsWarning() {
        assertEquals(Severity.CRITICAL, only(run(shuffleStage(10 * MIB, 100 * MIB, 20_000, b -> b))).severity());
        assertEquals(Severity.WARNING, only(run(shuffleStage(10 * MIB, 99 * MIB, 20_000, b -> b))).severity());
    }

    @Test
    void exactlyAtTheTimeLostFloorIsFoundJustBelowIsNot() {
        // min-time-lost 2 s: slowest 3 s against a 1 s median is found; 2.999 s is not.
        assertEquals(1, run(shuffleStage(10 * MIB, 200 * MIB, 3_000, b -> b)).findings().size());
        assertQuiet(run(shuffleStage(10 * MIB, 200 * MIB, 2_999, b -> b)));
    }

    @Test
    void exactlyAtTheBytesFloorIsFoundJustBelowIsNot() {
        // min-max-bytes 64 MiB.
        assertEquals("shuffle-read skew", evidence(only(run(shuffleStage(MIB, 64 * MIB, 20_000, b -> b))), "kind"));
        assertEquals("duration-only skew", evidence(only(run(shuffleStage(MIB, 64 * MIB - 1, 20_000, b -> b))),
                "kind"));
    }

    @Test
    void sparkInternalStagesAreInformationWithoutCode() {
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 10)
                .stage(0, stage -> stage.name("load at <unknown>:0")
                        .jobDescription("Listing leaf files and directories for 2004 paths:<br/>s3://bucket/a")
                        .tasks(10, i -> task(i == 0 ? 20_000 : 1_000).shuffleRead(i == 0 ? 200 * MIB : MIB)))
                .build();
        Finding finding = only(run(app));
        assertEquals(Severity.INFO, finding.severity());
        assertTrue(finding.recommendations().stream().noneMatch(Recommendation.CodeChange.class::isInstance));
        assertTrue(evidence(finding, "stage origin").startsWith("spark-internal: file listing"));
    }

    @Test
    void severityFollowsTheShareOfTheApplicationsWallTime() {
        // The same 19 s skew in an application of 20 minutes saves 1.6% of it: information.
        Finding finding = only(run(shuffleStage(10 * MIB, 200 * MIB, 20_000, b -> b.end(1_200_000))));
        assertEquals(Severity.INFO, finding.severity());
        assertEquals(19_000, finding.timeLostMillis().getAsLong());
    }

    @Test
    void timeLostIsBoundedByTheStagesTimeAlone() {
        // Another stage runs from 0 to 15 s beside the skewed one (0 to 20 s): only 5 s of it were its own.
        ApplicationSnapshot app = new SnapshotBuilder().executors(1, 20)
                .sql(0, "aggregate", node("HashAggregate", SUM_PLAN))
                .stage(0, stage -> stage.at(0).name("groupBy at Job.scala:12").sql(0)
                        .tasks(10, i -> i == 0 ? task(20_000).shuffleRead(200 * MIB) : task(1_000).shuffleRead(MIB)))
                .stage(1, stage -> stage.at(0).name("count at Job.scala:20").durations(15_000))
                .build();
        assertEquals(5_000, only(run(app)).timeLostMillis().getAsLong());
    }

    @Test
    void exactlyAtTheTaskFloorIsJudgedJustBelowIsNot() {
        // min-tasks 5.
        ApplicationSnapshot five = new SnapshotBuilder().executors(1, 10)
                .stage(0, stage -> stage.name("groupBy at Job.scala:12")
                        .tasks(5, i -> i == 0 ? task(20_000).shuffleRead(200 * MIB) : task(1_000).shuffleRead(10 * MIB)))
                .build();
        assertEquals(1, run(five).findings().size());
        ApplicationSnapshot four = new SnapshotBuilder().executors(1, 10)
                .stage(0, stage -> stage.name("groupBy at Job.scala:12")
                        .tasks(4, i -> i == 0 ? task(20_000).shuffleRead(200 * MIB) : task(1_000).shuffleRead(10 * MIB)))
                .build();
        assertQuiet(run(four));
    }

    @Test
    void exactlyAtTheStageShareIsJudgedJustBelowIsNot() {
        // One core: seven tasks of 2 s, then the slow one; min-stage-share 0.3 of the stage's wall time.
        assertEquals(1, run(oneCore(6_000)).findings().size());
        assertQuiet(run(oneCore(5_999)));
    }

    private static ApplicationSnapshot oneCore(long slowMillis) {
        return new SnapshotBuilder().executors(1, 1)
                .stage(0, stage -> stage.name("groupBy at Job.scala:12")
                        .tasks(8, i -> i == 7 ? task(slowMillis).shuffleRead(200 * MIB) : task(2_000).shuffleRead(MIB)))
                .build();
    }
}
