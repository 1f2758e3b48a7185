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
import dev.sparkdoc.rules.Thresholds;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.SqlExecution;
import dev.sparkdoc.snapshot.StageAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * [broadcast-join-opportunity] SQL executions whose final plan has a sort-merge join while the smallest shuffle
 * feeding it was small. The sides' sizes are the shuffle bytes written by the execution's map stages (compressed;
 * in memory a side is larger, so the proposed threshold is twice the size seen).
 */
public final class BroadcastJoinOpportunityAnalyzer implements Analyzer {

    public static final String RULE_ID = "broadcast-join-opportunity";

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public RuleOutcome analyze(ApplicationSnapshot app, RuleSettings settings) {
        RuleContext rule = new RuleContext(RULE_ID, settings);
        long maxBroadcast = rule.thresholdLong(Thresholds.BroadcastJoinOpportunity.MAX_BROADCAST_BYTES);
        double minRatio = rule.threshold(Thresholds.BroadcastJoinOpportunity.MIN_SIZE_RATIO);
        long minTaskTime = rule.thresholdLong(Thresholds.BroadcastJoinOpportunity.MIN_TASK_TIME);
        if (app.sqlExecutions().isEmpty()) {
            return rule.notApplicable("the application ran no SQL or DataFrame query");
        }
        SparkSettings spark = new SparkSettings(app);
        List<Finding> findings = new ArrayList<>();
        for (SqlExecution sql : app.sqlExecutions()) {
            long sortMergeJoins = sql.joins().stream().filter(j -> j.strategy().equals("SortMergeJoin")).count();
            if (sortMergeJoins == 0) {
                continue;
            }
            long smallest = Long.MAX_VALUE;
            long largest = 0;
            long taskTime = 0;
            for (StageAttempt stage : Stages.ran(app)) {
                if (stage.sqlExecutionId().isEmpty() || stage.sqlExecutionId().getAsLong() != sql.id()) {
                    continue;
                }
                taskTime += stage.total(TaskMetric.EXECUTOR_RUN_TIME);
                long written = stage.total(TaskMetric.SHUFFLE_WRITE_BYTES);
                if (written > 0 && stage.id().attemptId() == 0) {
                    smallest = Math.min(smallest, written);
                    largest = Math.max(largest, written);
                }
            }
            if (smallest == Long.MAX_VALUE || smallest > maxBroadcast || largest < minRatio * smallest) {
                continue;
            }
            Severity severity = taskTime >= minTaskTime ? Severity.WARNING : Severity.INFO;
            long threshold = ConfigSizing.broadcastThreshold(smallest);
            String join = sql.joins().stream().filter(j -> j.strategy().equals("SortMergeJoin")).findFirst()
                    .map(SqlExecution.Join::node).orElse("SortMergeJoin");
            String summary = "SQL execution " + sql.id() + (sql.description().isEmpty() ? ""
                    : " (" + Formats.oneLine(sql.description(), 60) + ")") + " ran a sort-merge join whose smaller "
                    + "input shuffled only " + Formats.bytes(smallest) + " against " + Formats.bytes(largest)
                    + ": broadcasting the small side would skip shuffling the large one.";
            List<Recommendation> advice = List.of(
                    spark.raise("spark.sql.autoBroadcastJoinThreshold", SparkSettings.formatBytes(threshold),
                            "Admits a side of about twice the " + Formats.bytes(smallest)
                                    + " seen (shuffle bytes are compressed; in memory the side is larger)."),
                    new Recommendation.CodeChange("broadcast-hint", "Mark the small side for broadcast.",
                            Map.of("java", "import static org.apache.spark.sql.functions.broadcast;\n"
                                            + "Dataset<Row> joined = large.join(broadcast(small), \"key\");\n",
                                    "scala", "import org.apache.spark.sql.functions.broadcast\n"
                                            + "val joined = large.join(broadcast(small), \"key\")\n",
                                    "pyspark", "from pyspark.sql.functions import broadcast\n"
                                            + "joined = large.join(broadcast(small), \"key\")\n",
                                    "sql", "SELECT /*+ BROADCAST(small) */ * FROM large JOIN small USING (key)\n"),
                            "A hint works whatever Spark's size estimate says."));
            findings.add(rule.finding(severity, new Scope.SqlExecution(sql.id()), summary,
                    List.of(Evidence.text("join", Formats.oneLine(join, 200)),
                            Evidence.bytes("smaller side (shuffle bytes written)", smallest),
                            Evidence.bytes("larger side (shuffle bytes written)", largest),
                            Evidence.millis("task time of the SQL execution", taskTime),
                            Evidence.bytes("proposed broadcast threshold", threshold)),
                    advice, OptionalLong.empty()));
        }
        return rule.outcome(findings);
    }
}
