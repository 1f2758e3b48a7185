package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.ConfigSizing;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.PlanKeys;
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
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageOrigin;
import dev.sparkdoc.snapshot.StageExecutorSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** [shuffle-spill] Memory and disk spill per stage attempt, relative to the data the stage processed, with a cause. */
public final class ShuffleSpillAnalyzer implements Analyzer {

    public static final String RULE_ID = "shuffle-spill";
    private static final double SKEWED_SPILL_SHARE = 0.5;

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long minSpill = rule.thresholdLong(Thresholds.ShuffleSpill.MIN_SPILL_BYTES);
        double warningRatio = rule.threshold(Thresholds.ShuffleSpill.WARNING_SPILL_RATIO);
        long criticalDisk = rule.thresholdLong(Thresholds.ShuffleSpill.CRITICAL_DISK_SPILL);
        List<Finding> findings = new ArrayList<>();
        for (StageAttempt stage : Stages.ran(app)) {
            long memory = stage.total(TaskMetric.MEMORY_BYTES_SPILLED);
            long disk = stage.total(TaskMetric.DISK_BYTES_SPILLED);
            if (memory < minSpill) {
                continue;
            }
            long data = Math.max(stage.total(TaskMetric.SHUFFLE_READ_BYTES),
                    Math.max(stage.total(TaskMetric.INPUT_BYTES), stage.total(TaskMetric.SHUFFLE_WRITE_BYTES)));
            double ratio = data > 0 ? (double) memory / data : Double.POSITIVE_INFINITY;
            if (ratio < warningRatio) {
                continue;
            }
            Severity severity = disk >= criticalDisk ? Severity.CRITICAL : Severity.WARNING;
            findings.add(finding(app, stage, rule, severity, memory, disk, data, ratio));
        }
        return rule.outcome(findings);
    }

    /**
     * Memory spill and disk spill, defined once. Spark counts two numbers when a task's sort, aggregation or join
     * buffers leave execution memory: "memory spilled" is the size the spilled data had in memory (deserialized
     * objects), "disk spilled" the bytes written to disk for it (serialized, usually compressed, so much smaller).
     */
    static final String SPILL_DEFINITION = "memory spilled is the in-memory (deserialized) size of the data moved out"
            + " of execution memory; disk spilled is the serialized bytes written to disk for it";

    /** Said when memory spill comes with no disk spill. */
    static final String NO_DISK_SPILL = "0 B on disk: the spilled data never reached local disk as Spark counts it"
            + " (an accelerator plugin spilling to host memory, or spill Spark's disk counter does not see)";

    /**
     * More partitions for this stage. When the stage reads a shuffle and the configured shuffle partitions are below
     * what the largest shuffle needs, the setting; for input splits, smaller splits (the setting the reason names is in
     * the set); otherwise a repartition before the wide operation, named, with the plan's key or none.
     */
    private static List<Recommendation> fewerBytesPerTask(ApplicationSnapshot app, StageAttempt stage,
            SparkSettings spark, long data, boolean userCode) {
        long target = ConfigSizing.TARGET_PARTITION_BYTES;
        long wanted = Math.max(1, (data + target - 1) / target);
        boolean shuffleDominates = stage.total(TaskMetric.SHUFFLE_READ_BYTES) == data;
        boolean inputDominates = !shuffleDominates && stage.total(TaskMetric.INPUT_BYTES) == data;
        List<Recommendation> advice = new ArrayList<>();
        java.util.Optional<Recommendation.ConfigChange> raise = ConfigSizing.moreShufflePartitions(app, spark,
                "About " + Formats.bytes(target) + " per partition for the largest shuffle, so each task's data fits"
                        + " its memory.");
        if (shuffleDominates && raise.isPresent()) {
            advice.add(raise.get());
            return advice;
        }
        long perTask = data / Math.max(1, stage.numCompleteTasks());
        String source;
        if (inputDominates) {
            long current = spark.bytes("spark.sql.files.maxPartitionBytes", 1).orElse(128L << 20);
            if (current > target) {
                advice.add(spark.lower("spark.sql.files.maxPartitionBytes", SparkSettings.formatBytes(target),
                        "Input splits of " + Formats.bytes(target) + " give each task data that fits its memory."));
                return advice;
            }
            // No setting named here: the split size is already small, so no setting is in the advice either.
            source = "input files that cannot be split (the input split size is already " + Formats.bytes(current)
                    + ")";
        } else {
            source = shuffleDominates ? "the partition count this stage's shuffle was given in code"
                    : "the partitions of the data it writes";
        }
        if (!userCode) {
            return advice;
        }
        java.util.Optional<PlanKeys.Keys> keys = Stages.sql(app, stage).flatMap(PlanKeys::likelyShuffleKeys);
        String operator = TinyTasksAnalyzer.operator(stage.name());
        String name = Formats.oneLine(Stages.describe(stage), 120);
        String javaKeys = keys.map(k -> ", " + String.join(", ", k.keys().stream().map(key -> "col(\"" + key + "\")")
                .toList())).orElse("");
        String pyKeys = keys.map(k -> ", " + String.join(", ", k.keys().stream().map(key -> "\"" + key + "\"")
                .toList())).orElse("");
        advice.add(new Recommendation.CodeChange("repartition",
                "Repartition to about " + wanted + " partitions before the " + operator + " of " + name
                        + keys.map(k -> " by its " + k.kind() + " key " + k.describe()).orElse("") + ": df.repartition("
                        + wanted + javaKeys.replace("\"", "\"") + ").",
                java.util.Map.of("java", "df = df.repartition(" + wanted + javaKeys + ");  // before " + operator + "\n",
                        "scala", "val repartitioned = df.repartition(" + wanted + javaKeys + ")  // before " + operator
                                + "\n",
                        "pyspark", "df = df.repartition(" + wanted + pyKeys + ")  # before " + operator + "\n"),
                "Its " + Formats.bytes(perTask) + " per task come from " + source + "; about " + Formats.bytes(target)
                        + " per partition fits a task's memory."));
        return advice;
    }

    private Finding finding(ApplicationSnapshot app, StageAttempt stage, RuleContext rule, Severity severity,
            long memory, long disk, long data, double ratio) {
        SparkSettings spark = new SparkSettings(app);
        StageOrigin origin = app.origin(stage);
        boolean userCode = !origin.isSparkInternal();
        if (origin.isSparkInternal()) {
            severity = Severity.INFO;
        }
        Distribution spillPerTask = stage.distribution(TaskMetric.MEMORY_BYTES_SPILLED);
        double topTaskShare = spillPerTask.total() > 0 ? (double) spillPerTask.max() / spillPerTask.total() : 0;
        int tasks = Math.max(1, stage.numCompleteTasks());
        long bytesPerTask = data / tasks;
        String cause;
        List<Recommendation> recommendations = new ArrayList<>();
        if (stage.successfulTasks().size() >= 5 && topTaskShare >= SKEWED_SPILL_SHARE) {
            cause = "skew: one task (partition " + spillPerTask.maxTaskIndex() + ") spilled "
                    + Formats.percent(topTaskShare) + " of it";
            if (userCode) {
                recommendations.add(new Recommendation.CodeChange("salting",
                        "Fix the skew in " + Formats.oneLine(Stages.describe(stage), 120)
                                + " (see the data-skew finding): salt the hot key.", java.util.Map.of(),
                        "The spill sits in one partition; more memory or partitions would not split it."));
            }
        } else if (bytesPerTask > 2 * ConfigSizing.TARGET_PARTITION_BYTES) {
            cause = "too few partitions: " + Formats.bytes(bytesPerTask) + " per task on average";
            recommendations.addAll(fewerBytesPerTask(app, stage, spark, data, userCode));
        } else if (dev.sparkdoc.diagnosis.ExecutorResources.of(app).gpusPerExecutor().orElse(0) > 0) {
            // On GPU executors (RAPIDS) sorts and aggregations run in GPU memory, and what is counted as spill is
            // GPU memory written to host: executor heap changes neither, so no heap is proposed.
            cause = "GPU memory spilled to the host (" + Formats.bytes(bytesPerTask)
                    + " per task on average): the executors hold GPUs, whose memory, not the heap, ran short";
        } else {
            cause = "too little execution memory per task (" + Formats.bytes(bytesPerTask)
                    + " per task on average spilled anyway)";
            long memoryBytes = ConfigSizing.largerExecutorMemory(app, spark);
            recommendations.add(spark.raise(spark.taskMemoryKey(), SparkSettings.formatBytes(memoryBytes),
                    "More heap per task gives sorts and aggregations room before they spill."));
        }
        List<StageExecutorSummary> spilling = stage.executorSummaries().stream()
                .filter(summary -> summary.metrics().get(TaskMetric.MEMORY_BYTES_SPILLED) > 0)
                .sorted(Comparator.comparingLong((StageExecutorSummary summary) ->
                        summary.metrics().get(TaskMetric.MEMORY_BYTES_SPILLED)).reversed())
                .toList();
        String executors = spilling.stream().limit(5)
                .map(summary -> summary.executorId() + " ("
                        + Formats.bytes(summary.metrics().get(TaskMetric.MEMORY_BYTES_SPILLED)) + ")")
                .collect(Collectors.joining(", "))
                + (spilling.size() > 5 ? " and " + (spilling.size() - 5) + " more" : "");

        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.bytes("memory spilled", memory));
        evidence.add(Evidence.bytes("disk spilled", disk));
        evidence.add(Evidence.text("memory vs disk spill", SPILL_DEFINITION + (disk == 0 ? "; " + NO_DISK_SPILL : "")));
        evidence.add(Evidence.bytes("stage data (largest of shuffle read, input, shuffle write)", data));
        if (!Double.isInfinite(ratio)) {
            evidence.add(Evidence.fraction("memory spilled / stage data", ratio));
        }
        evidence.add(Evidence.text("executors that spilled", executors.isEmpty() ? "unknown" : executors));
        evidence.add(Evidence.fraction("largest task's share of the spill", topTaskShare));
        evidence.add(Evidence.text("likely cause", cause));
        evidence.add(Evidence.text("stage origin", origin.kind().label() + ": " + origin.reason()));
        String summary = Formats.oneLine(Stages.describe(stage), 200) + " spilled " + Formats.bytes(memory)
                + " from memory (" + (disk == 0 ? "0 B written to disk: see \"memory vs disk spill\""
                        : Formats.bytes(disk) + " written to disk") + ")"
                + (Double.isInfinite(ratio) ? "" : ", " + Formats.percent(ratio) + " of the data it processed")
                + "; likely cause: " + cause + ".";
        return rule.finding(severity, new Scope.Stage(stage.id()), summary, evidence, recommendations,
                OptionalLong.empty());
    }
}
