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
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/** aqe-disabled's shuffle floor and shuffle-spill's words and origin, on built snapshots. */
class AqeAndSpillThresholdsTest {

    private static final long MIB = 1L << 20;

    /** A SQL stage with AQE off reading {@code perTask} shuffle bytes in each of {@code tasks} tasks. */
    private static ApplicationSnapshot sqlShuffle(int tasks, long perTask, long skewedTask) {
        return new SnapshotBuilder().executors(1, 8)
                .property("spark.sql.adaptive.enabled", "false")
                .sql(0, "query", node("HashAggregate", "HashAggregate(keys=[k#1], functions=[count(1)])"))
                .stage(0, stage -> stage.name("count at Job.scala:4").sql(0)
                        .tasks(tasks, i -> task(1_000).shuffleRead(i == 0 ? skewedTask : perTask)))
                .build();
    }

    @Test
    void aqeOffOnATrivialShuffleIsQuiet() {
        assertQuiet(new AqeDisabledAnalyzer().analyze(sqlShuffle(2, 1024, 1024), RuleSettings.defaults()));
    }

    @Test
    void aqeOffExactlyAtTheShuffleFloorIsFoundJustBelowIsNot() {
        // 8 even tasks of 128 MiB: 1 GiB, nothing skewed or fragmented.
        Finding finding = only(new AqeDisabledAnalyzer().analyze(sqlShuffle(8, 128 * MIB, 128 * MIB),
                RuleSettings.defaults()));
        assertEquals("1.0 GiB", evidence(finding, "shuffle read by SQL stages"));
        assertQuiet(new AqeDisabledAnalyzer().analyze(sqlShuffle(8, 128 * MIB, 128 * MIB - 1),
                RuleSettings.defaults()));
    }

    @Test
    void aqeOffBelowTheFloorIsFoundWhereAqeWouldHaveChangedAStage() {
        // 100 MiB in all, one partition 5x the median: skewed partitions adaptive execution re-plans.
        Finding finding = only(new AqeDisabledAnalyzer().analyze(sqlShuffle(8, 10 * MIB, 50 * MIB),
                RuleSettings.defaults()));
        assertTrue(finding.summary().contains("skewed partitions"), finding.summary());
        // The same stage just below the ratio.
        assertQuiet(new AqeDisabledAnalyzer().analyze(sqlShuffle(8, 10 * MIB, 50 * MIB - 1),
                RuleSettings.defaults()));
    }

    /** A stage spilling {@code memory} from memory and {@code disk} to disk over 8 tasks. */
    private static ApplicationSnapshot spill(long memory, long disk, String description) {
        return new SnapshotBuilder().executors(1, 8)
                .stage(0, stage -> {
                    stage.name("sortBy at Job.scala:6").tasks(8, i -> task(2_000).shuffleRead(64 * MIB)
                            .spill(memory / 8, disk / 8));
                    if (!description.isEmpty()) {
                        stage.jobDescription(description);
                    }
                })
                .build();
    }

    @Test
    void memorySpillWithoutDiskSpillSaysWhatThatMeans() {
        Finding finding = only(new ShuffleSpillAnalyzer().analyze(spill(512 * MIB, 0, ""), RuleSettings.defaults()));
        assertFalse(finding.summary().contains("(0 B on disk)"), finding.summary());
        assertTrue(finding.summary().contains("0 B written to disk: see \"memory vs disk spill\""),
                finding.summary());
        assertTrue(evidence(finding, "memory vs disk spill").contains("in-memory (deserialized) size"));
        assertTrue(evidence(finding, "memory vs disk spill").contains("never reached local disk"));
    }

    @Test
    void spillWithDiskSpillIsDefinedOnceWithoutTheZeroNote() {
        Finding finding = only(new ShuffleSpillAnalyzer().analyze(spill(512 * MIB, 128 * MIB, ""),
                RuleSettings.defaults()));
        assertTrue(finding.summary().contains("128 MiB written to disk"), finding.summary());
        assertFalse(evidence(finding, "memory vs disk spill").contains("never reached"));
    }

    @Test
    void spillInSparksOwnStagesIsInformationWithoutCode() {
        Finding finding = only(new ShuffleSpillAnalyzer().analyze(spill(512 * MIB, 2048 * MIB,
                "broadcast exchange (runId 0c5c)"), RuleSettings.defaults()));
        assertEquals(Severity.INFO, finding.severity());
        assertTrue(finding.recommendations().stream().noneMatch(Recommendation.CodeChange.class::isInstance));
    }

    @Test
    void spillExactlyAtTheFloorIsFoundJustBelowIsNot() {
        // min-spill-bytes 64 MiB, 8 tasks.
        assertEquals(1, new ShuffleSpillAnalyzer().analyze(spill(64 * MIB, 0, ""), RuleSettings.defaults())
                .findings().size());
        assertQuiet(new ShuffleSpillAnalyzer().analyze(spill(64 * MIB - 8, 0, ""), RuleSettings.defaults()));
    }

    /** 8 tasks of 2 s, each reading {@code readPerTask} of shuffle and spilling an eighth of the totals. */
    private static ApplicationSnapshot spillOf(long readPerTask, long memory, long disk) {
        return new SnapshotBuilder().executors(1, 8)
                .stage(0, stage -> stage.name("sortBy at Job.scala:6").tasks(8, i -> task(2_000)
                        .shuffleRead(readPerTask).spill(memory / 8, disk / 8)))
                .build();
    }

    @Test
    void spillExactlyAtTheWarningRatioIsFoundJustBelowIsNot() {
        // warning-spill-ratio 0.1: 64 MiB spilled over 640 MiB read.
        assertEquals(1, new ShuffleSpillAnalyzer().analyze(spillOf(80 * MIB, 64 * MIB, 0), RuleSettings.defaults())
                .findings().size());
        assertQuiet(new ShuffleSpillAnalyzer().analyze(spillOf(80 * MIB + 1, 64 * MIB, 0), RuleSettings.defaults()));
    }

    @Test
    void diskSpillExactlyAtTheCriticalFloorIsCriticalJustBelowIsWarning() {
        assertEquals(Severity.CRITICAL, only(new ShuffleSpillAnalyzer().analyze(
                spillOf(64 * MIB, 512 * MIB, 1024 * MIB), RuleSettings.defaults())).severity());
        assertEquals(Severity.WARNING, only(new ShuffleSpillAnalyzer().analyze(
                spillOf(64 * MIB, 512 * MIB, 1024 * MIB - 8), RuleSettings.defaults())).severity());
    }
}
