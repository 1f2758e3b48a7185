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
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageOrigin;
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
        long minTasks = rule.thresholdLong(Thresholds.TinyTasks.MIN_TASKS);
        long maxMedian = rule.thresholdLong(Thresholds.TinyTasks.MAX_MEDIAN_DURATION);
        SparkSettings spark = new SparkSettings(app);
        Impact impact = Impact.of(app);
        List<Finding> findings = new ArrayList<>();
        for (StageAttempt stage : Stages.ran(app)) {
            if (stage.successfulTasks().size() < minTasks) {
                continue;
            }
            Distribution duration = stage.distribution(TaskMetric.DURATION);
            if (duration.median() >= maxMedian) {
                continue;
            }
            StageOrigin origin = app.origin(stage);
            if (origin.isSparkInternal()) {
                // Spark's own stages (file listing, broadcast, metadata): nothing the user's code can size.
                continue;
            }
            long tasks = stage.successfulTasks().size();
            long run = stage.total(TaskMetric.EXECUTOR_RUN_TIME);
            long overhead = Math.max(0, duration.total() - run);
            long shuffleRead = stage.total(TaskMetric.SHUFFLE_READ_BYTES);
            long input = stage.total(TaskMetric.INPUT_BYTES);
            String name = Formats.oneLine(Stages.describe(stage), 120);
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
            if (origin.isUser() && shuffleRead == 0) {
                // Code advice only where the user's code made the partitions: not a shuffle the settings size.
                String operator = operator(stage.name());
                advice.add(new Recommendation.CodeChange("coalesce",
                        "Reduce the partition count of the data " + name + " runs on: coalesce(" + wanted
                                + ") (no shuffle) on the DataFrame or RDD before its " + operator + ".",
                        Map.of("java", "df = df.coalesce(" + wanted + ");  // before " + operator + "\n",
                                "scala", "val fewer = df.coalesce(" + wanted + ")  // before " + operator + "\n",
                                "pyspark", "df = df.coalesce(" + wanted + ")  # before " + operator + "\n"),
                        "Tens of milliseconds of scheduling per task dominate tasks this short."));
            }
            double overheadShare = duration.total() > 0 ? (double) overhead / duration.total() : 0;
            long saved = impact.savedFromShare(stage, overheadShare);
            Severity severity = impact.cap(Severity.WARNING, saved);
            String summary = name + " ran " + Formats.count(tasks) + " tasks with a median of "
                    + Formats.millis(duration.median()) + "; " + Formats.millis(overhead)
                    + " of their time (core time, summed over tasks) was outside the task code.";
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.count("tasks", tasks));
            evidence.add(Evidence.millis("median task duration", duration.median()));
            evidence.add(Evidence.millis("task time outside executor run time (core time)", overhead));
            evidence.add(Evidence.bytes("shuffle read", shuffleRead));
            evidence.add(Evidence.bytes("input", input));
            evidence.addAll(impact.savedEvidence(saved));
            evidence.add(Evidence.text("stage origin", origin.kind().label() + ": " + origin.reason()));
            findings.add(rule.finding(severity, new Scope.Stage(stage.id()), summary, evidence, advice,
                    OptionalLong.of(saved)));
        }
        return rule.outcome(findings);
    }

    /**
     * The operation in a stage name ("save()" in "save at Job.scala:42"), or "first operation" when the name has none
     * a user wrote (an anonymous function of AQE's threads, a lambda).
     */
    static String operator(String stageName) {
        int at = stageName.indexOf(" at ");
        String operation = at > 0 ? stageName.substring(0, at).trim() : "";
        return operation.matches("[A-Za-z_][A-Za-z0-9_]*") ? operation + "()" : "first operation";
    }
}
