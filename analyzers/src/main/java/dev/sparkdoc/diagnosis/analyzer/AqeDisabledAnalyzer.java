package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.quantity.Formats;
import dev.sparkdoc.snapshot.Distribution;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** [aqe-disabled] Spark 3+ SQL with shuffles while adaptive query execution is off. */
public final class AqeDisabledAnalyzer implements Analyzer {

    public static final String RULE_ID = "aqe-disabled";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        SparkSettings spark = new SparkSettings(app);
        if (spark.sparkMajor() == 0) {
            return rule.notApplicable("the log does not say which Spark version wrote it");
        }
        if (spark.sparkMajor() < 3) {
            return rule.notApplicable("adaptive query execution exists from Spark 3.0; this is Spark "
                    + app.application().sparkVersion().orElse("?"));
        }
        if (spark.flag("spark.sql.adaptive.enabled")) {
            return rule.outcome(List.of());
        }
        long minShuffle = rule.thresholdLong(Thresholds.AqeDisabled.MIN_SHUFFLE_BYTES);
        long minStageShuffle = rule.thresholdLong(Thresholds.AqeDisabled.MIN_STAGE_SHUFFLE_BYTES);
        double skewRatio = rule.threshold(Thresholds.AqeDisabled.SKEW_RATIO);
        long minCoalesce = rule.thresholdLong(Thresholds.AqeDisabled.MIN_COALESCE_PARTITIONS);
        long advisory = spark.bytes("spark.sql.adaptive.advisoryPartitionSizeInBytes", 1).orElse(64L << 20);
        long sqlShuffleStages = 0;
        long sqlShuffleBytes = 0;
        List<String> helped = new ArrayList<>();
        for (StageAttempt stage : Stages.ran(app)) {
            long read = stage.total(TaskMetric.SHUFFLE_READ_BYTES);
            if (stage.sqlExecutionId().isEmpty() || read == 0) {
                continue;
            }
            sqlShuffleStages++;
            sqlShuffleBytes += read;
            if (read < minStageShuffle || helped.size() >= 3) {
                continue;
            }
            Distribution partitions = stage.distribution(TaskMetric.SHUFFLE_READ_BYTES);
            java.util.OptionalDouble ratio = partitions.maxOverMedian();
            if (partitions.count() >= 2 && (ratio.isEmpty() || ratio.getAsDouble() >= skewRatio)) {
                helped.add(Stages.describe(stage) + ": skewed partitions (largest " + Formats.bytes(partitions.max())
                        + ", " + partitions.describeMaxOverMedian() + " the median): adaptive execution re-plans from real"
                        + " partition sizes and splits skewed join partitions");
            } else if (partitions.count() >= minCoalesce && partitions.p75() < advisory / 4) {
                helped.add(Stages.describe(stage) + ": " + Formats.count(partitions.count()) + " partitions of "
                        + Formats.bytes(partitions.median()) + " median that adaptive execution coalesces towards "
                        + Formats.bytes(advisory));
            }
        }
        if (sqlShuffleStages == 0 || sqlShuffleBytes < minShuffle && helped.isEmpty()) {
            return rule.outcome(List.of());
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.text("spark.sql.adaptive.enabled", spark.effective("spark.sql.adaptive.enabled")
                .orElse("false")));
        evidence.add(Evidence.count("SQL stages reading shuffle data", sqlShuffleStages));
        evidence.add(Evidence.bytes("shuffle read by SQL stages", sqlShuffleBytes));
        if (!helped.isEmpty()) {
            evidence.add(Evidence.text("stages adaptive execution would have changed", String.join("; ", helped)));
        }
        evidence.add(Evidence.text("Spark version", app.application().sparkVersion().orElse("?")));
        return rule.outcome(List.of(rule.finding(Severity.WARNING, new Scope.Application(),
                "Adaptive query execution was off" + (spark.isDefault("spark.sql.adaptive.enabled")
                        ? " (the default before Spark 3.2)" : "") + " while " + sqlShuffleStages
                        + " SQL stage(s) read " + Formats.bytes(sqlShuffleBytes) + " of shuffle data"
                        + (helped.isEmpty() ? "." : "; it would have changed " + helped.get(0)
                                + (helped.size() > 1 ? " and " + (helped.size() - 1) + " more" : "") + "."),
                evidence, advice(spark), OptionalLong.empty())));
    }

    private static List<Recommendation> advice(SparkSettings spark) {
        List<Recommendation> advice = new ArrayList<>();
        advice.add(spark.set("spark.sql.adaptive.enabled", "true",
                "Re-plans with real sizes: coalesces partitions, picks broadcast joins, splits skew."));
        if (!spark.flag("spark.sql.adaptive.skewJoin.enabled")) {
            advice.add(spark.set("spark.sql.adaptive.skewJoin.enabled", "true",
                    "Splits skewed join partitions at run time."));
        }
        return advice;
    }
}
