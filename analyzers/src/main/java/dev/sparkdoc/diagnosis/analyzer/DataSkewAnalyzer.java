package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Finding;
import dev.sparkdoc.diagnosis.Impact;
import dev.sparkdoc.diagnosis.PlanKeys;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.SaltingAdvice;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.quantity.SkewRatio;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import dev.sparkdoc.snapshot.StageOrigin;
import dev.sparkdoc.snapshot.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * [data-skew] Per stage attempt, the slowest task against the median one, and what is behind it: one of three kinds.
 *
 * <ul>
 *   <li><b>shuffle-read skew</b>: the stage reads a shuffle and its largest task reads far more of it than the
 *       median; the key is the one the plan partitions that shuffle by (join keys, else grouping keys): salting with
 *       the plan's key and aggregate functions, adaptive execution's skew handling;</li>
 *   <li><b>input skew</b>: a scan stage without shuffle read whose largest task reads far more input than the
 *       median: split and file advice ({@code spark.sql.files.maxPartitionBytes}, compaction), never salting;</li>
 *   <li><b>duration-only skew</b>: a task far slower than the median with no data skew behind it: a slow node, GC
 *       or a straggler: speculation.</li>
 * </ul>
 *
 * The ratio is {@link SkewRatio}'s: undefined when the median is 0; then the stage is judged by absolute amounts
 * (the largest task's bytes or time over the floors) and the finding says so. Spark-internal stages ({@link
 * StageOrigin}) are at most information and get no code advice; the severity follows the wall time saved
 * ({@link Impact}).
 */
public final class DataSkewAnalyzer implements Analyzer {

    public static final String RULE_ID = "data-skew";
    private static final int MAX_HOT_PARTITIONS = 5;

    /** What is behind the slow task. */
    enum Kind {
        SHUFFLE_READ("shuffle-read skew"),
        INPUT("input skew"),
        DURATION_ONLY("duration-only skew");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        Gates gates = new Gates(rule.threshold(Thresholds.DataSkew.WARNING_RATIO), rule.threshold(Thresholds.DataSkew.CRITICAL_RATIO),
                rule.thresholdLong(Thresholds.DataSkew.MIN_MAX_TASK_DURATION), rule.thresholdLong(Thresholds.DataSkew.MIN_MAX_BYTES),
                rule.thresholdLong(Thresholds.DataSkew.MIN_TIME_LOST), rule.threshold(Thresholds.DataSkew.MIN_STAGE_SHARE),
                rule.thresholdLong(Thresholds.DataSkew.MIN_TASKS));

        List<StageAttempt> ran = Stages.ran(app);
        if (ran.stream().allMatch(stage -> stage.successfulTasks().isEmpty())) {
            return rule.notApplicable("the log has no successful task with metrics (a compacted log, or no task ran)");
        }
        Impact impact = Impact.of(app);
        List<Finding> findings = new ArrayList<>();
        for (StageAttempt stage : ran) {
            skew(stage, gates).ifPresent(skew -> findings.add(finding(app, impact, stage, rule, skew, gates)));
        }
        return rule.outcome(findings);
    }

    record Gates(double warning, double critical, long minMaxDuration, long minMaxBytes, long minTimeLost,
            double minStageShare, long minTasks) {
    }

    /** The skew found in a stage: its kind, the metric measured, and the ratio (empty when the median is 0). */
    record Skew(Kind kind, TaskMetric metric, Distribution distribution, OptionalDouble ratio, Distribution duration) {
        long slowLoss() {
            return duration.max() - duration.median();
        }
    }

    /** The stage's skew past every gate, or empty. */
    static Optional<Skew> skew(StageAttempt stage, Gates gates) {
        TaskTable tasks = stage.successfulTasks();
        if (tasks.size() < gates.minTasks()) {
            return Optional.empty();
        }
        Distribution duration = stage.distribution(TaskMetric.DURATION);
        long stageDuration = Stages.durationMillis(stage, duration.max());
        if (stageDuration < Impact.MIN_STAGE_WALL_MILLIS) {
            return Optional.empty();
        }
        long slowLoss = duration.max() - duration.median();
        if (slowLoss < gates.minTimeLost() || duration.max() < gates.minStageShare() * stageDuration) {
            return Optional.empty();
        }
        Distribution read = stage.distribution(TaskMetric.SHUFFLE_READ_BYTES);
        if (stage.total(TaskMetric.SHUFFLE_READ_BYTES) > 0 && skewed(read, gates.minMaxBytes(), gates.warning())) {
            return Optional.of(new Skew(Kind.SHUFFLE_READ, TaskMetric.SHUFFLE_READ_BYTES, read, read.maxOverMedian(),
                    duration));
        }
        Distribution input = stage.distribution(TaskMetric.INPUT_BYTES);
        if (skewed(input, gates.minMaxBytes(), gates.warning())) {
            return Optional.of(new Skew(Kind.INPUT, TaskMetric.INPUT_BYTES, input, input.maxOverMedian(), duration));
        }
        if (skewed(duration, gates.minMaxDuration(), gates.warning())) {
            return Optional.of(new Skew(Kind.DURATION_ONLY, TaskMetric.DURATION, duration, duration.maxOverMedian(),
                    duration));
        }
        return Optional.empty();
    }

    /** The largest value reaches the floor and is at least {@code warning} times the median, or the median is 0. */
    private static boolean skewed(Distribution distribution, long floor, double warning) {
        if (distribution.count() == 0 || distribution.max() < floor) {
            return false;
        }
        OptionalDouble ratio = distribution.maxOverMedian();
        return ratio.isEmpty() || ratio.getAsDouble() >= warning;
    }

    private Finding finding(ApplicationSnapshot app, Impact impact, StageAttempt stage, RuleContext rule, Skew skew,
            Gates gates) {
        TaskTable tasks = stage.successfulTasks();
        TaskMetric metric = skew.metric();
        Distribution distribution = skew.distribution();
        Distribution duration = skew.duration();
        StageOrigin origin = app.origin(stage);
        // With a zero median, "hot" is anything at or above the mean: the tasks that hold the data.
        long hotFloor = skew.ratio().isPresent()
                ? (long) Math.ceil(gates.warning() * Math.max(1, distribution.median()))
                : Math.max(1, distribution.total() / Math.max(1, distribution.count()));
        TaskTable.Tail hot = tasks.atLeast(metric, hotFloor);
        List<Integer> shown = IntStream.of(tasks.top(metric, MAX_HOT_PARTITIONS))
                .filter(row -> tasks.value(metric, row) >= hotFloor)
                .boxed()
                .toList();
        double share = distribution.total() > 0 ? (double) hot.sum() / distribution.total() : 0;

        Optional<SqlExecution> sql = Stages.sql(app, stage);
        Optional<PlanKeys.Keys> keys = skew.kind() == Kind.SHUFFLE_READ ? sql.flatMap(PlanKeys::likelyShuffleKeys)
                : Optional.empty();

        List<Evidence> evidence = new ArrayList<>();
        evidence.add(skew.ratio().isPresent() ? Evidence.ratio(ratioName(metric), skew.ratio().getAsDouble())
                : Evidence.text(ratioName(metric), SkewRatio.UNDEFINED + ": judged by the largest task's "
                        + (metric == TaskMetric.DURATION ? "time" : "bytes") + " alone"));
        evidence.add(Evidence.text("kind", skew.kind().label));
        evidence.add(Evidence.millis("task duration max", duration.max()));
        evidence.add(Evidence.millis("task duration median", duration.median()));
        if (metric != TaskMetric.DURATION) {
            evidence.add(Evidence.bytes(label(metric) + " max", distribution.max()));
            evidence.add(Evidence.bytes(label(metric) + " median", distribution.median()));
        }
        evidence.add(Evidence.text("hot partitions", describeRows(tasks, shown, hot)));
        evidence.add(Evidence.fraction("hot partitions' share of the stage's " + label(metric)
                + (hot.exact() ? "" : " (at least)"), share));
        long saved = impact.saved(stage, skew.slowLoss());
        evidence.add(Evidence.millis("slowest task minus median task", skew.slowLoss()));
        evidence.addAll(impact.savedEvidence(saved));
        evidence.add(Evidence.count("successful tasks", tasks.size()));
        evidence.add(Evidence.text("stage origin", origin.kind().label() + ": " + origin.reason()));
        keys.ifPresent(k -> evidence.add(Evidence.text(k.kind() + " key (from the SQL plan)", k.describe())));

        SparkSettings spark = new SparkSettings(app);
        List<Recommendation> recommendations = switch (skew.kind()) {
            case SHUFFLE_READ -> shuffleAdvice(app, stage, origin, sql, keys, skew, spark);
            case INPUT -> inputAdvice(stage, origin, distribution, spark);
            case DURATION_ONLY -> durationAdvice(stage, spark);
        };
        if (skew.kind() == Kind.DURATION_ONLY) {
            slowestTask(tasks).ifPresent(evidence::add);
        }

        Severity wanted = skew.ratio().isPresent() && skew.ratio().getAsDouble() >= gates.critical()
                ? Severity.CRITICAL : Severity.WARNING;
        if (origin.isSparkInternal()) {
            wanted = Severity.INFO;
        }
        Severity severity = impact.cap(wanted, saved);

        int hottest = shown.isEmpty() ? distribution.maxTaskIndex() : tasks.taskIndex(shown.get(0));
        String ratioText = skew.ratio().isPresent() ? Formats.ratio(skew.ratio().getAsDouble()) + " the median task"
                : "while the median task read 0 B (ratio undefined)";
        String summary = Formats.oneLine(Stages.describe(stage), 200) + ": " + skew.kind().label + ": partition "
                + hottest + " "
                + (metric == TaskMetric.DURATION
                        ? "ran " + Formats.millis(duration.max()) + " against a " + Formats.millis(duration.median())
                                + " median with no larger input or shuffle read behind it"
                        : "read " + Formats.bytes(distribution.max()) + " of " + label(metric) + ", " + ratioText
                                + ", and ran " + Formats.millis(duration.max()) + " against a "
                                + Formats.millis(duration.median()) + " median")
                + keys.map(k -> "; " + k.kind() + " key " + k.describe()).orElse("")
                + (origin.isSparkInternal() ? "; Spark's own work (" + origin.reason() + ")" : "") + ".";
        return rule.finding(severity, new Scope.Stage(stage.id()), summary, evidence, recommendations,
                OptionalLong.of(saved));
    }

    private static List<Recommendation> shuffleAdvice(ApplicationSnapshot app, StageAttempt stage, StageOrigin origin,
            Optional<SqlExecution> sql, Optional<PlanKeys.Keys> keys, Skew skew, SparkSettings spark) {
        List<Recommendation> recommendations = new ArrayList<>();
        boolean join = keys.map(k -> k.kind().equals("join")).orElse(false);
        double ratio = skew.ratio().orElse((double) skew.distribution().max()
                / Math.max(1, skew.distribution().total() / Math.max(1, skew.distribution().count())));
        int buckets = SaltingAdvice.bucketsFor(ratio);
        String name = Formats.oneLine(Stages.describe(stage), 120);
        if (!origin.isSparkInternal()) {
            String key = keys.map(k -> k.keys().get(0)).orElse("key");
            String why = "Splits the hot " + (keys.isPresent() ? key : "key") + " over " + buckets
                    + " tasks, so no task holds more than about a median partition's share.";
            if (keys.isEmpty()) {
                recommendations.add(SaltingAdvice.unnamedKey(name, buckets, why));
            } else if (join) {
                recommendations.add(SaltingAdvice.join(key, name, buckets, why));
            } else {
                recommendations.add(SaltingAdvice.aggregation(keys.get().keys(),
                        sql.map(PlanKeys::aggregateFunctions).orElse(List.of()), name, buckets, why));
            }
        }
        if (spark.sparkMajor() >= 3 && sql.isPresent()) {
            if (!spark.flag("spark.sql.adaptive.enabled")) {
                recommendations.add(spark.set("spark.sql.adaptive.enabled", "true",
                        "Adaptive execution re-plans with real partition sizes and is needed for skew-join handling."));
            }
            if (join && !spark.flag("spark.sql.adaptive.skewJoin.enabled")) {
                recommendations.add(spark.set("spark.sql.adaptive.skewJoin.enabled", "true",
                        "Lets Spark split the skewed join partitions itself."));
            }
        }
        return recommendations;
    }

    /**
     * Input skew: a few input splits far larger than the rest. Smaller splits help only files that can be split;
     * files that cannot (gzip, one file per task) or many tiny files beside a few large ones need compaction.
     */
    private static List<Recommendation> inputAdvice(StageAttempt stage, StageOrigin origin, Distribution input,
            SparkSettings spark) {
        List<Recommendation> recommendations = new ArrayList<>();
        long current = spark.bytes("spark.sql.files.maxPartitionBytes", 1).orElse(128L << 20);
        long proposed = Math.max(16L << 20, roundUpToMiB(input.max() / 4));
        boolean splittable = input.max() <= current + (current / 10);
        if (splittable && proposed < current) {
            recommendations.add(spark.lower("spark.sql.files.maxPartitionBytes", SparkSettings.formatBytes(proposed),
                    "Input splits of at most " + Formats.bytes(proposed) + " cut the largest task's "
                            + Formats.bytes(input.max()) + " into about four tasks, when the files can be split."));
        }
        if (!origin.isSparkInternal()) {
            recommendations.add(new Recommendation.CodeChange("compact-files",
                    "Compact the input of " + Formats.oneLine(Stages.describe(stage), 120) + ": rewrite it as files"
                            + " of similar size (about 128 MiB each), in a splittable format (Parquet or ORC, not"
                            + " gzip text).",
                    Map.of(),
                    "The largest task read " + Formats.bytes(input.max()) + " against a median of "
                            + Formats.bytes(input.median()) + ": file sizes, not keys, decide a scan's tasks"
                            + (splittable ? "" : "; a task larger than the split size means a file Spark cannot"
                                    + " split") + "."));
        }
        return recommendations;
    }

    /** Duration-only skew: the slow task had no more data than the others. */
    private static List<Recommendation> durationAdvice(StageAttempt stage, SparkSettings spark) {
        List<Recommendation> recommendations = new ArrayList<>();
        if (!spark.flag("spark.speculation")) {
            recommendations.add(spark.set("spark.speculation", "true",
                    "Starts a copy of a task running far slower than its peers on another executor: helps with a"
                            + " slow node, a long GC pause or a straggler, not with larger data."));
        }
        String exclude = spark.sparkMajor() > 3 || spark.sparkMajor() == 3 && spark.sparkMinor() >= 1
                ? "spark.excludeOnFailure.enabled" : "spark.blacklist.enabled";
        if (stage.numFailedTasks() > 0 && !spark.flag(exclude)) {
            recommendations.add(spark.set(exclude, "true",
                    "Tasks also failed in this stage: stops scheduling on executors and nodes that keep failing."));
        }
        return recommendations;
    }

    /** The slowest task's executor and GC time: what a duration-only skew points at. */
    private static Optional<Evidence> slowestTask(TaskTable tasks) {
        int[] top = tasks.top(TaskMetric.DURATION, 1);
        if (top.length == 0) {
            return Optional.empty();
        }
        int row = top[0];
        long gc = tasks.value(TaskMetric.JVM_GC_TIME, row);
        return Optional.of(Evidence.text("slowest task", "partition " + tasks.taskIndex(row) + " on executor "
                + tasks.executorId(row) + ", " + Formats.millis(tasks.value(TaskMetric.DURATION, row)) + " with "
                + Formats.millis(gc) + " of GC"));
    }

    private static long roundUpToMiB(long bytes) {
        long mib = 1L << 20;
        return (bytes + mib - 1) / mib * mib;
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
