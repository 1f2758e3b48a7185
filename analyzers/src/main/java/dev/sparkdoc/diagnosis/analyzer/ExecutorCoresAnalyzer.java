package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.ExecutorResources;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * [executor-cores] Executors with one core, or with many. Not judged when executors hold GPUs (GPU slots, not cores,
 * bound how many tasks run at once), nor when the application's cores cannot be regrouped into executors of the
 * proposed size (fewer cores in all than one such executor has), nor on Databricks (one executor per worker, sized by
 * the instance type).
 */
public final class ExecutorCoresAnalyzer implements Analyzer {

    public static final String RULE_ID = "executor-cores";
    /** Cores per executor that usually balance memory sharing against contention. */
    static final long BALANCED_CORES = 4;

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long minCores = rule.thresholdLong(Thresholds.ExecutorCores.MIN_CORES);
        long maxCores = rule.thresholdLong(Thresholds.ExecutorCores.MAX_CORES);
        double contentionGc = rule.threshold(Thresholds.ExecutorCores.CONTENTION_GC_FRACTION);
        ExecutorResources resources = ExecutorResources.of(app);
        if (resources.executors() == 0 || resources.coresPerExecutor().isEmpty()) {
            return rule.notApplicable("no executors besides the driver (local mode), or the log gives no core counts");
        }
        if (resources.hasGpus()) {
            double gpus = resources.gpusPerExecutor().getAsDouble();
            return rule.notApplicable("executors hold " + (gpus == Math.rint(gpus) ? Long.toString((long) gpus)
                    : Double.toString(gpus))
                    + " GPU(s) each: GPU slots, not cores, bound how many tasks run at once");
        }
        if (app.sparkProperties().keySet().stream().anyMatch(key -> key.startsWith("spark.databricks."))) {
            return rule.notApplicable("Databricks runs one executor per worker, its cores fixed by the instance type; "
                    + "choose a different instance type instead");
        }
        int cores = resources.coresPerExecutor().getAsInt();
        if (cores >= minCores && cores <= maxCores) {
            return rule.outcome(List.of());
        }
        long proposedCores = Math.max(minCores, Math.min(maxCores, BALANCED_CORES));
        long totalCores = resources.totalCores();
        if (cores < minCores && totalCores < proposedCores) {
            return rule.notApplicable("the application had " + totalCores + " core(s) in all: too few to regroup into "
                    + "executors of " + proposedCores + " cores; more cores, not a different grouping, would help");
        }
        long runTime = 0;
        long gcTime = 0;
        for (StageAttempt stage : Stages.ran(app)) {
            runTime += stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            gcTime += stage.total(TaskMetric.JVM_GC_TIME);
        }
        double gcShare = runTime > 0 ? (double) gcTime / runTime : 0;
        // Many cores matter when they contend for the heap; without that sign the layout is only unusual.
        boolean contention = cores < minCores || gcShare >= contentionGc;
        Severity severity = cores >= 2 * maxCores && contention ? Severity.WARNING : Severity.INFO;
        SparkSettings spark = new SparkSettings(app);
        long executorsNeeded = Math.max(1, (totalCores + proposedCores - 1) / proposedCores);
        String memoryNote = resources.memoryPerCore().isPresent()
                ? " Keep " + Formats.bytes(resources.memoryPerCore().getAsLong())
                        + " of spark.executor.memory per core (the merged advice scales it)."
                : " Scale spark.executor.memory with the cores to keep memory per core.";
        String summary = resources.executors() + " executor(s) ran with " + cores + " core(s) each; "
                + proposedCores + " cores per executor (" + executorsNeeded + " executors for the same "
                + totalCores + " cores) usually balances memory sharing and contention"
                + (contention ? "." : "; GC took only " + Formats.percent(gcShare) + " of executor run time, so "
                        + "nothing shows the cores contending and no change is proposed.");
        List<Evidence> evidence = new ArrayList<>(List.of(Evidence.count("cores per executor", cores),
                Evidence.count("executors", resources.executors())));
        resources.memoryPerCore().ifPresent(bytes -> evidence.add(Evidence.bytes("executor memory per core", bytes)));
        evidence.add(Evidence.fraction("GC time / executor run time", gcShare));
        String key = "spark.executor.cores";
        String why = proposedCores + " cores per executor." + memoryNote;
        List<Recommendation> advice = !contention ? List.of()
                : List.of(proposedCores > cores ? spark.raise(key, Long.toString(proposedCores), why)
                        : spark.lower(key, Long.toString(proposedCores), why));
        return rule.outcome(List.of(rule.finding(severity, new Scope.Application(), summary, evidence, advice,
                OptionalLong.empty())));
    }
}
