package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.PlanKeys;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.SaltingAdvice;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * [data-skew] Per stage attempt, max/median of task duration, shuffle read bytes and input bytes over successful
 * tasks, gated so that trivial stages stay quiet.
 */
public final class DataSkewAnalyzer implements Analyzer {

    public static final String RULE_ID = "data-skew";
    private static final int MAX_HOT_PARTITIONS = 5;

    /** The metrics skew is measured on, in order of preference when ratios tie. */
    private static final List<TaskMetric> BYTE_METRICS = List.of(TaskMetric.SHUFFLE_READ_BYTES, TaskMetric.INPUT_BYTES);

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        double warning = rule.threshold("warning-ratio");
        double critical = rule.threshold("critical-ratio");
        long minMaxDuration = rule.thresholdLong("min-max-task-duration");
        long minMaxBytes = rule.thresholdLong("min-max-bytes");
        long minTimeLost = rule.thresholdLong("min-time-lost");
        double minStageShare = rule.threshold("min-stage-share");
        long minTasks = rule.thresholdLong("min-tasks");

        List<StageAttempt> ran = Stages.ran(app);
        if (ran.stream().allMatch(stage -> stage.successfulTasks().isEmpty())) {
            return rule.notApplicable("the log has no successful task with metrics (a compacted log, or no task ran)");
        }
        List<Finding> findings = new ArrayList<>();
        for (StageAttempt stage : ran) {
            TaskTable tasks = stage.successfulTasks();
            if (tasks.size() < minTasks) {
                continue;
            }
            Distribution duration = stage.distribution(TaskMetric.DURATION);
            long timeLost = duration.max() - duration.median();
            long stageDuration = Stages.durationMillis(stage, duration.max());
            if (timeLost < minTimeLost || duration.max() < minStageShare * stageDuration) {
                continue;
            }
            Skew worst = null;
            if (duration.max() >= minMaxDuration && duration.median() > 0) {
                worst = new Skew(TaskMetric.DURATION, duration, (double) duration.max() / duration.median());
            }
            for (TaskMetric metric : BYTE_METRICS) {
                Distribution bytes = stage.distribution(metric);
                if (bytes.max() < minMaxBytes) {
                    continue;
                }
                double ratio = (double) bytes.max() / Math.max(1, bytes.median());
                if (worst == null || ratio > worst.ratio()) {
                    worst = new Skew(metric, bytes, ratio);
                }
            }
            if (worst == null || worst.ratio() < warning) {
                continue;
            }
            Severity severity = worst.ratio() >= critical ? Severity.CRITICAL : Severity.WARNING;
            findings.add(finding(app, stage, rule, severity, worst, duration, warning, timeLost));
        }
        return rule.outcome(findings);
    }

    private record Skew(TaskMetric metric, Distribution distribution, double ratio) {
    }

    private Finding finding(ApplicationSnapshot app, StageAttempt stage, RuleContext rule, Severity severity,
            Skew skew, Distribution duration, double warningRatio, long timeLost) {
        TaskTable tasks = stage.successfulTasks();
        TaskMetric metric = skew.metric();
        Distribution distribution = skew.distribution();
        long hotFloor = (long) Math.ceil(warningRatio * Math.max(1, distribution.median()));
        TaskTable.Tail hot = tasks.atLeast(metric, hotFloor);
        List<Integer> shown = IntStream.of(tasks.top(metric, MAX_HOT_PARTITIONS))
                .filter(row -> tasks.value(metric, row) >= hotFloor)
                .boxed()
                .toList();
        double share = distribution.total() > 0 ? (double) hot.sum() / distribution.total() : 0;

        Optional<SqlExecution> sql = Stages.sql(app, stage);
        Optional<PlanKeys.Keys> keys = sql.flatMap(PlanKeys::likelyShuffleKeys);
        boolean join = sql.map(PlanKeys::hasShuffleJoin).orElse(false);

        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.ratio(ratioName(metric), skew.ratio()));
        evidence.add(Evidence.millis("task duration max", duration.max()));
        evidence.add(Evidence.millis("task duration median", duration.median()));
        if (metric != TaskMetric.DURATION) {
            evidence.add(Evidence.bytes(label(metric) + " max", distribution.max()));
            evidence.add(Evidence.bytes(label(metric) + " median", distribution.median()));
        } else {
            evidence.add(Evidence.ratio("task duration max/median", (double) duration.max()
                    / Math.max(1, duration.median())));
        }
        evidence.add(Evidence.text("hot partitions", describeRows(tasks, shown, hot)));
        evidence.add(Evidence.fraction("hot partitions' share of the stage's " + label(metric)
                + (hot.exact() ? "" : " (at least)"), share));
        evidence.add(Evidence.millis("time lost to the slowest task (max - median)", timeLost));
        evidence.add(Evidence.count("successful tasks", tasks.size()));
        keys.ifPresent(k -> evidence.add(Evidence.text(k.kind() + " key (from the SQL plan)", k.describe())));

        int buckets = SaltingAdvice.bucketsFor(skew.ratio());
        String key = keys.map(k -> k.keys().get(0)).orElse("key");
        String why = "Splits the hot " + (keys.isPresent() ? key : "key") + " over " + buckets
                + " tasks, so no task holds more than about a median partition's share.";
        List<Recommendation> recommendations = new ArrayList<>();
        recommendations.add(join ? SaltingAdvice.join(key, buckets, why) : SaltingAdvice.aggregation(key, buckets, why));
        SparkSettings spark = new SparkSettings(app);
        if (spark.sparkMajor() >= 3) {
            if (!spark.flag("spark.sql.adaptive.enabled")) {
                recommendations.add(spark.set("spark.sql.adaptive.enabled", "true",
                        "Adaptive execution re-plans with real partition sizes and is needed for skew-join handling."));
            }
            if (join && !spark.flag("spark.sql.adaptive.skewJoin.enabled")) {
                recommendations.add(spark.set("spark.sql.adaptive.skewJoin.enabled", "true",
                        "Lets Spark split the skewed join partitions itself."));
            }
        }

        int hottest = shown.isEmpty() ? distribution.maxTaskIndex() : tasks.taskIndex(shown.get(0));
        String summary = Formats.oneLine(Stages.describe(stage), 200) + ": partition " + hottest + " "
                + (metric == TaskMetric.DURATION
                        ? "ran " + Formats.millis(duration.max()) + " against a " + Formats.millis(duration.median())
                                + " median"
                        : "read " + Formats.bytes(distribution.max()) + " of " + label(metric) + ", "
                                + Formats.ratio(skew.ratio()) + " the median task, and ran "
                                + Formats.millis(duration.max()) + " against a " + Formats.millis(duration.median())
                                + " median")
                + keys.map(k -> "; " + k.kind() + " key " + k.describe()).orElse("") + ".";
        return rule.finding(severity, new Scope.Stage(stage.id()), summary, evidence, recommendations,
                OptionalLong.of(timeLost));
    }

    private static String ratioName(TaskMetric metric) {
        return label(metric) + " max/median";
    }

    private static String label(TaskMetric metric) {
        return switch (metric) {
            case SHUFFLE_READ_BYTES -> "shuffle read";
            case INPUT_BYTES -> "input";
            default -> "task duration";
        };
    }

    /** The shown rows, and how many more reach the floor ("at least" when a finished stage's summary is short). */
    private static String describeRows(TaskTable tasks, List<Integer> rows, TaskTable.Tail hot) {
        List<String> parts = new ArrayList<>();
        for (int row : rows) {
            parts.add(tasks.taskIndex(row) + " (executor " + tasks.executorId(row) + ")");
        }
        String text = String.join(", ", parts);
        int more = hot.count() - rows.size();
        return more > 0 ? text + " and " + (hot.exact() ? "" : "at least ") + more + " more" : text;
    }
}
