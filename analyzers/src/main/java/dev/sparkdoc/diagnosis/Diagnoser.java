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
        List<Finding> bounded = withinWallTime(app, findings);
        bounded.sort(BY_SEVERITY_THEN_TIME_LOST);
        return new Diagnosis(outcomes, bounded, Advisor.advise(bounded, ExecutorResources.of(app)));
    }

    /**
     * Keeps the time lost of one application's findings within its wall time. In order (most severe first), each
     * stage finding takes what is left of its stage's time alone ({@link Impact#exclusiveMillis}): two findings on
     * one stage cannot both save all of it. Every finding then takes at most what is left of the application's wall
     * time. So the sum never exceeds the application's wall time.
     */
    static List<Finding> withinWallTime(ApplicationSnapshot app, List<Finding> findings) {
        Impact impact = Impact.of(app);
        java.util.Map<dev.sparkdoc.event.StageAttemptId, Long> stageLeft = new java.util.HashMap<>();
        long appLeft = impact.appWallMillis();
        List<Finding> bounded = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            if (finding.timeLostMillis().isEmpty()) {
                bounded.add(finding);
                continue;
            }
            long lost = finding.timeLostMillis().getAsLong();
            if (finding.scope() instanceof Scope.Stage stage) {
                long left = stageLeft.computeIfAbsent(stage.stage(), id -> app.stage(id)
                        .map(impact::exclusiveMillis).orElse(0L));
                lost = Math.min(lost, left);
                stageLeft.put(stage.stage(), left - lost);
            }
            lost = Math.max(0, Math.min(lost, appLeft));
            appLeft -= lost;
            bounded.add(lost == finding.timeLostMillis().getAsLong() ? finding
                    : finding.withTimeLost(java.util.OptionalLong.of(lost)));
        }
        return bounded;
    }
}
