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
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.FetchFailure;
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
import java.util.stream.Collectors;

/**
 * [fetch-failure] FetchFailed task ends, the stage attempts retried and map tasks resubmitted because of them, the
 * recomputation they cost, and the executors lost, with advice per cause.
 */
public final class FetchFailureAnalyzer implements Analyzer {

    public static final String RULE_ID = "fetch-failure";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long critical = rule.thresholdLong(Thresholds.FetchFailure.CRITICAL_FETCH_FAILURES);
        if (app.fetchFailureCount() == 0) {
            return rule.outcome(List.of());
        }
        Set<Integer> shuffles = new LinkedHashSet<>();
        Set<String> unreachable = new LinkedHashSet<>();
        for (FetchFailure failure : app.fetchFailures()) {
            shuffles.add(failure.shuffleId());
            failure.blockManager().ifPresent(bm -> unreachable.add(bm.executorId()
                    + (bm.host().isEmpty() ? "" : " (" + bm.host() + ")")));
        }
        List<String> retried = new ArrayList<>();
        long recomputation = 0;
        long resubmitted = 0;
        for (StageAttempt stage : app.stages()) {
            if (stage.id().attemptId() > 0) {
                retried.add(stage.id().toString());
                recomputation += stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            }
            for (TaskFailureGroup group : stage.failures()) {
                if (group.reason().equals("Resubmitted")) {
                    resubmitted += group.count();
                }
            }
        }
        Map<FailureCauses, Integer> lostByCause = new EnumMap<>(FailureCauses.class);
        List<String> lost = new ArrayList<>();
        for (ExecutorSummary executor : app.executors()) {
            if (executor.removeReason().isEmpty()) {
                continue;
            }
            FailureCauses cause = FailureCauses.ofLossReason(executor.removeReason().get());
            lostByCause.merge(cause, 1, Integer::sum);
            lost.add(executor.id() + ": " + Formats.oneLine(executor.removeReason().get(), 120));
        }
        boolean jobFailed = app.jobs().stream().anyMatch(job -> job.status() == Job.Status.FAILED
                && job.failureMessage().map(message -> message.contains("FetchFailed")).orElse(false));
        Severity severity = app.fetchFailureCount() >= critical || jobFailed ? Severity.CRITICAL : Severity.WARNING;

        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.count("fetch failures", app.fetchFailureCount()));
        evidence.add(Evidence.text("shuffle ids with fetch failures", shuffles.stream().map(String::valueOf)
                .collect(Collectors.joining(", "))));
        if (!unreachable.isEmpty()) {
            evidence.add(Evidence.text("block managers that could not serve their blocks",
                    String.join(", ", unreachable)));
        }
        evidence.add(Evidence.text("stage attempts retried", retried.isEmpty() ? "none" : String.join(", ", retried)));
        evidence.add(Evidence.count("map tasks resubmitted", resubmitted));
        evidence.add(Evidence.millis("task time of retried stage attempts", recomputation));
        evidence.add(Evidence.count("executors removed", lost.size()));
        if (!lost.isEmpty()) {
            evidence.add(Evidence.text("executor removals", String.join("; ", lost.subList(0,
                    Math.min(5, lost.size()))) + (lost.size() > 5 ? "; and " + (lost.size() - 5) + " more" : "")));
        }
        if (jobFailed) {
            evidence.add(Evidence.text("job outcome", "a job failed on fetch failures"));
        }
        String summary = app.fetchFailureCount() + " fetch failure(s) on shuffle id(s) "
                + shuffles.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "; Spark retried "
                + retried.size() + " stage attempt(s), resubmitted " + resubmitted + " map task(s) and spent "
                + Formats.millis(recomputation) + " of task time recomputing"
                + (lost.isEmpty() ? "." : "; " + lost.size() + " executor(s) were removed.");
        return rule.outcome(List.of(rule.finding(severity, new Scope.Application(), summary, evidence,
                advice(app, lostByCause), OptionalLong.of(recomputation))));
    }

    private static List<Recommendation> advice(ApplicationSnapshot app, Map<FailureCauses, Integer> lostByCause) {
        SparkSettings spark = new SparkSettings(app);
        List<Recommendation> advice = new ArrayList<>();
        boolean kubernetes = spark.effective("spark.master").map(master -> master.startsWith("k8s")).orElse(false);
        advice.addAll(FailureCauses.advice(app, lostByCause.keySet()));
        if (spark.localMode()) {
            // One JVM: no executor to decommission, no external shuffle service to serve its files.
            advice.add(spark.raise("spark.shuffle.io.maxRetries", "10",
                    "Rides out short stalls of the serving side before declaring a fetch failure."));
            return advice;
        }
        if (lostByCause.containsKey(FailureCauses.DECOMMISSIONED) || kubernetes) {
            advice.add(spark.set("spark.decommission.enabled", "true",
                    "Executors leaving gracefully migrate their shuffle blocks instead of losing them."));
            advice.add(spark.set("spark.storage.decommission.enabled", "true",
                    "Needed for block migration on decommission."));
            advice.add(spark.set("spark.storage.decommission.shuffleBlocks.enabled", "true",
                    "Moves shuffle files off executors that are going away (spot nodes, scale-down)."));
        } else if (!spark.flag("spark.shuffle.service.enabled")) {
            advice.add(spark.set("spark.shuffle.service.enabled", "true",
                    "The external shuffle service serves shuffle files after their executor is gone (YARN, standalone)."));
        }
        advice.add(spark.raise("spark.shuffle.io.maxRetries", "10",
                "Rides out short network or GC stalls of the serving executor before declaring a fetch failure."));
        return advice;
    }
}
