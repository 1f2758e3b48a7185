package dev.sparkdoc.rules;

import static java.util.Objects.requireNonNull;

/** A named, documented threshold with its unit and default value. */
public record Threshold(String name, ThresholdUnit unit, double defaultValue, String description) {
    public Threshold {
        requireNonNull(name, "name is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(description, "description is null");
        if (Double.isNaN(defaultValue) || defaultValue < 0) {
            throw new IllegalArgumentException("threshold " + name + " has an invalid default " + defaultValue);
        }
    }
}
