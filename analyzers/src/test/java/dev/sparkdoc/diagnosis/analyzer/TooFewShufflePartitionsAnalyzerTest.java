package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static dev.sparkdoc.snapshot.SnapshotBuilder.node;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.event.PlanNode;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TooFewShufflePartitionsAnalyzerTest {

    private static final long MIB = 1L << 20;
    private final TooFewShufflePartitionsAnalyzer analyzer = new TooFewShufflePartitionsAnalyzer();

    /** {@code tasks} reduce tasks reading {@code perTask} bytes each, in SQL execution 0 with {@code plan}. */
    private static ApplicationSnapshot app(boolean aqe, int tasks, long perTask, PlanNode plan) {
        return new SnapshotBuilder().property("spark.master", "yarn")
                .property("spark.sql.adaptive.enabled", Boolean.toString(aqe)).executors(4, 4)
                .sql(0, "query", plan)
                .stage(0, stage -> stage.sql(0).tasks(tasks, i -> task(1_000).shuffleRead(perTask)))
                .build();
    }

    private static PlanNode plain() {
        return node("HashAggregate", "HashAggregate(keys=[k#1], functions=[sum(v#2)])",
                node("Exchange", "Exchange hashpartitioning(k#1, 200), ENSURE_REQUIREMENTS, [plan_id=5]"));
    }

    private static List<Recommendation.ConfigChange> configs(Finding finding) {
        return finding.recommendations().stream().filter(r -> r instanceof Recommendation.ConfigChange)
                .map(r -> (Recommendation.ConfigChange) r).toList();
    }

    /** TPC-DS q72 shuffles 20 GB over enough partitions that no task reads more than twice the 128 MiB target. */
    @Test
    void wellPartitionedShufflesAreQuiet() {
        assertQuiet(run(analyzer, NDS_Q72));
        assertQuiet(run(analyzer, SPARK42));
    }

    /**
     * q72 ran 128 shuffle partitions (its setting) and AQE did not coalesce them: with a 4 MiB target the setting is
     * raised, never lowered, and the proposal is what the evidence says.
     */
    @Test
    void aSmallerTargetRaisesTheSetting() {
        List<Finding> found = findings(run(analyzer, NDS_Q72, """
                rules:
                  too-few-shuffle-partitions:
                    thresholds:
                      target-partition-bytes: 4m
                """));
        assertFalse(found.isEmpty());
        for (Finding finding : found) {
            Recommendation.ConfigChange change = configs(finding).get(0);
            assertEquals("spark.sql.shuffle.partitions", change.key());
            assertEquals(Recommendation.Intent.RAISE, change.intent());
            assertTrue(change.movesWithIntent(), change.toString());
            assertEquals(change.proposedValue(), evidence(finding, "proposed partitions").replace(",", ""));
        }
    }

    /** The case: repartition(2) starves the stage; only a code change naming it helps, never a setting. */
    @Test
    void anExplicitRepartitionGetsACodeChangeNamingItAndNoSetting() {
        PlanNode plan = node("Project", "Project [a#1]", node("Exchange",
                "Exchange RoundRobinPartitioning(2), REPARTITION_BY_NUM, [plan_id=7]"));
        Finding finding = only(analyzer.analyze(app(false, 2, 600 * MIB, plan), RuleSettings.defaults()));
        assertTrue(configs(finding).isEmpty(), configs(finding).toString());
        Recommendation.CodeChange code = (Recommendation.CodeChange) finding.recommendations().get(0);
        assertEquals("repartition", code.kind());
        assertTrue(code.summary().contains("repartition(2)"), code.summary());
        assertTrue(code.snippets().get("scala").contains("repartition(16)"), code.snippets().toString());
        assertTrue(finding.summary().contains("repartition(2) in the code"), finding.summary());
    }

    @Test
    void aCoalesceAndARepartitionByNumberAreExplicitToo() {
        PlanNode coalesce = node("Coalesce", "Coalesce 3", node("Exchange",
                "Exchange hashpartitioning(k#1, 200), ENSURE_REQUIREMENTS"));
        Finding coalesced = only(analyzer.analyze(app(false, 3, 600 * MIB, coalesce), RuleSettings.defaults()));
        assertTrue(coalesced.summary().contains("coalesce(3)"), coalesced.summary());
        PlanNode byNum = node("Exchange", "Exchange hashpartitioning(k#1, 5), REPARTITION_BY_NUM, [plan_id=3]");
        Finding hashed = only(analyzer.analyze(app(false, 5, 600 * MIB, byNum), RuleSettings.defaults()));
        assertTrue(hashed.summary().contains("repartition(5)"), hashed.summary());
        assertTrue(configs(hashed).isEmpty());
    }

    /** 200 partitions of 600 MiB: spark.sql.shuffle.partitions is raised to ~938, in whole waves of 16 cores. */
    @Test
    void partitionsFromTheSettingAreRaisedNeverLowered() {
        Finding finding = only(analyzer.analyze(app(false, 200, 600 * MIB, plain()), RuleSettings.defaults()));
        Recommendation.ConfigChange change = configs(finding).get(0);
        assertEquals("spark.sql.shuffle.partitions", change.key());
        assertEquals(Recommendation.Intent.RAISE, change.intent());
        assertEquals("944", change.proposedValue());
        assertEquals("944", evidence(finding, "proposed partitions"));
    }

    /** 40 partitions with the setting already at 200: the count comes from elsewhere; no setting is proposed. */
    @Test
    void aStarvedStageWhoseCountIsNotTheSettingGetsNoSetting() {
        ApplicationSnapshot app = new SnapshotBuilder().property("spark.master", "yarn").executors(4, 4)
                .property("spark.sql.shuffle.partitions", "4000")
                .stage(0, stage -> stage.tasks(40, i -> task(1_000).shuffleRead(600 * MIB))).build();
        Finding finding = only(analyzer.analyze(app, RuleSettings.defaults()));
        assertTrue(configs(finding).isEmpty(), configs(finding).toString());
        assertTrue(finding.summary().contains("come from elsewhere"), finding.summary());
    }

    @Test
    void aqeCoalescingWithTheDefaultAdvisorySizeRaisesTheMinimumPartitionCount() {
        Finding finding = only(analyzer.analyze(app(true, 4, 600 * MIB, plain()), RuleSettings.defaults()));
        Recommendation.ConfigChange change = configs(finding).get(0);
        assertEquals("spark.sql.adaptive.coalescePartitions.minPartitionNum", change.key());
        assertEquals(Recommendation.Intent.RAISE, change.intent());
        assertEquals("32", change.proposedValue());
    }

    /** Twice the 128 MiB target per task is the limit: exactly at it is quiet, one byte more is found. */
    @Test
    void exactlyAtTheFactorIsQuietAndJustAboveIsFound() {
        assertQuiet(analyzer.analyze(app(false, 8, 256 * MIB, plain()), RuleSettings.defaults()));
        assertEquals(1, findings(analyzer.analyze(app(false, 8, 256 * MIB + 1, plain()),
                RuleSettings.defaults())).size());
    }

    /** The stage floor is 1 GiB of shuffle read: one task reading 1 GiB less a byte is quiet, 1 GiB is found. */
    @Test
    void oneTaskAtAndJustBelowTheStageFloor() {
        assertQuiet(analyzer.analyze(app(false, 1, 1024 * MIB - 1, plain()), RuleSettings.defaults()));
        assertEquals(1, findings(analyzer.analyze(app(false, 1, 1024 * MIB, plain()),
                RuleSettings.defaults())).size());
    }

    @Test
    void allZerosAndZeroMedianAreQuiet() {
        assertQuiet(analyzer.analyze(app(false, 8, 0, plain()), RuleSettings.defaults()));
        ApplicationSnapshot zeroMedian = new SnapshotBuilder().executors(2, 2)
                .stage(0, stage -> stage.tasks(task(0), task(0), task(0), task(10).shuffleRead(100 * MIB))).build();
        assertQuiet(analyzer.analyze(zeroMedian, RuleSettings.defaults()));
    }
}
