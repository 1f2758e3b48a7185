package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK2;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static dev.sparkdoc.snapshot.SnapshotBuilder.node;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BroadcastJoinOpportunityAnalyzerTest {

    private static final long MIB = 1L << 20;
    private final BroadcastJoinOpportunityAnalyzer analyzer = new BroadcastJoinOpportunityAnalyzer();

    /** A sort-merge join on customer_id whose map stages wrote {@code small} and {@code large} bytes. */
    private static ApplicationSnapshot app(Map<String, String> properties, long small, long large, long runMillis) {
        return new SnapshotBuilder().property("spark.master", "yarn").properties(properties).executors(2, 4)
                .sql(0, "join", node("SortMergeJoin", "SortMergeJoin [customer_id#12], [customer_id#40], Inner"))
                .stage(0, stage -> stage.sql(0).tasks(task(runMillis).shuffleWrite(small)))
                .stage(1, stage -> stage.sql(0).tasks(task(runMillis).shuffleWrite(large)))
                .build();
    }

    private static List<Recommendation.ConfigChange> configs(Finding finding) {
        return finding.recommendations().stream().filter(r -> r instanceof Recommendation.ConfigChange)
                .map(r -> (Recommendation.ConfigChange) r).toList();
    }

    private static Recommendation.CodeChange hint(Finding finding) {
        return finding.recommendations().stream().filter(r -> r instanceof Recommendation.CodeChange)
                .map(r -> (Recommendation.CodeChange) r).findFirst().orElseThrow();
    }

    /** q72 already runs with a 200m threshold: proposing 16m would broadcast less; only the hint is given. */
    @Test
    void tpcdsQ72WithAThresholdAboveTheProposalGetsOnlyAHintOnItsRealKeys() {
        Finding finding = only(run(analyzer, NDS_Q72));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(new Scope.SqlExecution(24), finding.scope());
        assertTrue(evidence(finding, "join").startsWith("SortMergeJoin"), evidence(finding, "join"));
        assertTrue(configs(finding).isEmpty(), configs(finding).toString());
        Recommendation.CodeChange hint = hint(finding);
        assertTrue(hint.snippets().get("sql").contains("small.cr_item_sk"), hint.snippets().toString());
        assertTrue(!hint.snippets().get("java").contains("\"key\""), hint.snippets().get("java"));
    }

    /** The Spark 4.2 run turned broadcasts off; its small join is information, its task time too short to matter. */
    @Test
    void aSmallJoinIsOnlyInformation() {
        assertTrue(findings(run(analyzer, SPARK42)).stream().allMatch(f -> f.severity() == Severity.INFO));
    }

    @Test
    void noSortMergeJoinNoFinding() {
        assertQuiet(run(analyzer, SPARK2));
    }

    @Test
    void theDefaultThresholdIsRaisedAboveTheSmallSideAndTheHintNamesTheKey() {
        Finding finding = only(analyzer.analyze(app(Map.of(), MIB, 100 * MIB, 1_000), RuleSettings.defaults()));
        Recommendation.ConfigChange change = configs(finding).get(0);
        assertEquals(Recommendation.Intent.RAISE, change.intent());
        assertEquals("16m", change.proposedValue());
        assertEquals("10MB", change.currentValue().orElseThrow());
        assertTrue(hint(finding).snippets().get("scala").contains("Seq(\"customer_id\")"),
                hint(finding).snippets().toString());
    }

    /** The case: a 25 MiB threshold; 16m would be below it, so no setting, only the hint. */
    @Test
    void aThresholdAboveTheProposalIsNeverLowered() {
        Finding finding = only(analyzer.analyze(app(Map.of("spark.sql.autoBroadcastJoinThreshold", "26214400"),
                MIB, 100 * MIB, 1_000), RuleSettings.defaults()));
        assertTrue(configs(finding).isEmpty(), configs(finding).toString());
        assertTrue(hint(finding).why().contains("already admits"), hint(finding).why());
    }

    @Test
    void disabledBroadcastsAndSidesBeyondTheDriverCapGetOnlyAHint() {
        Finding disabled = only(analyzer.analyze(app(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"),
                MIB, 100 * MIB, 1_000), RuleSettings.defaults()));
        assertTrue(configs(disabled).isEmpty());
        Finding large = only(analyzer.analyze(app(Map.of("spark.driver.memory", "512m"), 90 * MIB, 2_000 * MIB,
                1_000), RuleSettings.defaults()));
        assertTrue(configs(large).isEmpty(), configs(large).toString());
        assertTrue(hint(large).why().contains("quarter of the driver's heap"), hint(large).why());
    }

    /** min-size-ratio 10: a large side exactly 10 times the small one is found, just below is quiet. */
    @Test
    void theSizeRatioExactlyAndJustBelow() {
        assertEquals(1, findings(analyzer.analyze(app(Map.of(), MIB, 10 * MIB, 1_000),
                RuleSettings.defaults())).size());
        assertQuiet(analyzer.analyze(app(Map.of(), MIB, 10 * MIB - 1, 1_000), RuleSettings.defaults()));
    }

    /** max-broadcast-bytes 100 MiB: a small side of exactly 100 MiB is judged, one byte more is not. */
    @Test
    void theSmallSideLimitExactlyAndJustAbove() {
        assertEquals(1, findings(analyzer.analyze(app(Map.of(), 100 * MIB, 2_000 * MIB, 1_000),
                RuleSettings.defaults())).size());
        assertQuiet(analyzer.analyze(app(Map.of(), 100 * MIB + 1, 2_000 * MIB, 1_000), RuleSettings.defaults()));
    }

    /** min-task-time 60 s: exactly 60 s of task time is a warning, less is information. */
    @Test
    void theTaskTimeFloorExactlyAndJustBelow() {
        assertEquals(Severity.WARNING, only(analyzer.analyze(app(Map.of(), MIB, 100 * MIB, 30_000),
                RuleSettings.defaults())).severity());
        assertEquals(Severity.INFO, only(analyzer.analyze(app(Map.of(), MIB, 100 * MIB, 29_999),
                RuleSettings.defaults())).severity());
    }

    @Test
    void zeroShuffleWritesAndNoSqlAreQuietOrNotApplicable() {
        assertQuiet(analyzer.analyze(app(Map.of(), 0, 0, 0), RuleSettings.defaults()));
        ApplicationSnapshot noSql = new SnapshotBuilder().executors(1, 1).stage(0, s -> s.durations(0)).build();
        assertNotApplicable(analyzer.analyze(noSql, RuleSettings.defaults()), "no SQL");
    }

    @Test
    void keysThatAreExpressionsGiveNoSnippet() {
        assertTrue(BroadcastJoinOpportunityAnalyzer.columns("cast(a#1 as bigint)").isEmpty());
        assertEquals(List.of("a", "b"), BroadcastJoinOpportunityAnalyzer.columns("a#1, b#22L"));
    }
}
