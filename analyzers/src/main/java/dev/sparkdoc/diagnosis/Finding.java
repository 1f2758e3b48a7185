package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.rules.Severity;
import java.util.List;
import java.util.OptionalLong;

/**
 * One diagnosis: which rule, how bad, about what, in one sentence, proved by evidence with units and the thresholds
 * applied, why it matters, and what to change. {@code timeLost} estimates the wall time the problem cost, where it
 * can be measured; findings are ordered by severity, then time lost.
 */
public record Finding(String ruleId, String title, Severity severity, Scope scope, String summary,
        List<Evidence> evidence, List<AppliedThreshold> thresholds, String explanation,
        List<Recommendation> recommendations, OptionalLong timeLostMillis) {

    public Finding {
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(title, "title is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(summary, "summary is null");
        evidence = List.copyOf(evidence);
        thresholds = List.copyOf(thresholds);
        requireNonNull(explanation, "explanation is null");
        recommendations = List.copyOf(recommendations);
        requireNonNull(timeLostMillis, "timeLostMillis is null");
    }
}
