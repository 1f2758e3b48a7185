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
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.ExecutorSummary;
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * [gc-pressure] GC time over executor run time, per stage attempt and per executor; and, as information, memory
 * clearly larger than ever used.
 */
public final class GcPressureAnalyzer implements Analyzer {

    public static final String RULE_ID = "gc-pressure";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        double warning = rule.threshold("warning-fraction");
        double critical = rule.threshold("critical-fraction");
        long minTaskTime = rule.thresholdLong("min-task-time");
        SparkSettings spark = new SparkSettings(app);
        List<Finding> findings = new ArrayList<>();
        long totalRun = 0;
        long totalGc = 0;
        for (StageAttempt stage : Stages.ran(app)) {
            long run = stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            long gc = stage.total(TaskMetric.JVM_GC_TIME);
            totalRun += run;
            totalGc += gc;
            if (run < minTaskTime) {
                continue;
            }
            double fraction = (double) gc / run;
            if (fraction < warning) {
                continue;
            }
            Severity severity = fraction >= critical ? Severity.CRITICAL : Severity.WARNING;
            String summary = Formats.oneLine(Stages.describe(stage), 200) + " spent " + Formats.percent(fraction)
                    + " of its task time in GC (" + Formats.millis(gc) + " of " + Formats.millis(run) + ").";
            findings.add(rule.finding(severity, new Scope.Stage(stage.id()), summary,
                    List.of(Evidence.fraction("GC time / executor run time", fraction),
                            Evidence.millis("GC time", gc), Evidence.millis("executor run time", run)),
                    memoryAdvice(app, spark), OptionalLong.of(gc)));
        }
        for (ExecutorSummary executor : app.executors()) {
            long run = executor.totalDurationMillis();
            if (run < minTaskTime || executor.totalGcTimeMillis() == 0) {
                continue;
            }
            double fraction = (double) executor.totalGcTimeMillis() / run;
            if (fraction < warning) {
                continue;
            }
            Severity severity = fraction >= critical ? Severity.CRITICAL : Severity.WARNING;
            String summary = "Executor " + executor.id() + (executor.host().isEmpty() ? "" : " on " + executor.host())
                    + " spent " + Formats.percent(fraction) + " of its task time in GC.";
            findings.add(rule.finding(severity, new Scope.Executor(executor.id()), summary,
                    List.of(Evidence.fraction("GC time / task time", fraction),
                            Evidence.millis("GC time", executor.totalGcTimeMillis()),
                            Evidence.millis("task time", run)),
                    memoryAdvice(app, spark), OptionalLong.of(executor.totalGcTimeMillis())));
        }
        overProvisioned(app, rule, spark, totalRun, totalGc).ifPresent(findings::add);
        if (totalRun == 0) {
            return rule.notApplicable("no task reported run time");
        }
        return rule.outcome(findings);
    }

    private static java.util.Optional<Finding> overProvisioned(ApplicationSnapshot app, RuleContext rule,
            SparkSettings spark, long totalRun, long totalGc) {
        double maxGc = rule.threshold("overprovisioned-gc-fraction");
        double maxHeap = rule.threshold("overprovisioned-heap-fraction");
        long minMemory = rule.thresholdLong("overprovisioned-min-memory");
        OptionalLong configured = spark.explicit("spark.executor.memory").isPresent()
                ? spark.bytes("spark.executor.memory", 1L << 20) : OptionalLong.empty();
        OptionalLong peak = ConfigSizing.peakExecutorHeap(app);
        if (configured.isEmpty() || peak.isEmpty() || totalRun < rule.thresholdLong("min-task-time")) {
            return java.util.Optional.empty();
        }
        double gcFraction = (double) totalGc / totalRun;
        double heapFraction = (double) peak.getAsLong() / configured.getAsLong();
        if (configured.getAsLong() < minMemory || gcFraction >= maxGc || heapFraction >= maxHeap) {
            return java.util.Optional.empty();
        }
        long proposed = Math.max(1L << 30, ((peak.getAsLong() * 3 / 2) + (1L << 30) - 1) / (1L << 30) * (1L << 30));
        String summary = "Executors used at most " + Formats.bytes(peak.getAsLong()) + " of their "
                + Formats.bytes(configured.getAsLong()) + " heap and spent " + Formats.percent(gcFraction)
                + " of task time in GC: memory is over-provisioned.";
        return java.util.Optional.of(rule.finding(Severity.INFO, new Scope.Application(), summary,
                List.of(Evidence.bytes("peak executor heap", peak.getAsLong()),
                        Evidence.bytes("spark.executor.memory", configured.getAsLong()),
                        Evidence.fraction("peak heap / executor memory", heapFraction),
                        Evidence.fraction("GC time / executor run time", gcFraction)),
                List.of(spark.lower("spark.executor.memory", SparkSettings.formatBytes(proposed),
                        "1.5 times the peak heap seen still leaves headroom; the rest can go to more executors.")),
                OptionalLong.empty()));
    }

    private static List<Recommendation> memoryAdvice(ApplicationSnapshot app, SparkSettings spark) {
        long memory = ConfigSizing.largerExecutorMemory(app, spark);
        List<Recommendation> advice = new ArrayList<>();
        advice.add(spark.raise(spark.taskMemoryKey(), SparkSettings.formatBytes(memory),
                "More heap per core leaves the garbage collector room; GC cost grows steeply near a full heap."));
        boolean rddWork = Stages.ran(app).stream().anyMatch(stage -> stage.sqlExecutionId().isEmpty());
        if (rddWork && spark.effective("spark.serializer").map(s -> s.contains("JavaSerializer")).orElse(true)) {
            advice.add(spark.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer",
                    "Kryo produces fewer, smaller objects than Java serialization for RDD and cached data."));
        }
        return advice;
    }
}
