package dev.sparkdoc.diagnosis;

import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every enabled analyzer on a snapshot, orders the findings, and merges their advice. */
public final class Diagnoser {

    private static final Comparator<Finding> BY_SEVERITY_THEN_TIME_LOST = Comparator
            .comparing(Finding::severity).reversed()
            .thenComparing(Comparator.comparingLong((Finding f) -> f.timeLostMillis().orElse(0)).reversed())
            .thenComparing(Finding::ruleId)
            .thenComparing(f -> f.scope().label());

    private Diagnoser() {
    }

    public static Diagnosis diagnose(ApplicationSnapshot app, RuleSettings settings) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Analyzer analyzer : AnalyzerRegistry.analyzers()) {
            if (!settings.isEnabled(analyzer.ruleId())) {
                outcomes.add(RuleOutcome.disabledRule(analyzer.ruleId()));
                continue;
            }
            RuleOutcome outcome = analyzer.analyze(app, settings);
            outcomes.add(outcome);
            findings.addAll(outcome.findings());
        }
        findings.sort(BY_SEVERITY_THEN_TIME_LOST);
        return new Diagnosis(outcomes, findings, Advisor.advise(findings, ExecutorResources.of(app)));
    }
}
