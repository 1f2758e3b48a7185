package dev.sparkdoc.diagnosis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.rules.Severity;
import java.util.List;
import java.util.OptionalLong;

/**
 * One diagnosis: which rule, how bad, about what, in one sentence, proved by evidence with units and the thresholds
 * applied, why it matters, and what to change. {@code timeLostMillis} is wall-clock time: how much earlier the
 * application would have finished without the problem ({@link Impact}), never summed task (core) time; bounded by
 * the stage's time alone for a stage finding, and over one application's findings by its wall time
 * ({@link Diagnoser}). Empty where it cannot be measured. Findings are ordered by severity, then time lost.
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
        if (timeLostMillis.isPresent() && timeLostMillis.getAsLong() < 0) {
            throw new IllegalArgumentException("timeLostMillis " + timeLostMillis.getAsLong() + " < 0");
        }
    }

    /** This finding with another time lost. */
    public Finding withTimeLost(OptionalLong millis) {
        return new Finding(ruleId, title, severity, scope, summary, evidence, thresholds, explanation, recommendations,
                millis);
    }
}
