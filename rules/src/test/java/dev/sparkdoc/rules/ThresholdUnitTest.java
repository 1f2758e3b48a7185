package dev.sparkdoc.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Threshold and evidence values as people read them; the fast formatting equals the Formatter-based one it replaced.
 */
class ThresholdUnitTest {

    @Test
    void formatsWithUnits() {
        assertEquals("10x", ThresholdUnit.RATIO.format(10));
        assertEquals("34.8x", ThresholdUnit.RATIO.format(34.8));
        assertEquals("12.5%", ThresholdUnit.FRACTION.format(0.125));
        assertEquals("64 MiB", ThresholdUnit.BYTES.format(64 * 1024 * 1024));
        assertEquals("1.5 KiB", ThresholdUnit.BYTES.format(1536));
        assertEquals("1.97 s", ThresholdUnit.MILLISECONDS.format(1970));
        assertEquals("999 ms", ThresholdUnit.MILLISECONDS.format(999));
        assertEquals("1,234,567", ThresholdUnit.COUNT.format(1_234_567));
    }

    @Test
    void trimEqualsTheFormatterVersionOnEdgesAndRandomValues() {
        double[] edges = {0, -0.0, 1, -1, 12, 123, 1234, -1234, 999_999, 1_000_000, -1_000_000, 0.001, -0.001,
            0.005, 0.015, 0.125, 1.005, 2.675, 9.995, 9.999, -9.999, 10.1, 1e15, -1e15, 1e18 + 0.5, Long.MAX_VALUE,
            Long.MIN_VALUE, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1e-7, -1e-7, -0.005, 0.0049999999, 123_456.785, 4.35, 0.045, 1e-300};
        for (double value : edges) {
            assertEquals(formatterVersion(value), ThresholdUnit.trim(value), "value " + value);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 5) {
                case 0 -> random.nextLong(-10_000_000_000L, 10_000_000_000L);
                case 1 -> random.nextDouble(-1000, 1000);
                case 2 -> Math.round(random.nextDouble(0, 100_000)) / 100.0;
                case 3 -> random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-8, 12));
                default -> Math.round(random.nextDouble(0, 1000)) / 1000.0;
            };
            assertEquals(formatterVersion(value), ThresholdUnit.trim(value), "value " + value);
        }
    }

    @Test
    void fixedEqualsTheFormatter() {
        double[] edges = {0, -0.0, 0.05, -0.05, 0.25, 0.35, 1.45, 2.675, 9.95, 99.95, 1e-7, -1e-7, 1e21, 123_456.785,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        SplittableRandom random = new SplittableRandom(7);
        for (int decimals = 0; decimals <= 2; decimals++) {
            String format = "%." + decimals + "f";
            for (double value : edges) {
                assertEquals(String.format(Locale.ROOT, format, value), ThresholdUnit.fixed(value, decimals),
                        "value " + value);
            }
            for (int i = 0; i < 100_000; i++) {
                double value = i % 2 == 0 ? Math.round(random.nextDouble(0, 100_000)) / 1000.0
                        : random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-8, 12));
                assertEquals(String.format(Locale.ROOT, format, value), ThresholdUnit.fixed(value, decimals),
                        "value " + value);
            }
        }
    }

    /** The implementation before: a Formatter per call and two regular expressions. */
    private static String formatterVersion(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
