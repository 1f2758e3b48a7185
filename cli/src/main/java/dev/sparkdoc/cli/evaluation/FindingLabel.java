package dev.sparkdoc.cli.evaluation;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.rules.Severity;
import java.util.Optional;

/**
 * One labelled finding: a rule id ({@code *} for any rule), an optional scope as sparkdoc labels it
 * ({@code stage 3.0}, {@code executor 7}, {@code SQL execution 24}, {@code application}; a trailing {@code *}
 * matches any scope starting with what precedes it) and a severity: for an expected finding the least it must have,
 * for a forbidden one the least at which it is a false alarm.
 */
public record FindingLabel(String rule, Optional<String> scope, Severity severity, String reason) {

    public static final String ANY_RULE = "*";

    public FindingLabel {
        requireNonNull(rule, "rule is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(reason, "reason is null");
        if (rule.isBlank()) {
            throw new IllegalArgumentException("a label needs a rule id (or *)");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("label for " + rule + " needs a reason");
        }
    }

    public boolean anyRule() {
        return rule.equals(ANY_RULE);
    }

    /** Same rule (or any) and scope, whatever the severity. */
    public boolean covers(Finding finding) {
        return (anyRule() || rule.equals(finding.ruleId())) && scopeMatches(finding.scope().label());
    }

    /** Covers the finding, and the finding is at least this label's severity. */
    public boolean matches(Finding finding) {
        return covers(finding) && finding.severity().atLeast(severity);
    }

    public boolean scopeMatches(String label) {
        if (scope.isEmpty()) {
            return true;
        }
        String wanted = scope.get();
        if (wanted.endsWith("*")) {
            return label.startsWith(wanted.substring(0, wanted.length() - 1));
        }
        return label.equals(wanted);
    }

    /** "rule [scope] >= severity", for tables. */
    public String describe() {
        return rule + scope.map(s -> " [" + s + "]").orElse("") + " >= " + severity.label();
    }
}
