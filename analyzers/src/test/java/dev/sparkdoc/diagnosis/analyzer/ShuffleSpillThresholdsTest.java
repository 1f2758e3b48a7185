package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds.ShuffleSpill;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/**
 * shuffle-spill on built snapshots, beside AqeAndSpillThresholdsTest (floor, ratio, disk): one task at the floor,
 * spill with no data counted (the ratio undefined, never shown as infinite), and all zeros.
 */
class ShuffleSpillThresholdsTest {

    private static final RuleSettings DEFAULTS = RuleSettings.defaults();
    private static final long FLOOR = Math.round(DEFAULTS.threshold(ShuffleSpill.MIN_SPILL_BYTES));
    private final ShuffleSpillAnalyzer analyzer = new ShuffleSpillAnalyzer();

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, DEFAULTS);
    }

    private static ApplicationSnapshot oneTask(long read, long memory, long disk) {
        return new SnapshotBuilder().executors(1, 4).stage(0, stage -> stage.name("sortBy at Job.scala:6")
                .tasks(task(2_000).shuffleRead(read).spill(memory, disk))).build();
    }

    @Test
    void oneTaskExactlyAtTheFloorIsFoundJustBelowIsNot() {
        assertEquals(Severity.WARNING, only(run(oneTask(FLOOR, FLOOR, 0))).severity());
        assertQuiet(run(oneTask(FLOOR, FLOOR - 1, 0)));
    }

    @Test
    void spillWithoutCountedDataHasNoInfiniteRatio() {
        Finding finding = only(run(oneTask(0, FLOOR, 0)));
        String text = finding.summary() + finding.evidence();
        assertFalse(text.contains("Infinity") || text.contains("NaN") || text.contains("∞"), text);
    }

    @Test
    void allZerosAreQuiet() {
        assertQuiet(run(oneTask(0, 0, 0)));
        assertQuiet(run(new SnapshotBuilder().stage(0, stage -> stage.durations(0, 0, 0)).build()));
    }
}
