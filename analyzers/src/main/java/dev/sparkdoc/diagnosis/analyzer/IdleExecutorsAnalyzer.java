package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.rules.ThresholdUnit;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** [idle-executors] Allocated executor core time against the task time that used it. */
public final class IdleExecutorsAnalyzer implements Analyzer {

    public static final String RULE_ID = "idle-executors";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        double warning = rule.threshold(Thresholds.IdleExecutors.WARNING_UTILIZATION);
        double critical = rule.threshold(Thresholds.IdleExecutors.CRITICAL_UTILIZATION);
        long minDuration = rule.thresholdLong(Thresholds.IdleExecutors.MIN_APP_DURATION);
        long minIdle = rule.thresholdLong(Thresholds.IdleExecutors.MIN_IDLE_CORE_TIME);
        List<ExecutorSummary> executors = app.executors().stream().filter(e -> !e.isDriver()).toList();
        if (executors.isEmpty()) {
            return rule.notApplicable("no executors besides the driver (local mode)");
        }
        OptionalLong appDuration = app.application().durationMillis();
        if (appDuration.isEmpty() || app.application().startTime().isEmpty()) {
            return rule.notApplicable("the log has no application start or end time");
        }
        if (appDuration.getAsLong() < minDuration) {
            return rule.outcome(List.of());
        }
        long end = app.application().startTime().getAsLong() + appDuration.getAsLong();
        long allocated = 0;
        long busy = 0;
        for (ExecutorSummary executor : executors) {
            if (executor.addTime().isEmpty() || executor.totalCores() <= 0) {
                continue;
            }
            long removed = executor.removeTime().orElse(end);
            allocated += Math.max(0, removed - executor.addTime().getAsLong()) * executor.totalCores();
            busy += executor.totalDurationMillis();
        }
        if (allocated == 0) {
            return rule.notApplicable("the log does not say when executors were added or how many cores they had");
        }
        double utilization = Math.min(1.0, (double) busy / allocated);
        if (utilization >= warning || allocated - busy < minIdle) {
            return rule.outcome(List.of());
        }
        Severity severity = utilization < critical ? Severity.CRITICAL : Severity.WARNING;
        double idleCoreHours = (allocated - busy) / 3_600_000.0;
        SparkSettings spark = new SparkSettings(app);
        List<dev.sparkdoc.diagnosis.Recommendation> advice = new ArrayList<>();
        if (!spark.flag("spark.dynamicAllocation.enabled")) {
            advice.add(spark.set("spark.dynamicAllocation.enabled", "true",
                    "Releases executors that have no tasks and requests them again when work arrives."));
            if (!spark.flag("spark.shuffle.service.enabled")) {
                advice.add(spark.set("spark.dynamicAllocation.shuffleTracking.enabled", "true",
                        "Dynamic allocation must keep executors whose shuffle files are still needed."));
            }
        } else {
            advice.add(spark.lower("spark.dynamicAllocation.executorIdleTimeout", "30s",
                    "Gives idle executors back sooner."));
        }
        String summary = "Executors were busy " + Formats.percent(utilization) + " of the core time they held: "
                + ThresholdUnit.fixed(idleCoreHours, 1) + " core-hours idle over "
                + Formats.millis(appDuration.getAsLong()) + ".";
        return rule.outcome(List.of(rule.finding(severity, new Scope.Application(), summary,
                List.of(Evidence.fraction("core utilization (task time / allocated core time)", utilization),
                        Evidence.millis("allocated core time", allocated), Evidence.millis("task time", busy),
                        Evidence.count("executors", executors.size())),
                advice, OptionalLong.empty())));
    }
}
