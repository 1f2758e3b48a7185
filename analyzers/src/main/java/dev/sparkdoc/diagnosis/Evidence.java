package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.rules.ThresholdUnit;
import java.util.OptionalDouble;

/**
 * One measured value behind a finding: a name, the number with its unit, and how people read it. Text-only evidence
 * (a key name, a list of partitions) has no number.
 */
public record Evidence(String name, OptionalDouble value, String unit, String display) {

    public Evidence {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(display, "display is null");
    }

    public static Evidence bytes(String name, long bytes) {
        return new Evidence(name, OptionalDouble.of(bytes), "bytes", ThresholdUnit.BYTES.format(bytes));
    }

    public static Evidence millis(String name, long millis) {
        return new Evidence(name, OptionalDouble.of(millis), "ms", ThresholdUnit.MILLISECONDS.format(millis));
    }

    public static Evidence ratio(String name, double ratio) {
        double rounded = Math.round(ratio * 10) / 10.0;
        return new Evidence(name, OptionalDouble.of(rounded), "ratio", ThresholdUnit.RATIO.format(rounded));
    }

    public static Evidence fraction(String name, double fraction) {
        double rounded = Math.round(fraction * 1000) / 1000.0;
        return new Evidence(name, OptionalDouble.of(rounded), "fraction", ThresholdUnit.fixed(rounded * 100, 1) + "%");
    }

    public static Evidence count(String name, long count) {
        return new Evidence(name, OptionalDouble.of(count), "count", ThresholdUnit.COUNT.format(count));
    }

    public static Evidence text(String name, String text) {
        return new Evidence(name, OptionalDouble.empty(), "text", text);
    }
}
