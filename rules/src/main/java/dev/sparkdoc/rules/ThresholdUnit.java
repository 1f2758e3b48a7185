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

    private static String trim(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
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
