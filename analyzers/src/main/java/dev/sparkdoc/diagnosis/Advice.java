package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The recommendations of all findings merged into one consistent set: one value per configuration key, each moving
 * its current value the way its intent says, the code changes without repeats, and notes on what was dropped or
 * adjusted and why.
 */
public record Advice(List<Setting> settings, List<Recommendation.CodeChange> codeChanges, List<String> notes) {

    /**
     * One key's proposed value, its current value, which way it moves it, the rules that asked for it and why, and
     * notes on how the merge changed the rules' own values (scaled with cores, fitted to the container, rounded to
     * a multiple of the cores).
     */
    public record Setting(String key, Optional<String> currentValue, boolean currentIsDefault, String proposedValue,
            Recommendation.Intent intent, List<String> ruleIds, List<String> reasons, List<String> notes) {
        public Setting {
            requireNonNull(key, "key is null");
            requireNonNull(currentValue, "currentValue is null");
            requireNonNull(proposedValue, "proposedValue is null");
            requireNonNull(intent, "intent is null");
            ruleIds = List.copyOf(ruleIds);
            reasons = List.copyOf(reasons);
            notes = List.copyOf(notes);
        }

        /** The setting as a change, to check it against its intent. */
        public Recommendation.ConfigChange asChange() {
            return new Recommendation.ConfigChange(key, currentValue, currentIsDefault, proposedValue, intent,
                    String.join(" ", reasons));
        }
    }

    public Advice {
        settings = List.copyOf(settings);
        codeChanges = List.copyOf(codeChanges);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return settings.isEmpty() && codeChanges.isEmpty();
    }
}
