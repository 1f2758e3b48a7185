package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.node;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds.BroadcastJoinOpportunity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/**
 * broadcast-join-opportunity on built snapshots, beside BroadcastJoinOpportunityAnalyzerTest (which pins the
 * defaults by value): each threshold read from the catalog exactly and just beyond, a join with one measured side, and
 * an empty side.
 */
class BroadcastJoinOpportunityThresholdsTest {

    private static final RuleSettings DEFAULTS = RuleSettings.defaults();
    private static final long MAX_SMALL = Math.round(DEFAULTS.threshold(BroadcastJoinOpportunity.MAX_BROADCAST_BYTES));
    private static final double RATIO = DEFAULTS.threshold(BroadcastJoinOpportunity.MIN_SIZE_RATIO);
    private static final long TASK_TIME = Math.round(DEFAULTS.threshold(BroadcastJoinOpportunity.MIN_TASK_TIME));
    private final BroadcastJoinOpportunityAnalyzer analyzer = new BroadcastJoinOpportunityAnalyzer();

    /** A sort-merge join whose map stages (one task each, {@code millis} long) wrote the given bytes. */
    private static ApplicationSnapshot join(long millis, long... sides) {
        SnapshotBuilder builder = new SnapshotBuilder().property("spark.master", "yarn").executors(2, 4)
                .sql(0, "join", node("SortMergeJoin", "SortMergeJoin [id#1], [id#2], Inner"));
        for (int i = 0; i < sides.length; i++) {
            long written = sides[i];
            builder.stage(i, stage -> stage.sql(0).tasks(task(millis).shuffleWrite(written)));
        }
        return builder.build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, DEFAULTS);
    }

    @Test
    void theSmallSideLimitExactlyAndJustAbove() {
        long large = (long) Math.ceil(RATIO * (MAX_SMALL + 1));
        assertEquals(1, run(join(1_000, MAX_SMALL, large)).findings().size());
        assertQuiet(run(join(1_000, MAX_SMALL + 1, large)));
    }

    @Test
    void theSizeRatioExactlyAndJustBelow() {
        long small = 1L << 20;
        long large = Math.round(RATIO * small);
        assertEquals(1, run(join(1_000, small, large)).findings().size());
        assertQuiet(run(join(1_000, small, large - 1)));
    }

    /** Two map stages of one task each: exactly min-task-time in all is a warning, a millisecond less information. */
    @Test
    void theTaskTimeExactlyAndJustBelow() {
        long small = 1L << 20;
        long large = Math.round(RATIO * small);
        assertEquals(Severity.WARNING, only(run(join(TASK_TIME / 2, small, large))).severity());
        assertEquals(Severity.INFO, only(run(join(TASK_TIME / 2 - 1, small, large))).severity());
    }

    /** One measured side (the other read no shuffle, or wrote nothing) gives nothing to compare: quiet. */
    @Test
    void oneSideOrAnEmptySideIsQuiet() {
        assertQuiet(run(join(1_000, 1L << 20)));
        assertQuiet(run(join(1_000, 0, 100L << 20)));
        assertQuiet(run(join(0, 0, 0)));
    }
}
