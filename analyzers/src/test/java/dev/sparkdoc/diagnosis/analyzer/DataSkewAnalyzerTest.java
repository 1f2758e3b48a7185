package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.event.StageAttemptId;
import dev.sparkdoc.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSkewAnalyzerTest {

    /** Overrides that take away every floor, so small real skew is judged on its ratio alone. */
    private static final String FLOORS_OFF = """
            rules:
              data-skew:
                thresholds:
                  min-max-task-duration: 0
                  min-max-bytes: 0
                  min-time-lost: 0
                  min-stage-share: 0
            """;

    private final DataSkewAnalyzer analyzer = new DataSkewAnalyzer();

    /** The Spark 4.2 run's skew is real (70% of one groupByKey on key 0) but small: the default floors keep it quiet. */
    @Test
    void smallSkewStaysQuietUnderTheDefaultFloors() {
        assertQuiet(run(analyzer, SPARK42));
    }

    @Test
    void sameSkewIsFoundWhenTheFloorsAreLowered() {
        List<Finding> findings = findings(run(analyzer, SPARK42, FLOORS_OFF));
        Finding groupByKey = findings.stream()
                .filter(f -> f.scope().equals(new Scope.Stage(new StageAttemptId(1, 0)))).findFirst()
                .orElseThrow(() -> new AssertionError(findings.stream().map(Finding::summary).toList().toString()));
        // 70% of the RDD groupByKey's records sit on key 0: partition 0 reads 8.4 times the median task.
        assertEquals(Severity.WARNING, groupByKey.severity());
        assertEquals("8.4x", evidence(groupByKey, "shuffle read max/median"));
        assertTrue(groupByKey.summary().contains("partition 0 read"), groupByKey.summary());
        Finding worst = groupByKey;
        assertTrue(worst.thresholds().stream().anyMatch(t -> t.name().equals("min-max-bytes") && t.overridden()));
        assertTrue(worst.recommendations().stream().anyMatch(r -> r instanceof Recommendation.CodeChange change
                && change.kind().equals("salting") && change.snippets().keySet().containsAll(
                        List.of("java", "scala", "pyspark", "sql"))), worst.recommendations().toString());
        // The SQL groupBy and the join name their key from the plan.
        assertTrue(findings.stream().anyMatch(f -> f.summary().endsWith("grouping key k.")),
                findings.stream().map(Finding::summary).toList().toString());
        assertTrue(findings.stream().anyMatch(f -> f.summary().endsWith("join key k.")));
        assertFalse(evidence(worst, "hot partitions").isEmpty());
    }

    /** Stragglers of a few hundred milliseconds among 10 ms tasks are not skew worth a finding. */
    @Test
    void shortStragglersAreNotSkew() {
        assertQuiet(run(analyzer, FETCH_FAILURES));
    }

    @Test
    void aLargeRealQueryWithoutDominantPartitionsIsQuiet() {
        assertQuiet(run(analyzer, NDS_Q72));
    }

    @Test
    void criticalNeedsTheCriticalRatio() {
        List<Finding> findings = findings(run(analyzer, SPARK42,
                FLOORS_OFF + "      critical-ratio: 100000\n"));
        assertFalse(findings.isEmpty());
        assertEquals(List.of(Severity.WARNING), findings.stream().map(Finding::severity).distinct().toList());
    }
}
