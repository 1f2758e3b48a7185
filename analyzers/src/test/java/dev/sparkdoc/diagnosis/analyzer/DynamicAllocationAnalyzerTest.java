package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.DYNAMIC_ALLOCATION;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.FETCH_FAILURES;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicAllocationAnalyzerTest {

    private static final String PLAIN_SPARK42 = "spark-4.2.0/single-plain";

    private final DynamicAllocationAnalyzer analyzer = new DynamicAllocationAnalyzer();

    /** Dynamic allocation with the external shuffle service on (as Dataproc configures it) is fine. */
    @Test
    void dynamicAllocationWithTheShuffleServiceIsQuiet() {
        assertQuiet(run(analyzer, DYNAMIC_ALLOCATION));
    }

    @Test
    void staticAllocationIsQuiet() {
        assertQuiet(run(analyzer, FETCH_FAILURES));
    }

    /** Spark 4 turns shuffle tracking on by default; a job that turns it off with nothing else is flagged. */
    @Test
    void dynamicAllocationWithShuffleTrackingTurnedOffIsAWarning() {
        Finding finding = only(analyzer.analyze(AnalyzerTestSupport.withProperties(PLAIN_SPARK42, Map.of(
                "spark.dynamicAllocation.enabled", "true",
                "spark.dynamicAllocation.shuffleTracking.enabled", "false")), RuleSettings.defaults()));
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.ConfigChange change
                && change.key().equals("spark.dynamicAllocation.shuffleTracking.enabled")
                && change.proposedValue().equals("true")));
    }

    /** On Spark 4 the default keeps shuffle files tracked: dynamic allocation alone is fine. */
    @Test
    void spark4DefaultShuffleTrackingIsEnough() {
        assertQuiet(analyzer.analyze(AnalyzerTestSupport.withProperties(PLAIN_SPARK42,
                Map.of("spark.dynamicAllocation.enabled", "true")), RuleSettings.defaults()));
    }
}
