package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.evidence;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.findings;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TooFewShufflePartitionsAnalyzerTest {

    private final TooFewShufflePartitionsAnalyzer analyzer = new TooFewShufflePartitionsAnalyzer();

    /** TPC-DS q72 shuffles 20 GB over enough partitions that no task reads more than twice the 128 MiB target. */
    @Test
    void wellPartitionedShufflesAreQuiet() {
        assertQuiet(run(analyzer, NDS_Q72));
        assertQuiet(run(analyzer, SPARK42));
    }

    @Test
    void aSmallerTargetFindsTheLargeShuffleStagesAndSizesPartitions() {
        List<Finding> findings = findings(run(analyzer, NDS_Q72, """
                rules:
                  too-few-shuffle-partitions:
                    thresholds:
                      target-partition-bytes: 4m
                """));
        assertFalse(findings.isEmpty());
        Finding finding = findings.get(0);
        long proposed = Long.parseLong(evidence(finding, "proposed partitions").replace(",", ""));
        assertTrue(proposed > 200, "proposed " + proposed);
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.ConfigChange change
                && change.key().equals("spark.sql.shuffle.partitions")
                && change.proposedValue().equals(Long.toString(proposed))));
    }
}
