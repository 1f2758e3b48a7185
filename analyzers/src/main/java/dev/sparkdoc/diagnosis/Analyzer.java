package dev.sparkdoc.diagnosis;

import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;

/**
 * One concern, one class: reads only the snapshot, takes its thresholds from the rule catalog through
 * {@link RuleSettings}, holds no state.
 */
public interface Analyzer {

    /** The catalog id of the rule this analyzer implements. */
    String ruleId();

    RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings);
}
