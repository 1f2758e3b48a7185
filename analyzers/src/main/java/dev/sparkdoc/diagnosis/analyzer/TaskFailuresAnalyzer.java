package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.ConfigSizing;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Job;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.TaskFailureGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** [task-failures] Failed task attempts by cause, against all task attempts. */
public final class TaskFailuresAnalyzer implements Analyzer {

    public static final String RULE_ID = "task-failures";
    private static final Set<String> NOT_COUNTED = Set.of("FetchFailed", "Resubmitted", "TaskKilled",
            "TaskCommitDenied");

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        double warningRate = rule.threshold(Thresholds.TaskFailures.WARNING_FAILURE_RATE);
        double criticalRate = rule.threshold(Thresholds.TaskFailures.CRITICAL_FAILURE_RATE);
        TaskAttemptCounts counts = TaskAttemptCounts.of(app);
        long attempts = counts.attempts();
        long failed = counts.taskErrors();
        Map<FailureCauses, Long> byCause = counts.taskErrorsByCause();
        Map<FailureCauses, String> examples = new EnumMap<>(FailureCauses.class);
        for (StageAttempt stage : app.stages()) {
            for (TaskFailureGroup group : stage.failures()) {
                if (!NOT_COUNTED.contains(group.reason())) {
                    examples.putIfAbsent(FailureCauses.of(group), group.detail()
                            + (group.exampleMessage().isEmpty() ? "" : ": " + group.exampleMessage()));
                }
            }
        }
        Set<String> stages = counts.stagesWithTaskErrors();
        if (attempts == 0) {
            return rule.notApplicable("no task ended");
        }
        if (failed == 0) {
            return rule.outcome(List.of());
        }
        double rate = (double) failed / attempts;
        boolean memory = byCause.keySet().stream().anyMatch(FailureCauses::isMemory);
        boolean jobFailed = app.jobs().stream().anyMatch(job -> job.status() == Job.Status.FAILED
                && job.failureMessage().map(message -> message.contains("failed") && !message.contains("FetchFailed"))
                        .orElse(false));
        Severity severity;
        if (rate >= criticalRate || jobFailed) {
            severity = Severity.CRITICAL;
        } else if (rate >= warningRate || memory) {
            severity = Severity.WARNING;
        } else {
            severity = Severity.INFO;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.count("task errors", failed));
        evidence.add(Evidence.count("task attempts", attempts));
        evidence.add(Evidence.count("failed as the History Server counts them", counts.failed()));
        evidence.add(Evidence.count("killed", counts.killed()));
        evidence.add(Evidence.fraction("failure rate", rate));
        for (Map.Entry<FailureCauses, Long> entry : byCause.entrySet()) {
            evidence.add(Evidence.count(entry.getKey().description(), entry.getValue()));
        }
        for (Map.Entry<FailureCauses, String> entry : examples.entrySet()) {
            evidence.add(Evidence.text("example: " + entry.getKey().description(),
                    Formats.oneLine(entry.getValue(), 300)));
        }
        evidence.add(Evidence.text("stage attempt ids with failures", String.join(", ", stages)));
        StringBuilder causes = new StringBuilder();
        byCause.forEach((cause, count) -> causes.append(causes.length() == 0 ? "" : ", ").append(count).append(' ')
                .append(cause.description()));
        long notErrors = counts.fetchFailed() + counts.resubmitted();
        String summary = Formats.count(failed) + " of " + Formats.count(attempts) + " task attempts failed with a task "
                + "error (" + Formats.percent(rate) + "): " + causes + (jobFailed ? "; a job failed" : "")
                + (notErrors > 0 ? "; the History Server counts " + Formats.count(counts.failed()) + " failed, with "
                        + Formats.count(notErrors) + " fetch failures or resubmitted map tasks (see fetch-failure)" : "")
                + ".";
        return rule.outcome(List.of(rule.finding(severity, new Scope.Application(), summary, evidence,
                FailureCauses.advice(app, byCause.keySet()), OptionalLong.empty())));
    }
}
