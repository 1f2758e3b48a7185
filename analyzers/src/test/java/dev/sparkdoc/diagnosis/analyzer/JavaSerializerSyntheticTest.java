package dev.sparkdoc.diagnosis.analyzer;

import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.assertQuiet;
import static dev.sparkdoc.diagnosis.analyzer.AnalyzerTestSupport.only;
import static dev.sparkdoc.snapshot.SnapshotBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/** java-serializer and dynamic-allocation-without-shuffle-service on small synthetic snapshots. */
class JavaSerializerSyntheticTest {

    private static final long GIB = 1L << 30;

    private static ApplicationSnapshot rdd(String serializer, long... shuffleWrites) {
        SnapshotBuilder builder = new SnapshotBuilder().property("spark.master", "yarn").executors(2, 2);
        if (!serializer.isEmpty()) {
            builder.property("spark.serializer", serializer);
        }
        return builder.stage(0, stage -> {
            for (long bytes : shuffleWrites) {
                stage.task(task(100).shuffleWrite(bytes));
            }
        }).build();
    }

    /** min-shuffle-bytes 1 GiB: exactly 1 GiB of RDD shuffle is found, one byte less is quiet. */
    @Test
    void theShuffleFloorExactlyAndJustBelow() {
        JavaSerializerAnalyzer analyzer = new JavaSerializerAnalyzer();
        Recommendation.ConfigChange change = (Recommendation.ConfigChange) only(analyzer.analyze(
                rdd("", GIB / 2, GIB / 2), RuleSettings.defaults())).recommendations().get(0);
        assertEquals(Recommendation.Intent.SET, change.intent());
        assertEquals("org.apache.spark.serializer.KryoSerializer", change.proposedValue());
        assertQuiet(analyzer.analyze(rdd("", GIB - 1), RuleSettings.defaults()));
    }

    @Test
    void kryoAlreadyOnOneTaskOrAllZerosAreQuiet() {
        JavaSerializerAnalyzer analyzer = new JavaSerializerAnalyzer();
        assertQuiet(analyzer.analyze(rdd("org.apache.spark.serializer.KryoSerializer", 2 * GIB),
                RuleSettings.defaults()));
        assertQuiet(analyzer.analyze(rdd("", 0, 0, 0), RuleSettings.defaults()));
        assertEquals(1, new JavaSerializerAnalyzer().analyze(rdd("", 2 * GIB), RuleSettings.defaults())
                .findings().size());
    }

    @Test
    void dynamicAllocationWithoutShuffleServiceGetsShuffleTrackingAsASet() {
        DynamicAllocationAnalyzer analyzer = new DynamicAllocationAnalyzer();
        ApplicationSnapshot app = new SnapshotBuilder().property("spark.master", "yarn")
                .property("spark.dynamicAllocation.enabled", "true").executors(1, 1)
                .stage(0, stage -> stage.durations(0)).build();
        Recommendation.ConfigChange change = (Recommendation.ConfigChange) only(analyzer.analyze(app,
                RuleSettings.defaults())).recommendations().get(0);
        assertEquals("spark.dynamicAllocation.shuffleTracking.enabled", change.key());
        assertEquals(Recommendation.Intent.SET, change.intent());
        assertEquals(true, change.movesWithIntent());
        ApplicationSnapshot tracked = new SnapshotBuilder().property("spark.master", "yarn")
                .property("spark.dynamicAllocation.enabled", "true")
                .property("spark.dynamicAllocation.shuffleTracking.enabled", "true").executors(1, 1)
                .stage(0, stage -> stage.durations(0)).build();
        assertQuiet(analyzer.analyze(tracked, RuleSettings.defaults()));
    }
}
