package dev.sparkdoc.diagnosis;

import dev.sparkdoc.rules.Severity;
import java.util.List;
import java.util.Optional;

/** Every rule's outcome, the findings ordered by severity then time lost, and the merged advice. */
public record Diagnosis(List<RuleOutcome> outcomes, List<Finding> findings, Advice advice) {
    public Diagnosis {
        outcomes = List.copyOf(outcomes);
        findings = List.copyOf(findings);
    }

    /**
     * The findings grouped by rule ({@link FindingGroup}): what text, markdown, HTML, the shell and the JSON
     * {@code groups} show as one finding each. In the order of each rule's worst finding, so the first group holds
     * {@link #topFinding()}.
     */
    public List<FindingGroup> findingGroups() {
        return FindingGroup.of(findings);
    }

    /** The most severe finding's severity, if there is a finding. */
    public Optional<Severity> worstSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo);
    }

    /** The first finding: the most severe, and of those the one with the most time lost. */
    public Optional<Finding> topFinding() {
        return findings.isEmpty() ? Optional.empty() : Optional.of(findings.get(0));
    }

    /**
     * The application's time lost: the findings' time lost added up. {@link Diagnoser} has already bounded each
     * finding by what is left of its stage's time alone and of the application's wall time, so this is wall time the
     * fixes together could give back, at most the application's wall time.
     */
    public long timeLostMillis() {
        long sum = 0;
        for (Finding finding : findings) {
            sum += finding.timeLostMillis().orElse(0);
        }
        return sum;
    }
}
