package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.node;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds.AqeDisabled;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * aqe-disabled on built snapshots, beside AqeAndSpillThresholdsTest (total shuffle floor, skew ratio): the per-stage
 * floor and the coalescing partition count exactly and just below (from the catalog), the zero median, one task and
 * all zeros.
 */
class AqeDisabledThresholdsTest {

    private static final long KIB = 1L << 10;
    private static final RuleSettings DEFAULTS = RuleSettings.defaults();
    private final AqeDisabledAnalyzer analyzer = new AqeDisabledAnalyzer();

    /** A SQL stage with AQE off whose {@code tasks} tasks read {@code read.apply(i)} shuffle bytes. */
    private static ApplicationSnapshot sqlShuffle(int tasks, IntFunction<Long> read) {
        return new SnapshotBuilder().executors(1, 8).property("spark.sql.adaptive.enabled", "false")
                .sql(0, "query", node("HashAggregate", "HashAggregate(keys=[k#1], functions=[count(1)])"))
                .stage(0, stage -> stage.name("count at Job.scala:4").sql(0)
                        .tasks(tasks, i -> task(1_000).shuffleRead(read.apply(i))))
                .build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, DEFAULTS);
    }

    private static long threshold(dev.sparkdoc.rules.ThresholdKey key) {
        return Math.round(DEFAULTS.threshold(key));
    }

    /**
     * One partition holding the whole stage's shuffle and seven empty ones: a zero median, which adaptive execution
     * would re-plan. Judged from exactly min-stage-shuffle-bytes, not a byte below.
     */
    @Test
    void aZeroMedianStageExactlyAtTheStageFloorIsFoundJustBelowIsNot() {
        long floor = threshold(AqeDisabled.MIN_STAGE_SHUFFLE_BYTES);
        Finding finding = only(run(sqlShuffle(8, i -> i == 0 ? floor : 0L)));
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.summary().contains("skewed partitions"), finding.summary());
        assertQuiet(run(sqlShuffle(8, i -> i == 0 ? floor - 1 : 0L)));
    }

    /** Even partitions of 100 KiB (far below a quarter of the 64 MiB advisory size): coalesced from the count. */
    @Test
    void exactlyAtTheCoalescePartitionCountIsFoundJustBelowIsNot() {
        int count = (int) threshold(AqeDisabled.MIN_COALESCE_PARTITIONS);
        Finding finding = only(run(sqlShuffle(count, i -> 100 * KIB)));
        assertTrue(finding.summary().contains(dev.sparkdoc.quantity.Formats.count(count)
                + " partitions of 100 KiB median that adaptive execution coalesces"),
                finding.summary());
        assertQuiet(run(sqlShuffle(count - 1, i -> 100 * KIB)));
    }

    /** A single partition is never skewed: only the total floor can report it. */
    @Test
    void oneTaskIsJudgedByTheTotalFloorOnly() {
        long total = threshold(AqeDisabled.MIN_SHUFFLE_BYTES);
        assertEquals(Severity.WARNING, only(run(sqlShuffle(1, i -> total))).severity());
        assertQuiet(run(sqlShuffle(1, i -> total - 1)));
    }

    @Test
    void allZerosAreQuiet() {
        assertQuiet(run(sqlShuffle(8, i -> 0L)));
    }
}
