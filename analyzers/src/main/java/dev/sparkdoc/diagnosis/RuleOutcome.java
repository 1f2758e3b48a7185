package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What one rule concluded: its findings, or why it could not judge ("not applicable", naming what was missing and
 * the setting that would provide it). An empty list with no reason means the rule looked and found nothing.
 */
public record RuleOutcome(String ruleId, List<Finding> findings, Optional<String> notApplicable, boolean disabled) {

    public RuleOutcome {
        requireNonNull(ruleId, "ruleId is null");
        findings = List.copyOf(findings);
        requireNonNull(notApplicable, "notApplicable is null");
    }

    public static RuleOutcome found(String ruleId, List<Finding> findings) {
        return new RuleOutcome(ruleId, findings, Optional.empty(), false);
    }

    public static RuleOutcome notApplicable(String ruleId, String reason) {
        return new RuleOutcome(ruleId, List.of(), Optional.of(reason), false);
    }

    public static RuleOutcome disabledRule(String ruleId) {
        return new RuleOutcome(ruleId, List.of(), Optional.empty(), true);
    }
}
