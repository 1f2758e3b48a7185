package dev.sparkdoc.diagnosis.analyzer;

import dev.sparkdoc.diagnosis.Analyzer;
import dev.sparkdoc.diagnosis.Evidence;
import dev.sparkdoc.diagnosis.Recommendation;
import dev.sparkdoc.diagnosis.RuleContext;
import dev.sparkdoc.diagnosis.RuleOutcome;
import dev.sparkdoc.diagnosis.Scope;
import dev.sparkdoc.diagnosis.SparkSettings;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.Severity;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import java.util.List;
import java.util.OptionalLong;

/** [dynamic-allocation-without-shuffle-service] Dynamic allocation with nothing keeping shuffle files alive. */
public final class DynamicAllocationAnalyzer implements Analyzer {

    public static final String RULE_ID = "dynamic-allocation-without-shuffle-service";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        if (app.sparkProperties().isEmpty()) {
            return rule.notApplicable("the log has no environment update, so the configuration is unknown");
        }
        SparkSettings spark = new SparkSettings(app);
        if (!spark.flag("spark.dynamicAllocation.enabled")) {
            return rule.outcome(List.of());
        }
        boolean service = spark.flag("spark.shuffle.service.enabled");
        boolean tracking = spark.flag("spark.dynamicAllocation.shuffleTracking.enabled");
        boolean migration = spark.flag("spark.decommission.enabled")
                && spark.flag("spark.storage.decommission.shuffleBlocks.enabled");
        if (service || tracking || migration) {
            return rule.outcome(List.of());
        }
        boolean kubernetes = spark.effective("spark.master").map(master -> master.startsWith("k8s")).orElse(false);
        Recommendation fix = kubernetes || spark.sparkMajor() >= 3
                ? spark.set("spark.dynamicAllocation.shuffleTracking.enabled", "true",
                        "Keeps executors holding live shuffle data until it is no longer needed.")
                : spark.set("spark.shuffle.service.enabled", "true",
                        "Serves shuffle files after their executor is released.");
        return rule.outcome(List.of(rule.finding(Severity.WARNING, new Scope.Application(),
                "Dynamic allocation was on without the external shuffle service, shuffle tracking or shuffle "
                        + "migration: removed executors take their shuffle files with them.",
                List.of(Evidence.text("spark.dynamicAllocation.enabled", "true"),
                        Evidence.text("spark.shuffle.service.enabled", String.valueOf(service)),
                        Evidence.text("spark.dynamicAllocation.shuffleTracking.enabled", String.valueOf(tracking))),
                List.of(fix), OptionalLong.empty())));
    }
}
