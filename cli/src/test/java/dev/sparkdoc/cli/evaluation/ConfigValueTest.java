package dev.sparkdoc.cli.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Values compared as Spark reads them. */
class ConfigValueTest {

    @Test
    void sizesCompareAcrossUnitsAndCase() {
        assertEquals(OptionalInt.of(1), ConfigValue.compare("spark.executor.memory", "16G", "24g"));
        assertEquals(OptionalInt.of(1), ConfigValue.compare("spark.executor.memory", "18626M", "28g"));
        assertEquals(OptionalInt.of(-1), ConfigValue.compare("spark.executor.memory", "5397m", "3g"));
        assertEquals(OptionalInt.of(0), ConfigValue.compare("spark.driver.memory", "2g", "2048m"));
    }

    @Test
    void aBareNumberIsMibForMemoryAndBytesForThresholds() {
        assertEquals(OptionalInt.of(0), ConfigValue.compare("spark.executor.memory", "1024", "1g"));
        assertEquals(OptionalInt.of(-1), ConfigValue.compare("spark.sql.autoBroadcastJoinThreshold", "26214400",
                "16m"));
        assertEquals(OptionalInt.of(1), ConfigValue.compare("spark.sql.autoBroadcastJoinThreshold", "10MB", "16m"));
        assertEquals(OptionalInt.of(1), ConfigValue.compare("spark.sql.autoBroadcastJoinThreshold", "-1", "16m"));
    }

    @Test
    void countsDurationsAndSwitches() {
        assertEquals(OptionalInt.of(-1), ConfigValue.compare("spark.sql.shuffle.partitions", "200", "84"));
        assertEquals(OptionalInt.of(-1), ConfigValue.compare("spark.dynamicAllocation.executorIdleTimeout", "60s",
                "30s"));
        assertEquals(OptionalInt.of(1), ConfigValue.compare("spark.dynamicAllocation.executorIdleTimeout", "30s",
                "1min"));
        assertEquals(OptionalInt.empty(), ConfigValue.compare("spark.sql.adaptive.enabled", "false", "true"));
        assertEquals(OptionalInt.of(0), ConfigValue.compare("spark.sql.adaptive.enabled", "true", "TRUE"));
        assertEquals(OptionalInt.empty(), ConfigValue.compare("spark.serializer",
                "org.apache.spark.serializer.JavaSerializer", "org.apache.spark.serializer.KryoSerializer"));
    }
}
