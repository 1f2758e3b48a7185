package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** [executor-cores] Executors with one core, or with many. */
public final class ExecutorCoresAnalyzer implements Analyzer {

    public static final String RULE_ID = "executor-cores";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long minCores = rule.thresholdLong("min-cores");
        long maxCores = rule.thresholdLong("max-cores");
        List<ExecutorSummary> executors = app.executors().stream()
                .filter(e -> !e.isDriver() && e.totalCores() > 0).toList();
        if (executors.isEmpty()) {
            return rule.notApplicable("no executors besides the driver (local mode), or the log gives no core counts");
        }
        Map<Integer, Integer> byCores = new TreeMap<>();
        for (ExecutorSummary executor : executors) {
            byCores.merge(executor.totalCores(), 1, Integer::sum);
        }
        int cores = byCores.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        if (cores >= minCores && cores <= maxCores) {
            return rule.outcome(List.of());
        }
        Severity severity = cores >= 2 * maxCores ? Severity.WARNING : Severity.INFO;
        SparkSettings spark = new SparkSettings(app);
        long totalCores = (long) cores * executors.size();
        long proposedCores = 4;
        long executorsNeeded = Math.max(1, (totalCores + proposedCores - 1) / proposedCores);
        String summary = executors.size() + " executor(s) ran with " + cores + " core(s) each; "
                + proposedCores + " cores per executor (" + executorsNeeded + " executors for the same "
                + totalCores + " cores) usually balances memory sharing and contention.";
        return rule.outcome(List.of(rule.finding(severity, new Scope.Application(), summary,
                List.of(Evidence.count("cores per executor", cores), Evidence.count("executors", executors.size())),
                List.of(spark.lower("spark.executor.cores", Long.toString(proposedCores),
                        "Four cores per executor; scale spark.executor.memory per core accordingly.")),
                OptionalLong.empty())));
    }
}
