package dev.sparkdoc.quantity;

import dev.sparkdoc.rules.ThresholdUnit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Human-readable numbers: binary byte units, compact durations, UTC timestamps. Live diagnoses format every finding
 * with these, so numbers go through {@link ThresholdUnit#fixed} and {@link ThresholdUnit#grouped} (the Formatter's
 * output without its code to compile in the driver).
 */
public final class Formats {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return ThresholdUnit.fixed(value, value >= 100 ? 0 : 1) + " " + BYTE_UNITS[unit];
    }

    public static String millis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return ThresholdUnit.fixed(millis / 1000.0, 1) + " s";
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + "m " + twoDigits(seconds % 60) + "s";
        }
        return seconds / 3600 + "h " + twoDigits((seconds % 3600) / 60) + "m";
    }

    public static String nanosAsMillis(long nanos) {
        return millis(nanos / 1_000_000);
    }

    public static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String count(long value) {
        return ThresholdUnit.grouped(value);
    }

    public static String ratio(double value) {
        return ThresholdUnit.fixed(value, value >= 10 ? 0 : 1) + "x";
    }

    /** A share as a percentage: one decimal below 10% ("2.3%"), none from there ("17%"). */
    public static String percent(double fraction) {
        double percent = fraction * 100;
        return ThresholdUnit.fixed(percent, Math.abs(percent) < 9.95 ? 1 : 0) + "%";
    }

    /** As {@code %02d} for 0 to 99. */
    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    /** Trims text from a log to one line of at most {@code max} characters, for tables. */
    public static String oneLine(String text, int max) {
        // Text from a log reaches a terminal: no control characters (escape sequences), one line.
        String line = text.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?").trim();
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 3)) + "...";
    }
}
