package dev.sparkdoc.rules;

import java.util.Arrays;
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
     * or a Formatter ({@link #fixed}).
     */
    static String trim(double value) {
        if (value == Math.rint(value)) {
            return grouped((long) value);
        }
        String fixed = fixed(value, 2);
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

    /**
     * As {@code String.format(Locale.ROOT, "%.<decimals>f", value)}, without a Formatter: like the Formatter, it
     * rounds the shortest decimal that reads back as the value ({@link Double#toString}'s digits) half up, and keeps
     * the sign of a negative value that rounds to zero. Live diagnoses format every finding's evidence; once hot,
     * compiling the Formatter's code cost the listener 0.2-0.4 s of JIT time in the 300,000-task job benchmark
     * (docs/performance.md).
     */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value) || decimals < 0) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        String shortest = Double.toString(Math.abs(value));
        int e = shortest.indexOf('E');
        int mantissaEnd = e < 0 ? shortest.length() : e;
        int dot = shortest.indexOf('.');
        // The digits without the point, and how many of them stand before the decimal point.
        char[] digits = new char[mantissaEnd - 1];
        shortest.getChars(0, dot, digits, 0);
        shortest.getChars(dot + 1, mantissaEnd, digits, dot);
        int point = dot + (e < 0 ? 0 : Integer.parseInt(shortest, e + 1, shortest.length(), 10));
        int keep = point + decimals;
        // The kept digits, right-aligned in a buffer with room for a carry and for zeros on the left.
        int width = Math.max(keep, 0) + decimals + 2;
        char[] kept = new char[width];
        Arrays.fill(kept, '0');
        int offset = width - Math.max(keep, 0);
        for (int i = 0; i < keep && i < digits.length; i++) {
            kept[offset + i] = digits[i];
        }
        if (keep >= 0 && keep < digits.length && digits[keep] >= '5') {
            int i = width - 1;
            while (kept[i] == '9') {
                kept[i--] = '0';
            }
            kept[i]++;
        }
        int integerEnd = width - decimals;
        int first = 0;
        while (first < integerEnd - 1 && kept[first] == '0') {
            first++;
        }
        StringBuilder out = new StringBuilder(width + 2);
        if (Double.compare(value, 0.0) < 0) {
            out.append('-');
        }
        out.append(kept, first, integerEnd - first);
        if (decimals > 0) {
            out.append('.').append(kept, integerEnd, decimals);
        }
        return out.toString();
    }

    /** As {@code String.format(Locale.ROOT, "%,d", value)}. */
    public static String grouped(long value) {
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
