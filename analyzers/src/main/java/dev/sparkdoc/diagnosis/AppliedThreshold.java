package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.rules.ThresholdUnit;

/** A threshold as it was applied to reach a finding, and whether the user changed it. */
public record AppliedThreshold(String name, double value, ThresholdUnit unit, boolean overridden) {
    public AppliedThreshold {
        requireNonNull(name, "name is null");
        requireNonNull(unit, "unit is null");
    }

    public String display() {
        return unit.format(value) + (overridden ? " (overridden)" : "");
    }
}
