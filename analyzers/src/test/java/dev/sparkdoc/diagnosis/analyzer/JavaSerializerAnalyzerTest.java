package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.NDS_Q72;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.SPARK42;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import org.junit.jupiter.api.Test;

class JavaSerializerAnalyzerTest {

    private final JavaSerializerAnalyzer analyzer = new JavaSerializerAnalyzer();

    /** The Spark 4.2 run's RDD groupByKey shuffled with the Java serializer, but far below the floor. */
    @Test
    void smallRddShufflesAreQuiet() {
        assertQuiet(run(analyzer, SPARK42));
    }

    @Test
    void rddShufflesWithTheJavaSerializerAreFoundAboveTheFloor() {
        Finding finding = only(run(analyzer, SPARK42,
                "rules:\n  java-serializer:\n    thresholds:\n      min-shuffle-bytes: 1k\n"));
        assertTrue(finding.recommendations().stream().anyMatch(r -> r instanceof Recommendation.ConfigChange change
                && change.proposedValue().equals("org.apache.spark.serializer.KryoSerializer")));
    }

    /** TPC-DS q72 shuffles 20 GB, all of it SQL, which never uses spark.serializer for rows. */
    @Test
    void sqlShufflesDoNotCount() {
        assertQuiet(run(analyzer, NDS_Q72, "rules:\n  java-serializer:\n    thresholds:\n      min-shuffle-bytes: 1\n"));
    }
}
