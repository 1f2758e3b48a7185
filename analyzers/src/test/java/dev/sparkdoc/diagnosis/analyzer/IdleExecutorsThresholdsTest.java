package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds.IdleExecutors;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/**
 * idle-executors on built snapshots: utilization exactly at each threshold and just below, the idle core time and
 * application duration floors exactly and just below (values from the catalog), one task, all zeros.
 */
class IdleExecutorsThresholdsTest {

    private static final RuleSettings DEFAULTS = RuleSettings.defaults();
    private static final long HOUR = 3_600_000;
    private static final int CORES = 16;
    private final IdleExecutorsAnalyzer analyzer = new IdleExecutorsAnalyzer();

    /** One executor of {@value #CORES} cores held for {@code millis}, busy {@code busy} ms of core time in all. */
    private static ApplicationSnapshot app(int cores, long millis, long busy) {
        return new SnapshotBuilder().executors(1, cores).end(millis)
                .stage(0, stage -> stage.tasks(cores, i -> task(busy / cores + (i < busy % cores ? 1 : 0))))
                .build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, DEFAULTS);
    }

    /** Busy core time at which utilization of {@code cores} cores over an hour is exactly the catalog's fraction. */
    private static long busyAt(dev.sparkdoc.rules.ThresholdKey utilization) {
        return Math.round(DEFAULTS.threshold(utilization) * CORES * HOUR);
    }

    /** "below which it is a warning": exactly at the warning utilization is quiet, just below is a warning. */
    @Test
    void exactlyAtTheWarningUtilizationIsQuietJustBelowIsAWarning() {
        long busy = busyAt(IdleExecutors.WARNING_UTILIZATION);
        assertQuiet(run(app(CORES, HOUR, busy)));
        assertEquals(Severity.WARNING, only(run(app(CORES, HOUR, busy - 1))).severity());
    }

    @Test
    void exactlyAtTheCriticalUtilizationIsAWarningJustBelowIsCritical() {
        long busy = busyAt(IdleExecutors.CRITICAL_UTILIZATION);
        assertEquals(Severity.WARNING, only(run(app(CORES, HOUR, busy))).severity());
        assertEquals(Severity.CRITICAL, only(run(app(CORES, HOUR, busy - 1))).severity());
    }

    /** One core, one task of 100 s: idle exactly the floor is judged, a millisecond less is not. */
    @Test
    void exactlyAtTheIdleCoreTimeFloorIsJudgedJustBelowIsNot() {
        long floor = Math.round(DEFAULTS.threshold(IdleExecutors.MIN_IDLE_CORE_TIME));
        long busy = 100_000;
        assertEquals(Severity.CRITICAL, only(run(app(1, floor + busy, busy))).severity());
        assertQuiet(run(app(1, floor + busy - 1, busy)));
    }

    /** Sixteen cores, one task of 1 s: an application exactly as long as the floor is judged, shorter is not. */
    @Test
    void exactlyAtTheApplicationDurationFloorIsJudgedJustBelowIsNot() {
        long floor = Math.round(DEFAULTS.threshold(IdleExecutors.MIN_APP_DURATION));
        java.util.function.LongFunction<ApplicationSnapshot> oneTask = millis -> new SnapshotBuilder()
                .executors(1, CORES).end(millis).stage(0, stage -> stage.durations(1_000)).build();
        assertEquals(Severity.CRITICAL, only(run(oneTask.apply(floor))).severity());
        assertQuiet(run(oneTask.apply(floor - 1)));
    }

    @Test
    void allZerosAreQuietAndExecutorsWithoutCoresNotApplicable() {
        assertQuiet(run(new SnapshotBuilder().executors(2, 4).end(0)
                .stage(0, stage -> stage.durations(0, 0, 0)).build()));
        // An hour held and no task at all: all idle, critical.
        assertEquals(Severity.CRITICAL, only(run(new SnapshotBuilder().executors(1, CORES).end(HOUR).build()))
                .severity());
        assertNotApplicable(run(new SnapshotBuilder().executor("1", 0).end(HOUR).build()), "how many cores");
    }
}
