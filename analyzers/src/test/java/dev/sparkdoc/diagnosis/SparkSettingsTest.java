package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.snapshot.SnapshotBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {

    @Test
    void theOverheadDefaultsToATenthOfTheHeapAndAtLeast384MiB() {
        SparkSettings large = new SparkSettings(new SnapshotBuilder().property("spark.executor.memory", "16g")
                .executors(1, 1).stage(0, s -> s.durations(1)).build());
        assertEquals(Optional.of("1639m"), large.effective("spark.executor.memoryOverhead"));
        assertTrue(large.isDefault("spark.executor.memoryOverhead"));
        SparkSettings small = new SparkSettings(new SnapshotBuilder().executors(1, 1)
                .stage(0, s -> s.durations(1)).build());
        assertEquals(Optional.of("384m"), small.effective("spark.executor.memoryOverhead"));
    }

    @Test
    void raiseLowerAndSetCarryTheirIntentAndTheValueInForce() {
        SparkSettings spark = new SparkSettings(new SnapshotBuilder().executors(1, 1)
                .stage(0, s -> s.durations(1)).build());
        Recommendation.ConfigChange lower = spark.lower("spark.dynamicAllocation.executorIdleTimeout", "30s", "w");
        assertEquals(Optional.of("60s"), lower.currentValue());
        assertTrue(lower.currentIsDefault());
        assertTrue(lower.movesWithIntent());
        assertFalse(spark.raise("spark.dynamicAllocation.executorIdleTimeout", "30s", "w").movesWithIntent());
        assertFalse(spark.set("spark.serializer", "org.apache.spark.serializer.JavaSerializer", "w")
                .movesWithIntent());
    }
}
