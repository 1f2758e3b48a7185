package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertNotApplicable;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds.DriverOomRisk;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/**
 * driver-oom-risk on built snapshots: results returned to the driver and the driver's peak heap, each threshold
 * exactly and just below (values read from the catalog), one task, all zeros, and no result size limit.
 */
class DriverOomRiskThresholdsTest {

    private static final long MIB = 1L << 20;
    /** spark.driver.maxResultSize in these tests: 1000 MiB, so that the catalog's fractions land on whole bytes. */
    private static final long LIMIT = 1000 * MIB;
    private static final RuleSettings DEFAULTS = RuleSettings.defaults();
    private final DriverOomRiskAnalyzer analyzer = new DriverOomRiskAnalyzer();

    /** One collect job whose {@code tasks} tasks return {@code resultBytes} in all; a 4 GiB driver heap. */
    private static ApplicationSnapshot collect(int tasks, long resultBytes) {
        return new SnapshotBuilder().property("spark.driver.maxResultSize", "1000m")
                .property("spark.driver.memory", "4g").executors(1, 4)
                .stage(0, stage -> stage.name("collect at Job.scala:9")
                        .tasks(tasks, i -> task(1_000).result(resultBytes / tasks + (i < resultBytes % tasks ? 1 : 0))))
                .build();
    }

    /** A 1000 MiB driver whose heap peaked at {@code peak}; nothing collected. */
    private static ApplicationSnapshot heap(long peak) {
        return new SnapshotBuilder().property("spark.driver.memory", "1000m").executors(1, 4).driverPeakHeap(peak)
                .stage(0, stage -> stage.durations(1_000)).build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, DEFAULTS);
    }

    /** The catalog's fraction {@code key} of {@code whole}, in bytes. */
    private static long fraction(dev.sparkdoc.rules.ThresholdKey key, long whole) {
        return Math.round(DEFAULTS.threshold(key) * whole);
    }

    @Test
    void exactlyAtTheWarningResultFractionIsAWarningJustBelowIsQuiet() {
        long warning = fraction(DriverOomRisk.WARNING_RESULT_FRACTION, LIMIT);
        Finding finding = only(run(collect(4, warning)));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(new Scope.Job(0), finding.scope());
        assertTrue(finding.summary().contains("50% of spark.driver.maxResultSize"), finding.summary());
        assertQuiet(run(collect(4, warning - 1)));
    }

    @Test
    void exactlyAtTheCriticalResultFractionIsCriticalJustBelowIsAWarning() {
        long critical = fraction(DriverOomRisk.CRITICAL_RESULT_FRACTION, LIMIT);
        assertEquals(Severity.CRITICAL, only(run(collect(4, critical))).severity());
        assertEquals(Severity.WARNING, only(run(collect(4, critical - 1))).severity());
    }

    /** Against a 64 MiB limit every result above the floor is critical: the floor alone decides. */
    @Test
    void exactlyAtTheResultFloorIsJudgedJustBelowIsNot() {
        long floor = Math.round(DEFAULTS.threshold(DriverOomRisk.MIN_RESULT_BYTES));
        java.util.function.LongFunction<ApplicationSnapshot> app = bytes -> new SnapshotBuilder()
                .property("spark.driver.maxResultSize", Long.toString(floor)).property("spark.driver.memory", "4g")
                .stage(0, stage -> stage.tasks(task(1_000).result(bytes))).build();
        assertEquals(Severity.CRITICAL, only(run(app.apply(floor))).severity());
        assertQuiet(run(app.apply(floor - 1)));
    }

    /** A single task returning the whole result is judged like many. */
    @Test
    void oneTaskIsJudgedLikeMany() {
        long critical = fraction(DriverOomRisk.CRITICAL_RESULT_FRACTION, LIMIT);
        assertEquals(Severity.CRITICAL, only(run(collect(1, critical))).severity());
    }

    /** maxResultSize=0 is no limit: the result is judged against the driver's heap alone, and says so. */
    @Test
    void noResultSizeLimitJudgesAgainstTheHeap() {
        long half = fraction(DriverOomRisk.WARNING_RESULT_FRACTION, 4096 * MIB);
        ApplicationSnapshot app = new SnapshotBuilder().property("spark.driver.maxResultSize", "0")
                .property("spark.driver.memory", "4g").stage(0, stage -> stage.tasks(task(1_000).result(half)))
                .build();
        Finding finding = only(run(app));
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.summary().contains("no result size limit"), finding.summary());
        assertTrue(finding.summary().contains("50% of the driver's 4.0 GiB heap"), finding.summary());
    }

    @Test
    void exactlyAtTheWarningHeapFractionIsAWarningJustBelowIsQuiet() {
        long warning = fraction(DriverOomRisk.WARNING_HEAP_FRACTION, LIMIT);
        Finding finding = only(run(heap(warning)));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(new Scope.Executor("driver"), finding.scope());
        assertQuiet(run(heap(warning - 1)));
    }

    @Test
    void exactlyAtTheCriticalHeapFractionIsCriticalJustBelowIsAWarning() {
        long critical = fraction(DriverOomRisk.CRITICAL_HEAP_FRACTION, LIMIT);
        assertEquals(Severity.CRITICAL, only(run(heap(critical))).severity());
        assertEquals(Severity.WARNING, only(run(heap(critical - 1))).severity());
    }

    @Test
    void allZerosAreQuietAndNoJobIsNotApplicable() {
        assertQuiet(run(collect(4, 0)));
        assertQuiet(run(heap(0)));
        assertQuiet(run(new SnapshotBuilder().stage(0, stage -> stage.durations(0, 0, 0)).build()));
        assertNotApplicable(run(new SnapshotBuilder().build()), "no job ran");
    }
}
