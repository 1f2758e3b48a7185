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
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.StageAttempt;
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
        long minSpill = rule.thresholdLong("min-spill-bytes");
        double warningRatio = rule.threshold("warning-spill-ratio");
        long criticalDisk = rule.thresholdLong("critical-disk-spill");
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
     * More partitions for this stage. When the stage reads a shuffle and the configured shuffle partitions are below
     * what the largest shuffle needs, the setting; otherwise (file input, or a partition count fixed in code) a
     * repartition before the wide operation.
     */
    private static Recommendation fewerBytesPerTask(ApplicationSnapshot app, StageAttempt stage, SparkSettings spark,
            long data) {
        long target = ConfigSizing.TARGET_PARTITION_BYTES;
        long wanted = Math.max(1, (data + target - 1) / target);
        boolean shuffleDominates = stage.total(TaskMetric.SHUFFLE_READ_BYTES) == data;
        java.util.Optional<Recommendation.ConfigChange> raise = ConfigSizing.moreShufflePartitions(app, spark,
                "About " + Formats.bytes(target) + " per partition for the largest shuffle, so each task's data fits"
                        + " its memory.");
        if (shuffleDominates && raise.isPresent()) {
            return raise.get();
        }
        String source = shuffleDominates ? "the partition count this stage's shuffle was given in code"
                : stage.total(TaskMetric.INPUT_BYTES) == data ? "the input splits (files that cannot be split, or"
                        + " spark.sql.files.maxPartitionBytes too large)" : "the partitions of the data it writes";
        return new Recommendation.CodeChange("repartition",
                "Repartition to about " + wanted + " partitions before this stage's sort or aggregation: "
                        + "df.repartition(" + wanted + ", col(\"key\")).",
                java.util.Map.of("java", "df = df.repartition(" + wanted + ", col(\"key\"));\n",
                        "scala", "val repartitioned = df.repartition(" + wanted + ", col(\"key\"))\n",
                        "pyspark", "df = df.repartition(" + wanted + ", \"key\")\n"),
                "Its " + Formats.bytes(data / Math.max(1, stage.numCompleteTasks())) + " per task come from " + source
                        + "; about " + Formats.bytes(target) + " per partition fits a task's memory.");
    }

    private Finding finding(ApplicationSnapshot app, StageAttempt stage, RuleContext rule, Severity severity,
            long memory, long disk, long data, double ratio) {
        SparkSettings spark = new SparkSettings(app);
        Distribution spillPerTask = stage.distribution(TaskMetric.MEMORY_BYTES_SPILLED);
        double topTaskShare = spillPerTask.total() > 0 ? (double) spillPerTask.max() / spillPerTask.total() : 0;
        int tasks = Math.max(1, stage.numCompleteTasks());
        long bytesPerTask = data / tasks;
        String cause;
        List<Recommendation> recommendations = new ArrayList<>();
        if (stage.successfulTasks().size() >= 5 && topTaskShare >= SKEWED_SPILL_SHARE) {
            cause = "skew: one task (partition " + spillPerTask.maxTaskIndex() + ") spilled "
                    + Formats.percent(topTaskShare) + " of it";
            recommendations.add(new Recommendation.CodeChange("salting",
                    "Fix the skew in this stage (see the data-skew finding): salt the hot key.", java.util.Map.of(),
                    "The spill sits in one partition; more memory or partitions would not split it."));
        } else if (bytesPerTask > 2 * ConfigSizing.TARGET_PARTITION_BYTES) {
            cause = "too few partitions: " + Formats.bytes(bytesPerTask) + " per task on average";
            recommendations.add(fewerBytesPerTask(app, stage, spark, data));
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
        evidence.add(Evidence.bytes("stage data (largest of shuffle read, input, shuffle write)", data));
        if (!Double.isInfinite(ratio)) {
            evidence.add(Evidence.fraction("memory spilled / stage data", ratio));
        }
        evidence.add(Evidence.text("executors that spilled", executors.isEmpty() ? "unknown" : executors));
        evidence.add(Evidence.fraction("largest task's share of the spill", topTaskShare));
        evidence.add(Evidence.text("likely cause", cause));
        String summary = Formats.oneLine(Stages.describe(stage), 200) + " spilled " + Formats.bytes(memory)
                + " from memory (" + Formats.bytes(disk) + " on disk)"
                + (Double.isInfinite(ratio) ? "" : ", " + Formats.percent(ratio) + " of the data it processed")
                + "; likely cause: " + cause + ".";
        return rule.finding(severity, new Scope.Stage(stage.id()), summary, evidence, recommendations,
                OptionalLong.empty());
    }
}
