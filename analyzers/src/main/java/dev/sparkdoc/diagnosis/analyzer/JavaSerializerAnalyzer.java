package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
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
import java.util.List;
import java.util.OptionalLong;

/** [java-serializer] RDD shuffles with Spark's default Java serializer. */
public final class JavaSerializerAnalyzer implements Analyzer {

    public static final String RULE_ID = "java-serializer";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long minShuffle = rule.thresholdLong(Thresholds.JavaSerializer.MIN_SHUFFLE_BYTES);
        if (app.sparkProperties().isEmpty()) {
            return rule.notApplicable("the log has no environment update, so the serializer is unknown");
        }
        SparkSettings spark = new SparkSettings(app);
        String serializer = spark.effective("spark.serializer").orElse("");
        if (!serializer.contains("JavaSerializer")) {
            return rule.outcome(List.of());
        }
        long rddShuffle = 0;
        for (StageAttempt stage : Stages.ran(app)) {
            if (stage.sqlExecutionId().isEmpty()) {
                rddShuffle += stage.total(TaskMetric.SHUFFLE_WRITE_BYTES);
            }
        }
        if (rddShuffle < minShuffle) {
            return rule.outcome(List.of());
        }
        return rule.outcome(List.of(rule.finding(Severity.WARNING, new Scope.Application(),
                "RDD stages shuffled " + Formats.bytes(rddShuffle) + " with the Java serializer"
                        + (spark.isDefault("spark.serializer") ? " (Spark's default)" : "") + ".",
                List.of(Evidence.text("spark.serializer", serializer),
                        Evidence.bytes("shuffle bytes written by stages outside SQL", rddShuffle)),
                List.of(spark.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer",
                        "Kryo is faster and more compact for RDD records; SQL shuffles are unaffected.")),
                OptionalLong.empty())));
    }
}
