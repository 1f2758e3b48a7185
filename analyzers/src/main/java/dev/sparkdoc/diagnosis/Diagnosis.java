package dev.sparkdoc.diagnosis;

import java.util.List;

/** Every rule's outcome, the findings ordered by severity then time lost, and the merged advice. */
public record Diagnosis(List<RuleOutcome> outcomes, List<Finding> findings, Advice advice) {
    public Diagnosis {
        outcomes = List.copyOf(outcomes);
        findings = List.copyOf(findings);
    }
}
