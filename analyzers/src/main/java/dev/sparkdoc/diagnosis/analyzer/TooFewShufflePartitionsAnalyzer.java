package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.ConfigSizing;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.ExplicitPartitioning;
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
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * [too-few-shuffle-partitions] Stages that read far more shuffle data per task than the target partition size. The
 * fix follows where the stage's partition count came from: an explicit {@code repartition(n)}/{@code coalesce(n)}
 * in the code (a code change naming it), AQE's coalescing (its advisory size or minimum partition count), or
 * {@code spark.sql.shuffle.partitions} (raised, never lowered).
 */
public final class TooFewShufflePartitionsAnalyzer implements Analyzer {

    public static final String RULE_ID = "too-few-shuffle-partitions";
    static final String PARTITIONS = "spark.sql.shuffle.partitions";
    static final String ADVISORY = "spark.sql.adaptive.advisoryPartitionSizeInBytes";
    static final String MIN_PARTITIONS = "spark.sql.adaptive.coalescePartitions.minPartitionNum";

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
            long stagePartitions = wholeWaves(app, (read + target - 1) / target);
            List<Evidence> evidence = new ArrayList<>(List.of(Evidence.bytes("shuffle read", read),
                    Evidence.count("tasks", tasks), Evidence.bytes("shuffle read per task", perTask)));
            String head = Formats.oneLine(Stages.describe(stage), 200) + " read " + Formats.bytes(read)
                    + " of shuffle data in " + tasks + " tasks, " + Formats.bytes(perTask) + " per task";
            Optional<SqlExecution> sql = Stages.sql(app, stage);
            Optional<ExplicitPartitioning> explicit = sql.flatMap(s -> ExplicitPartitioning.find(s, tasks))
                    .or(() -> fromCallSite(stage, tasks));
            String summary;
            List<Recommendation> advice = new ArrayList<>();
            if (explicit.isPresent()) {
                ExplicitPartitioning code = explicit.get();
                summary = head + "; its " + tasks + " partitions come from " + code.call()
                        + " in the code, which no setting changes: about " + stagePartitions + " partitions would give "
                        + Formats.bytes(target) + " each.";
                evidence.add(Evidence.text("partitioning in the plan", Formats.oneLine(code.planNode(), 200)));
                evidence.add(Evidence.count("proposed partitions", stagePartitions));
                advice.add(codeChange(stage, code, stagePartitions, target));
            } else if (sql.isPresent() && aqeCoalesces(spark) && tasks < initialPartitions(spark)) {
                summary = head + "; AQE coalesced the shuffle to these " + tasks + " partitions (of "
                        + initialPartitions(spark) + "): the count is AQE's choice, steered by its advisory size.";
                evidence.add(Evidence.count("partitions before AQE coalescing", initialPartitions(spark)));
                long advisory = spark.bytes(ADVISORY, 1).orElse(64L << 20);
                if (advisory > target) {
                    advice.add(spark.lower(ADVISORY, SparkSettings.formatBytes(target), "AQE coalesces shuffle "
                            + "partitions up to this size; " + Formats.bytes(target) + " keeps tasks near the target."));
                } else {
                    advice.add(spark.raise(MIN_PARTITIONS, Long.toString(Math.min(stagePartitions,
                            initialPartitions(spark))), "AQE coalesced below the target size per task; a minimum "
                                    + "partition count stops it merging this far."));
                }
            } else {
                long sized = ConfigSizing.shufflePartitions(app, target);
                Optional<Recommendation.ConfigChange> raise = ConfigSizing.moreShufflePartitions(app, spark, target,
                        "Sized from the largest stage's shuffle bytes at " + Formats.bytes(target)
                                + " per partition, in whole waves over the cores.");
                if (raise.isPresent()) {
                    summary = head + "; about " + sized + " partitions would give " + Formats.bytes(target) + " each.";
                    evidence.add(Evidence.bytes("largest shuffle of any stage",
                            ConfigSizing.largestStageShuffleBytes(app)));
                    evidence.add(Evidence.count("proposed partitions", sized));
                    advice.add(raise.get());
                } else {
                    summary = head + "; " + PARTITIONS + " is already " + spark.effective(PARTITIONS).orElse("200")
                            + ", so these " + tasks + " partitions come from elsewhere (an RDD operation's "
                            + "numPartitions, or the input): set about " + stagePartitions + " where the code shuffles.";
                }
            }
            findings.add(rule.finding(Severity.WARNING, new Scope.Stage(stage.id()), summary, evidence, advice,
                    OptionalLong.empty()));
        }
        return rule.outcome(findings);
    }

    private static long wholeWaves(ApplicationSnapshot app, long partitions) {
        int cores = ConfigSizing.totalCores(app);
        long count = Math.max(1, partitions);
        return cores > 0 ? Math.max(cores, (count + cores - 1) / cores * cores) : count;
    }

    /** An RDD stage named after its repartition or coalesce call ("repartition at Job.scala:12"). */
    private static Optional<ExplicitPartitioning> fromCallSite(StageAttempt stage, int tasks) {
        String name = stage.name().trim();
        for (String operator : List.of("repartition", "coalesce")) {
            if (name.startsWith(operator + " at ")) {
                return Optional.of(new ExplicitPartitioning(operator, tasks, name));
            }
        }
        return Optional.empty();
    }

    private static boolean aqeCoalesces(SparkSettings spark) {
        return spark.flag("spark.sql.adaptive.enabled") && spark.flag("spark.sql.adaptive.coalescePartitions.enabled");
    }

    private static long initialPartitions(SparkSettings spark) {
        OptionalLong initial = spark.integer("spark.sql.adaptive.coalescePartitions.initialPartitionNum");
        return initial.isPresent() ? initial.getAsLong() : spark.integer(PARTITIONS).orElse(200);
    }

    private static Recommendation.CodeChange codeChange(StageAttempt stage, ExplicitPartitioning code, long partitions,
            long target) {
        String summary = "Raise " + code.call() + " feeding " + Stages.describe(stage) + " to about " + partitions
                + " partitions.";
        String why = "The partition count is fixed in the code (" + Formats.oneLine(code.planNode(), 120)
                + "); " + partitions + " partitions give about " + Formats.bytes(target) + " each.";
        Map<String, String> snippets = code.operator().equals("repartition") && code.planNode().contains("RoundRobin")
                || code.operator().equals("coalesce")
                ? Map.of("java", "// was ." + code.call() + "\ndf = df.repartition(" + partitions + ");\n",
                        "scala", "// was ." + code.call() + "\nval repartitioned = df.repartition(" + partitions + ")\n",
                        "pyspark", "# was ." + code.call() + "\ndf = df.repartition(" + partitions + ")\n")
                : Map.of();
        return new Recommendation.CodeChange("repartition", summary, snippets, why);
    }
}
