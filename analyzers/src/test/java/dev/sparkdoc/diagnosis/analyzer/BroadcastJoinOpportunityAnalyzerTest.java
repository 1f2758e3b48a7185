package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK2;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.rules.Severity;
import org.junit.jupiter.api.Test;

class BroadcastJoinOpportunityAnalyzerTest {

    private final BroadcastJoinOpportunityAnalyzer analyzer = new BroadcastJoinOpportunityAnalyzer();

    @Test
    void tpcdsQ72SortMergeJoinWithATinySideIsAWarning() {
        Finding finding = only(run(analyzer, NDS_Q72));
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(new Scope.SqlExecution(24), finding.scope());
        assertTrue(evidence(finding, "join").startsWith("SortMergeJoin"), evidence(finding, "join"));
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.ConfigChange change
                && change.key().equals("spark.sql.autoBroadcastJoinThreshold")));
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
}
