package dev.sparkdoc.rules;

import java.util.Locale;
import java.util.Optional;

/** The unit of a threshold value, so a threshold reads "64 MiB" and not "67108864". */
public enum ThresholdUnit {
    RATIO,
    FRACTION,
    BYTES,
    MILLISECONDS,
    COUNT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ThresholdUnit> parse(String text) {
        for (ThresholdUnit unit : values()) {
            if (unit.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** The value formatted with its unit, for people. */
    public String format(double value) {
        return switch (this) {
            case RATIO -> trim(value) + "x";
            case FRACTION -> trim(value * 100) + "%";
            case BYTES -> bytes(value);
            case MILLISECONDS -> value >= 1000 ? trim(value / 1000) + " s" : trim(value) + " ms";
            case COUNT -> trim(value);
        };
    }

    /**
     * Whole numbers with thousands separators ("1,234"), others to two decimals without trailing zeros ("1.5"). Runs
     * for every evidence value of every live diagnosis, so without regular expressions (two compiled per call before)
     * or a Formatter for whole numbers.
     */
    static String trim(double value) {
        if (value == Math.rint(value)) {
            return grouped((long) value);
        }
        String fixed = String.format(Locale.ROOT, "%.2f", value);
        int end = fixed.length();
        if (fixed.indexOf('.') >= 0) {
            while (end > 0 && fixed.charAt(end - 1) == '0') {
                end--;
            }
            if (end > 0 && fixed.charAt(end - 1) == '.') {
                end--;
            }
        }
        return fixed.substring(0, end);
    }

    /** As {@code String.format(Locale.ROOT, "%,d", value)}. */
    private static String grouped(long value) {
        String digits = Long.toString(value);
        int sign = value < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + (length - 1) / 3);
        out.append(digits, 0, sign);
        int first = length % 3 == 0 ? 3 : length % 3;
        out.append(digits, sign, sign + first);
        for (int i = sign + first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    private static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return trim(value) + " " + units[unit];
    }
}
