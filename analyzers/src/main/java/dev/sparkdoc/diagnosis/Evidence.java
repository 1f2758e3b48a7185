package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.ThresholdUnit;
import java.util.OptionalDouble;

/**
 * One measured value behind a finding: a name, the number with its unit, and how people read it. Text-only evidence
 * (a key name, a list of partitions) has no number.
 */
public record Evidence(String name, OptionalDouble value, String unit, String display) {

    /** The unit of text-only evidence; numbers carry a {@link ThresholdUnit} label, the vocabulary thresholds use. */
    public static final String TEXT = "text";

    public Evidence {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(display, "display is null");
    }

    public static Evidence bytes(String name, long bytes) {
        return new Evidence(name, OptionalDouble.of(bytes), ThresholdUnit.BYTES.label(), Formats.bytes(bytes));
    }

    public static Evidence millis(String name, long millis) {
        return new Evidence(name, OptionalDouble.of(millis), ThresholdUnit.MILLISECONDS.label(), Formats.millis(millis));
    }

    /** A ratio, shown as every summary shows it ({@link Formats#ratio}); the value keeps one decimal. */
    public static Evidence ratio(String name, double ratio) {
        double rounded = Math.round(ratio * 10) / 10.0;
        return new Evidence(name, OptionalDouble.of(rounded), ThresholdUnit.RATIO.label(), Formats.ratio(ratio));
    }

    /** A share, shown as every summary shows it ({@link Formats#percent}); the value keeps three decimals. */
    public static Evidence fraction(String name, double fraction) {
        double rounded = Math.round(fraction * 1000) / 1000.0;
        return new Evidence(name, OptionalDouble.of(rounded), ThresholdUnit.FRACTION.label(),
                Formats.percent(fraction));
    }

    public static Evidence count(String name, long count) {
        return new Evidence(name, OptionalDouble.of(count), ThresholdUnit.COUNT.label(), Formats.count(count));
    }

    public static Evidence text(String name, String text) {
        return new Evidence(name, OptionalDouble.empty(), TEXT, text);
    }
}
