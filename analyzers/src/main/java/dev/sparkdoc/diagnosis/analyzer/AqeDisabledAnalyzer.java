package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.event.TaskMetric;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
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
        long sqlShuffleStages = 0;
        for (StageAttempt stage : Stages.ran(app)) {
            if (stage.sqlExecutionId().isPresent() && stage.total(TaskMetric.SHUFFLE_READ_BYTES) > 0) {
                sqlShuffleStages++;
            }
        }
        if (sqlShuffleStages == 0) {
            return rule.outcome(List.of());
        }
        return rule.outcome(List.of(rule.finding(Severity.WARNING, new Scope.Application(),
                "Adaptive query execution was off" + (spark.isDefault("spark.sql.adaptive.enabled")
                        ? " (the default before Spark 3.2)" : "") + " while " + sqlShuffleStages
                        + " SQL stage(s) read shuffle data.",
                List.of(Evidence.text("spark.sql.adaptive.enabled", spark.effective("spark.sql.adaptive.enabled")
                                .orElse("false")),
                        Evidence.count("SQL stages reading shuffle data", sqlShuffleStages),
                        Evidence.text("Spark version", app.application().sparkVersion().orElse("?"))),
                advice(spark),
                OptionalLong.empty())));
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
