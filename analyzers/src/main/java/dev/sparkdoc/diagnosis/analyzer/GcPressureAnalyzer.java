package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.ConfigSizing;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Impact;
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
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageExecutorSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Stages shorter than this, submitted before any stage completed, are the JVMs' warm-up (class loading, JIT). */
    static final long WARM_UP_MAX_WALL_MILLIS = 10_000;

    /** Said wherever GC time exceeds run time; the one place that explains it. */
    static final String GC_ABOVE_RUN_TIME = "GC time can exceed run time: Spark measures each task's GC as the"
            + " executor JVM's collection time over the task's span, so a collection counts in every task running at"
            + " the time, and concurrent collector threads count too";

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        double warning = rule.threshold(Thresholds.GcPressure.WARNING_FRACTION);
        double critical = rule.threshold(Thresholds.GcPressure.CRITICAL_FRACTION);
        long minTaskTime = rule.thresholdLong(Thresholds.GcPressure.MIN_TASK_TIME);
        long minGcTime = rule.thresholdLong(Thresholds.GcPressure.MIN_GC_TIME);
        SparkSettings spark = new SparkSettings(app);
        Impact impact = Impact.of(app);
        List<Finding> findings = new ArrayList<>();
        long totalRun = 0;
        long totalGc = 0;
        long firstCompletion = Stages.ran(app).stream().filter(stage -> stage.completionTime().isPresent())
                .mapToLong(stage -> stage.completionTime().getAsLong()).min().orElse(Long.MAX_VALUE);
        // Per executor, only the stages judged here: GC in warm-up, sub-second and Spark's own stages does not count.
        Map<String, long[]> byExecutor = new LinkedHashMap<>();
        // The wall time all judged stages would save without their GC: what an executor finding's severity rests on.
        long judgedSaved = 0;
        for (StageAttempt stage : Stages.ran(app)) {
            long run = stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            long gc = stage.total(TaskMetric.JVM_GC_TIME);
            totalRun += run;
            totalGc += gc;
            long wall = stage.durationMillis().orElse(0);
            if (app.origin(stage).isSparkInternal() || wall < Impact.MIN_STAGE_WALL_MILLIS
                    || warmUp(stage, wall, firstCompletion)) {
                continue;
            }
            if (run > 0) {
                judgedSaved += impact.savedFromShare(stage, (double) gc / run);
            }
            for (StageExecutorSummary executor : stage.executorSummaries()) {
                long[] sums = byExecutor.computeIfAbsent(executor.executorId(), id -> new long[2]);
                sums[0] += executor.metrics().get(TaskMetric.EXECUTOR_RUN_TIME);
                sums[1] += executor.metrics().get(TaskMetric.JVM_GC_TIME);
            }
            if (run < minTaskTime || gc < minGcTime) {
                continue;
            }
            double fraction = (double) gc / run;
            if (fraction < warning) {
                continue;
            }
            Severity wanted = fraction >= critical ? Severity.CRITICAL : Severity.WARNING;
            long saved = impact.savedFromShare(stage, fraction);
            Severity severity = impact.cap(wanted, saved);
            String summary = Formats.oneLine(Stages.describe(stage), 200) + (fraction > 1
                    ? ": its tasks' GC time (" + Formats.millis(gc) + ", summed over tasks) exceeded their run time ("
                            + Formats.millis(run) + "): " + GC_ABOVE_RUN_TIME + "; the JVMs collected most of the time."
                    : " spent " + Formats.percent(fraction) + " of its task time in GC (" + Formats.millis(gc)
                            + " of " + Formats.millis(run) + ", summed over tasks).");
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.fraction("GC time / executor run time", fraction));
            evidence.add(Evidence.millis("GC time (core time, summed over tasks)", gc));
            evidence.add(Evidence.millis("executor run time (core time, summed over tasks)", run));
            evidence.add(Evidence.millis("stage wall time", wall));
            evidence.addAll(impact.savedEvidence(saved));
            if (fraction > 1) {
                evidence.add(Evidence.text("GC above run time", GC_ABOVE_RUN_TIME));
            }
            findings.add(rule.finding(severity, new Scope.Stage(stage.id()), summary, evidence,
                    memoryAdvice(app, spark), OptionalLong.of(saved)));
        }
        for (ExecutorSummary executor : app.executors()) {
            long[] sums = byExecutor.get(executor.id());
            if (sums == null) {
                continue;
            }
            long run = sums[0];
            long gc = sums[1];
            if (run < minTaskTime || gc < minGcTime) {
                continue;
            }
            double fraction = (double) gc / run;
            if (fraction < warning) {
                continue;
            }
            Severity severity = impact.cap(fraction >= critical ? Severity.CRITICAL : Severity.WARNING, judgedSaved);
            String summary = "Executor " + executor.id() + (executor.host().isEmpty() ? "" : " on " + executor.host())
                    + " spent " + Formats.percent(fraction) + " of its task run time in GC (" + Formats.millis(gc)
                    + " of " + Formats.millis(run) + " of core time, in the stages judged)"
                    + (fraction > 1 ? ": " + GC_ABOVE_RUN_TIME : "") + ".";
            // Core time on one executor, not wall time: no time lost (the stage findings carry it).
            findings.add(rule.finding(severity, new Scope.Executor(executor.id()), summary,
                    List.of(Evidence.fraction("GC time / executor run time", fraction),
                            Evidence.millis("GC time (core time)", gc),
                            Evidence.millis("executor run time (core time)", run),
                            Evidence.text("stages counted", "the user's stages of at least a second, after warm-up")),
                    memoryAdvice(app, spark), OptionalLong.empty()));
        }
        overProvisioned(app, rule, spark, totalRun, totalGc).ifPresent(findings::add);
        if (totalRun == 0) {
            return rule.notApplicable("no task reported run time");
        }
        return rule.outcome(findings);
    }

    /** A short stage submitted before any stage completed: its GC is the JVMs' warm-up, not the job's. */
    static boolean warmUp(StageAttempt stage, long wall, long firstCompletion) {
        return wall < WARM_UP_MAX_WALL_MILLIS && stage.submissionTime().isPresent()
                && stage.submissionTime().getAsLong() < firstCompletion;
    }

    private static java.util.Optional<Finding> overProvisioned(ApplicationSnapshot app, RuleContext rule,
            SparkSettings spark, long totalRun, long totalGc) {
        double maxGc = rule.threshold(Thresholds.GcPressure.OVERPROVISIONED_GC_FRACTION);
        double maxHeap = rule.threshold(Thresholds.GcPressure.OVERPROVISIONED_HEAP_FRACTION);
        long minMemory = rule.thresholdLong(Thresholds.GcPressure.OVERPROVISIONED_MIN_MEMORY);
        OptionalLong configured = spark.explicit("spark.executor.memory").isPresent()
                ? spark.bytes("spark.executor.memory", 1L << 20) : OptionalLong.empty();
        OptionalLong peak = ConfigSizing.peakExecutorHeap(app);
        if (configured.isEmpty() || peak.isEmpty() || totalRun < rule.thresholdLong(Thresholds.GcPressure.MIN_TASK_TIME)) {
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
