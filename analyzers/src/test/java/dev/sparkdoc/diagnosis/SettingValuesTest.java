package dev.sparkdoc.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SettingValuesTest {

    @Test
    void sizesCompareInTheKeysDefaultUnit() {
        assertEquals(OptionalInt.of(-1), SettingValues.compare("spark.sql.autoBroadcastJoinThreshold", "16m",
                "26214400"));
        assertEquals(OptionalInt.of(0), SettingValues.compare("spark.executor.memory", "16384", "16G"));
        assertEquals(OptionalInt.of(1), SettingValues.compare("spark.executor.memory", "24g", "16G"));
        assertEquals(OptionalInt.of(-1), SettingValues.compare("spark.sql.autoBroadcastJoinThreshold", "-1", "10MB"));
    }

    @Test
    void durationsAndPlainNumbers() {
        assertEquals(OptionalInt.of(-1), SettingValues.compare("spark.dynamicAllocation.executorIdleTimeout", "30s",
                "1min"));
        assertEquals(OptionalInt.of(1), SettingValues.compare("spark.sql.shuffle.partitions", "400", "200"));
        assertEquals(OptionalInt.of(1), SettingValues.compare("spark.rapids.memory.gpu.allocFraction", "0.2", "0.1"));
    }

    @Test
    void switchesAndNamesHaveNoOrder() {
        assertTrue(SettingValues.compare("spark.sql.adaptive.enabled", "true", "false").isEmpty());
        assertTrue(SettingValues.same("spark.serializer", "KryoSerializer", " kryoserializer "));
        assertFalse(SettingValues.same("spark.sql.adaptive.enabled", "true", "false"));
    }
}
