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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** [tiny-tasks] Stages with very many tasks that each do almost nothing. */
public final class TinyTasksAnalyzer implements Analyzer {

    public static final String RULE_ID = "tiny-tasks";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long minTasks = rule.thresholdLong("min-tasks");
        long maxMedian = rule.thresholdLong("max-median-duration");
        SparkSettings spark = new SparkSettings(app);
        List<Finding> findings = new ArrayList<>();
        for (StageAttempt stage : Stages.ran(app)) {
            if (stage.successfulTasks().size() < minTasks) {
                continue;
            }
            Distribution duration = stage.distribution(TaskMetric.DURATION);
            if (duration.median() >= maxMedian) {
                continue;
            }
            long tasks = stage.successfulTasks().size();
            long run = stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            long overhead = Math.max(0, duration.total() - run);
            long shuffleRead = stage.total(TaskMetric.SHUFFLE_READ_BYTES);
            long input = stage.total(TaskMetric.INPUT_BYTES);
            List<Recommendation> advice = new ArrayList<>();
            long wanted = Math.max(1, tasks / 10);
            if (shuffleRead > 0) {
                long sized = ConfigSizing.shufflePartitions(app, ConfigSizing.TARGET_PARTITION_BYTES);
                advice.add(spark.lower("spark.sql.shuffle.partitions", Long.toString(Math.min(sized, wanted)),
                        "Fewer, larger shuffle partitions: about " + Formats.bytes(ConfigSizing.TARGET_PARTITION_BYTES)
                                + " each for the largest shuffle."));
                if (spark.sparkMajor() >= 3) {
                    advice.add(spark.set("spark.sql.adaptive.enabled", "true",
                            "Adaptive execution coalesces small shuffle partitions at run time."));
                }
            } else if (input > 0) {
                advice.add(spark.raise("spark.sql.files.maxPartitionBytes", "256m",
                        "Packs more small input files into each task."));
            }
            advice.add(new Recommendation.CodeChange("coalesce",
                    "Reduce the partition count before this stage: coalesce(" + wanted + ") (no shuffle).",
                    Map.of("java", "df = df.coalesce(" + wanted + ");\n", "scala", "val fewer = df.coalesce(" + wanted
                            + ")\n", "pyspark", "df = df.coalesce(" + wanted + ")\n"),
                    "Tens of milliseconds of scheduling per task dominate tasks this short."));
            String summary = Formats.oneLine(Stages.describe(stage), 200) + " ran " + Formats.count(tasks)
                    + " tasks with a median of " + Formats.millis(duration.median()) + "; "
                    + Formats.millis(overhead) + " of their time was outside the task code.";
            findings.add(rule.finding(Severity.WARNING, new Scope.Stage(stage.id()), summary,
                    List.of(Evidence.count("tasks", tasks), Evidence.millis("median task duration", duration.median()),
                            Evidence.millis("task time outside executor run time", overhead),
                            Evidence.bytes("shuffle read", shuffleRead), Evidence.bytes("input", input)),
                    advice, OptionalLong.of(overhead)));
        }
        return rule.outcome(findings);
    }
}
