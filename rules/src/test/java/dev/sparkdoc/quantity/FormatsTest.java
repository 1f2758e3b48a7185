package dev.sparkdoc.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The formats equal the Formatter patterns they were written with (they no longer call the Formatter). */
class FormatsTest {

    @Test
    void numbersEqualTheFormatterPatterns() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            double value = random.nextDouble(0, 2) * Math.pow(10, random.nextInt(-3, 6));
            assertEquals(String.format(Locale.ROOT, value >= 10 ? "%.0fx" : "%.1fx", value), Formats.ratio(value));
            double fraction = random.nextInt(4) == 0 ? random.nextInt(0, 1001) / 1000.0 : random.nextDouble();
            assertEquals(String.format(Locale.ROOT, Math.abs(fraction * 100) < 9.95 ? "%.1f%%" : "%.0f%%", fraction * 100),
                    Formats.percent(fraction));
            long count = random.nextLong(-10_000_000_000L, 10_000_000_000L);
            assertEquals(String.format(Locale.ROOT, "%,d", count), Formats.count(count));
            long bytes = (long) (random.nextDouble() * Math.pow(2, random.nextInt(0, 62)));
            assertEquals(formatterBytes(bytes), Formats.bytes(bytes), "bytes " + bytes);
            long millis = random.nextLong(0, 100L * 3600 * 1000);
            millis = random.nextBoolean() ? millis : millis % 120_000;
            assertEquals(formatterMillis(millis), Formats.millis(millis), "millis " + millis);
        }
        for (long edge : new long[] {0, 999, 1000, 59_949, 59_950, 59_999, 60_000, 3_599_999, 3_600_000, 86_400_000}) {
            assertEquals(formatterMillis(edge), Formats.millis(edge), "millis " + edge);
        }
        for (long edge : new long[] {0, 1023, 1024, 102_348, 102_349, 1L << 40, Long.MAX_VALUE}) {
            assertEquals(formatterBytes(edge), Formats.bytes(edge), "bytes " + edge);
        }
    }

    /** Formats.bytes as it was, with the Formatter. */
    private static String formatterBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    /** Formats.millis as it was, with the Formatter. */
    private static String formatterMillis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
