package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds.FetchFailure;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/**
 * fetch-failure on built snapshots: the critical count exactly and just below (from the catalog), a single fetch
 * failure, all-zero metrics, none, and a job that failed on them.
 */
class FetchFailureThresholdsTest {

    private static final RuleSettings DEFAULTS = RuleSettings.defaults();
    private final FetchFailureAnalyzer analyzer = new FetchFailureAnalyzer();

    /** A map stage, then a reduce stage of 20 tasks of {@code millis} whose first {@code failures} fail to fetch. */
    private static ApplicationSnapshot app(int failures, long millis, String jobFailure) {
        return new SnapshotBuilder().property("spark.master", "yarn").executors(2, 4)
                .stage(0, stage -> stage.name("map at Job.scala:5").tasks(4, i -> task(millis).shuffleWrite(1 << 20)))
                .stage(1, stage -> {
                    stage.name("reduceByKey at Job.scala:6").parents(0).tasks(20, i -> i < failures
                            ? task(millis).fetchFailed(0, "2") : task(millis).shuffleRead(1 << 18));
                    if (!jobFailure.isEmpty()) {
                        stage.failed(jobFailure);
                    }
                })
                .build();
    }

    private RuleOutcome run(ApplicationSnapshot app) {
        return analyzer.analyze(app, DEFAULTS);
    }

    @Test
    void exactlyAtTheCriticalCountIsCriticalJustBelowIsAWarning() {
        int critical = (int) Math.round(DEFAULTS.threshold(FetchFailure.CRITICAL_FETCH_FAILURES));
        assertEquals(Severity.CRITICAL, only(run(app(critical, 1_000, ""))).severity());
        assertEquals(Severity.WARNING, only(run(app(critical - 1, 1_000, ""))).severity());
    }

    @Test
    void aSingleFetchFailureIsAWarningNamingTheShuffleAndTheBlockManager() {
        Finding finding = only(run(app(1, 1_000, "")));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals("1", evidence(finding, "fetch failures"));
        assertEquals("0", evidence(finding, "shuffle ids with fetch failures"));
        assertEquals("2 (host-2)", evidence(finding, "block managers that could not serve their blocks"));
        assertTrue(finding.summary().startsWith("1 fetch failure(s) on shuffle id(s) 0; Spark retried 0 stage"),
                finding.summary());
    }

    @Test
    void allZeroMetricsStillReportTheFailureWithNoTimeLost() {
        Finding finding = only(run(app(1, 0, "")));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(0, finding.timeLostMillis().getAsLong());
    }

    @Test
    void aJobThatFailedOnFetchFailuresIsCriticalBelowTheCount() {
        assertEquals(Severity.CRITICAL, only(run(app(1, 1_000, "Job aborted due to stage failure: "
                + "ShuffleMapStage 1 has failed the maximum allowable number of times: 4. Most recent failure "
                + "reason: org.apache.spark.shuffle.FetchFailedException"))).severity());
    }

    @Test
    void noFetchFailureIsQuiet() {
        assertQuiet(run(app(0, 1_000, "")));
        assertQuiet(run(new SnapshotBuilder().stage(0, stage -> stage.durations(0)).build()));
    }
}
