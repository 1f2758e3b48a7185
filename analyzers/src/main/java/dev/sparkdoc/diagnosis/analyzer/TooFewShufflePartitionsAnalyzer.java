package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.ConfigSizing;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
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
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** [too-few-shuffle-partitions] Stages that read far more shuffle data per task than the target partition size. */
public final class TooFewShufflePartitionsAnalyzer implements Analyzer {

    public static final String RULE_ID = "too-few-shuffle-partitions";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long target = rule.thresholdLong(Thresholds.TooFewShufflePartitions.TARGET_PARTITION_BYTES);
        double factor = rule.threshold(Thresholds.TooFewShufflePartitions.WARNING_FACTOR);
        long minBytes = rule.thresholdLong(Thresholds.TooFewShufflePartitions.MIN_STAGE_SHUFFLE_BYTES);
        SparkSettings spark = new SparkSettings(app);
        List<Finding> findings = new ArrayList<>();
        for (StageAttempt stage : Stages.ran(app)) {
            long read = stage.total(TaskMetric.SHUFFLE_READ_BYTES);
            int tasks = Math.max(stage.numTasks(), stage.numCompleteTasks());
            if (read < minBytes || tasks == 0) {
                continue;
            }
            long perTask = read / tasks;
            if (perTask <= factor * target) {
                continue;
            }
            long partitions = ConfigSizing.shufflePartitions(app, target);
            String summary = Formats.oneLine(Stages.describe(stage), 200) + " read " + Formats.bytes(read)
                    + " of shuffle data in " + tasks + " tasks, " + Formats.bytes(perTask) + " per task; about "
                    + partitions + " partitions would give " + Formats.bytes(target) + " each.";
            findings.add(rule.finding(Severity.WARNING, new Scope.Stage(stage.id()), summary,
                    List.of(Evidence.bytes("shuffle read", read), Evidence.count("tasks", tasks),
                            Evidence.bytes("shuffle read per task", perTask),
                            Evidence.bytes("largest shuffle of any stage", ConfigSizing.largestStageShuffleBytes(app)),
                            Evidence.count("proposed partitions", partitions)),
                    List.of(spark.raise("spark.sql.shuffle.partitions", Long.toString(partitions),
                            "Sized from the largest stage's shuffle bytes at " + Formats.bytes(target)
                                    + " per partition, in whole waves over the cores.")),
                    OptionalLong.empty()));
        }
        return rule.outcome(findings);
    }
}
