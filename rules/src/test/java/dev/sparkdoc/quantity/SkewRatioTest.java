package dev.sparkdoc.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SkewRatioTest {

    @Test
    void maxOverMedian() {
        assertEquals(17.0, SkewRatio.of(10, 170, 10).getAsDouble());
        assertEquals("17x", SkewRatio.describe(10, 170, 10));
        assertEquals("1.0x", SkewRatio.describe(1, 5, 5));
    }

    @Test
    void aZeroMedianOrNoValuesLeaveItUndefined() {
        assertTrue(SkewRatio.of(10, 536_870_912, 0).isEmpty());
        assertTrue(SkewRatio.of(0, 0, 0).isEmpty());
        assertTrue(SkewRatio.of(3, 0, 0).isEmpty());
        assertEquals("undefined (median 0)", SkewRatio.describe(10, 536_870_912, 0));
    }
}
