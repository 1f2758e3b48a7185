package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The recommendations of all findings merged into one consistent set: one value per configuration key, and the
 * code changes without repeats.
 */
public record Advice(List<Setting> settings, List<Recommendation.CodeChange> codeChanges) {

    /** One key's proposed value, its current value, and the rules that asked for it and why. */
    public record Setting(String key, Optional<String> currentValue, boolean currentIsDefault, String proposedValue,
            List<String> ruleIds, List<String> reasons) {
        public Setting {
            requireNonNull(key, "key is null");
            requireNonNull(currentValue, "currentValue is null");
            requireNonNull(proposedValue, "proposedValue is null");
            ruleIds = List.copyOf(ruleIds);
            reasons = List.copyOf(reasons);
        }
    }

    public Advice {
        settings = List.copyOf(settings);
        codeChanges = List.copyOf(codeChanges);
    }

    public boolean isEmpty() {
        return settings.isEmpty() && codeChanges.isEmpty();
    }
}
