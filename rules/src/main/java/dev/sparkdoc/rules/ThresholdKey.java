package dev.sparkdoc.rules;

import static java.util.Objects.requireNonNull;

/** A rule's threshold by name, as {@link Thresholds} declares it; read with {@link RuleSettings#threshold(ThresholdKey)}. */
public record ThresholdKey(String ruleId, String name) {
    public ThresholdKey {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
        return ruleId + "/" + name;
    }
}
