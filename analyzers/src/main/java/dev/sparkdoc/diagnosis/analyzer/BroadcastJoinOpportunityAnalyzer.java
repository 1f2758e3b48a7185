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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * [broadcast-join-opportunity] SQL executions whose final plan has a sort-merge join while the smallest shuffle
 * feeding it was small. The sides' sizes are the shuffle bytes written by the execution's map stages (compressed;
 * in memory a side is larger, so the proposed threshold is twice the size seen).
 */
public final class BroadcastJoinOpportunityAnalyzer implements Analyzer {

    public static final String RULE_ID = "broadcast-join-opportunity";
    static final String THRESHOLD = "spark.sql.autoBroadcastJoinThreshold";
    private static final Pattern JOIN_KEYS = Pattern.compile("^\\w*Join\\s+\\[([^\\]]*)\\],\\s*\\[([^\\]]*)\\]");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

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
            long current = spark.bytes(THRESHOLD, 1).orElse(10L << 20);
            long cap = safeCap(spark);
            Optional<SqlExecution.Join> join = sql.joins().stream()
                    .filter(j -> j.strategy().equals("SortMergeJoin")).findFirst();
            String joinText = join.map(SqlExecution.Join::node).orElse("SortMergeJoin");
            String summary = "SQL execution " + sql.id() + (sql.description().isEmpty() ? ""
                    : " (" + Formats.oneLine(sql.description(), 60) + ")") + " ran a sort-merge join whose smaller "
                    + "input shuffled only " + Formats.bytes(smallest) + " against " + Formats.bytes(largest)
                    + ": broadcasting the small side would skip shuffling the large one.";
            List<Recommendation> advice = new ArrayList<>();
            String hintWhy;
            if (current < 0) {
                hintWhy = "Automatic broadcasts are off (" + THRESHOLD + "=-1); a hint broadcasts this join only.";
            } else if (threshold > current && threshold > smallest && threshold <= cap) {
                advice.add(spark.raise(THRESHOLD, SparkSettings.formatBytes(threshold), "Admits a side of about "
                        + "twice the " + Formats.bytes(smallest) + " seen (shuffle bytes are compressed; in memory the "
                        + "side is larger), within " + Formats.bytes(cap) + ", a quarter of the driver's heap."));
                hintWhy = "A hint works whatever Spark's size estimate says.";
            } else if (threshold > cap) {
                hintWhy = "A threshold admitting this side would exceed " + Formats.bytes(cap) + " (a quarter of the "
                        + "driver's heap, which collects broadcast sides); a hint limits the broadcast to this join.";
            } else {
                hintWhy = "The threshold (" + Formats.bytes(current) + ") already admits a side of this size: Spark's "
                        + "own size estimate of the small side was larger, so only a hint makes it broadcast.";
            }
            advice.add(hint(join, hintWhy));
            findings.add(rule.finding(severity, new Scope.SqlExecution(sql.id()), summary,
                    List.of(Evidence.text("join", Formats.oneLine(joinText, 200)),
                            Evidence.bytes("smaller side (shuffle bytes written)", smallest),
                            Evidence.bytes("larger side (shuffle bytes written)", largest),
                            Evidence.millis("task time of the SQL execution", taskTime),
                            Evidence.bytes("current broadcast threshold", Math.max(0, current)),
                            Evidence.bytes("proposed broadcast threshold", threshold)),
                    advice, OptionalLong.empty()));
        }
        return rule.outcome(findings);
    }

    /** The largest threshold proposed: a quarter of the driver's heap (the driver collects a broadcast side). */
    static long safeCap(SparkSettings spark) {
        long driver = spark.bytes("spark.driver.memory", 1L << 20).orElse(1L << 30);
        return Math.min(1L << 30, driver / 4);
    }

    /**
     * A broadcast hint on the join's real keys, from the plan; without snippets when the keys are not plain columns
     * (expressions, or a plan the log does not give).
     */
    static Recommendation.CodeChange hint(Optional<SqlExecution.Join> join, String why) {
        Map<String, String> snippets = Map.of();
        String summary = "Mark the small side of the join for broadcast.";
        if (join.isPresent()) {
            Matcher matcher = JOIN_KEYS.matcher(join.get().node());
            if (matcher.find()) {
                List<String> left = columns(matcher.group(1));
                List<String> right = columns(matcher.group(2));
                if (!left.isEmpty() && left.size() == right.size()) {
                    snippets = snippets(left, right);
                    summary = "Mark the small side of the join on " + String.join(", ", left)
                            + (left.equals(right) ? "" : " = " + String.join(", ", right)) + " for broadcast.";
                }
            }
        }
        return new Recommendation.CodeChange("broadcast-hint", summary, snippets, why);
    }

    /** Plain column names with Spark's expression ids removed; empty when any key is an expression. */
    static List<String> columns(String keys) {
        List<String> columns = new ArrayList<>();
        for (String key : keys.split(",")) {
            String name = key.trim().replaceAll("#\\d+L?$", "");
            if (!COLUMN.matcher(name).matches()) {
                return List.of();
            }
            columns.add(name);
        }
        return columns;
    }

    private static Map<String, String> snippets(List<String> left, List<String> right) {
        String imports = "import static org.apache.spark.sql.functions.broadcast;\n";
        if (left.equals(right)) {
            String quoted = left.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
            return Map.of("java", left.size() == 1 ? imports + "Dataset<Row> joined = large.join(broadcast(small), "
                            + quoted + ");\n" : javaJoin(imports, left, right),
                    "scala", "import org.apache.spark.sql.functions.broadcast\n"
                            + "val joined = large.join(broadcast(small), Seq(" + quoted + "))\n",
                    "pyspark", "from pyspark.sql.functions import broadcast\n"
                            + "joined = large.join(broadcast(small), [" + quoted + "])\n",
                    "sql", "SELECT /*+ BROADCAST(small) */ * FROM large JOIN small USING (" + String.join(", ", left)
                            + ")\n");
        }
        List<String> scala = new ArrayList<>();
        List<String> python = new ArrayList<>();
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            scala.add("large(\"" + left.get(i) + "\") === small(\"" + right.get(i) + "\")");
            python.add("(large[\"" + left.get(i) + "\"] == small[\"" + right.get(i) + "\"])");
            sql.add("large." + left.get(i) + " = small." + right.get(i));
        }
        return Map.of("java", javaJoin(imports, left, right),
                "scala", "import org.apache.spark.sql.functions.broadcast\n"
                        + "val joined = large.join(broadcast(small), " + String.join(" && ", scala) + ")\n",
                "pyspark", "from pyspark.sql.functions import broadcast\n"
                        + "joined = large.join(broadcast(small), " + String.join(" & ", python) + ")\n",
                "sql", "SELECT /*+ BROADCAST(small) */ * FROM large JOIN small ON " + String.join(" AND ", sql)
                        + "\n");
    }

    private static String javaJoin(String imports, List<String> left, List<String> right) {
        StringBuilder condition = new StringBuilder();
        for (int i = 0; i < left.size(); i++) {
            String equal = "large.col(\"" + left.get(i) + "\").equalTo(small.col(\"" + right.get(i) + "\"))";
            condition.append(i == 0 ? equal : "\n        .and(" + equal + ")");
        }
        return imports + "Dataset<Row> joined = large.join(broadcast(small),\n        " + condition + ");\n";
    }
}
