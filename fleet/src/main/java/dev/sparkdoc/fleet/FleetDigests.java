package dev.sparkdoc.fleet;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.sparkdoc.report.FleetDigest;
import dev.sparkdoc.rules.RuleSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The digest's numbers, computed with Spark from the output tables (the latest result of every log, all runs), so
 * they cover the whole history under {@code --out}, not only the logs read this time. Each list is short (the top
 * few); only those rows reach the driver.
 */
final class FleetDigests {

    static final String REGRESSION_RULE = "job-duration-regression";
    static final int TOP = 15;
    /** A run's baseline: the median duration of at most this many earlier runs of the same name. */
    static final int BASELINE_RUNS = 20;

    private FleetDigests() {
    }

    static FleetDigest compute(SparkSession spark, String out, RuleSettings settings) {
        double factor = settings.threshold(REGRESSION_RULE, "baseline-factor");
        long minMillis = settings.thresholdLong(REGRESSION_RULE, "min-job-duration");
        if (!exists(spark, FleetTables.parquet(out, FleetTables.APPLICATIONS))) {
            return new FleetDigest(0, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), factor,
                    minMillis);
        }
        Dataset<Row> apps = FleetTables.currentApplications(spark, out).cache();
        try {
            // files found in a directory that hold no event log (skipped) are neither applications nor errors
            Dataset<Row> good = apps.where("error IS NULL AND skipped IS NULL");
            Dataset<Row> findings = FleetTables.current(spark, out, FleetTables.FINDINGS, apps);
            Dataset<Row> changes = FleetTables.current(spark, out, FleetTables.RECOMMENDATIONS, apps);

            Row totals = apps.agg(count(when(col("error").isNull().and(col("skipped").isNull()), lit(1))),
                    count(col("error")),
                    coalesce(sum("timeLostMs"), lit(0L))).first();

            Dataset<Row> rules = findings.groupBy("rule").agg(count(lit(1)).as("n"),
                    countDistinct("logPath").as("apps"), coalesce(sum("timeLostMs"), lit(0L)).as("lost"));
            List<FleetDigest.RuleRow> byCount = ruleRows(rules.orderBy(col("n").desc(), col("lost").desc(),
                    col("rule")).limit(TOP));
            List<FleetDigest.RuleRow> byLost = ruleRows(rules.where("lost > 0").orderBy(col("lost").desc(),
                    col("n").desc(), col("rule")).limit(TOP));

            List<FleetDigest.ApplicationRow> worst = new ArrayList<>();
            for (Row row : good.withColumn("_severity", expr("CASE worstSeverity WHEN 'critical' THEN 3"
                            + " WHEN 'warning' THEN 2 WHEN 'info' THEN 1 ELSE 0 END"))
                    .where("findings > 0")
                    .orderBy(col("timeLostMs").desc(), col("_severity").desc(), col("logPath"))
                    .select("name", "appId", "attemptId", "durationMs", "worstSeverity", "timeLostMs", "findings",
                            "topRule", "logPath")
                    .limit(TOP).collectAsList()) {
                worst.add(new FleetDigest.ApplicationRow(row.getString(0), string(row, 1), string(row, 2),
                        row.isNullAt(3) ? OptionalLong.empty() : OptionalLong.of(row.getLong(3)), string(row, 4),
                        row.getLong(5), row.getInt(6), string(row, 7), row.getString(8)));
            }

            List<FleetDigest.ChangeRow> common = new ArrayList<>();
            for (Row row : changes.groupBy("key", "proposed")
                    .agg(countDistinct("logPath").as("apps"), sum("timeLostMs").as("lost"),
                            array_distinct(flatten(collect_list("rules"))).as("rules"))
                    .orderBy(col("apps").desc(), col("lost").desc(), col("key"), col("proposed"))
                    .limit(TOP).collectAsList()) {
                common.add(new FleetDigest.ChangeRow(row.getString(0), row.getString(1), row.getLong(2),
                        row.getLong(3), row.getList(4)));
            }

            WindowSpec earlier = Window.partitionBy("name").orderBy(col("startTime"), col("logPath"))
                    .rowsBetween(-BASELINE_RUNS, -1);
            List<FleetDigest.Regression> regressions = new ArrayList<>();
            for (Row row : good.where("durationMs IS NOT NULL AND startTime IS NOT NULL")
                    .withColumn("baseline", expr("percentile(durationMs, 0.5)").over(earlier))
                    .withColumn("earlier", count(lit(1)).over(earlier))
                    .where(col("earlier").geq(1).and(col("durationMs").geq(minMillis))
                            .and(col("durationMs").gt(col("baseline").multiply(factor))))
                    .orderBy(col("durationMs").divide(col("baseline")).desc(), col("logPath"))
                    .select("name", "appId", "durationMs", "baseline", "earlier", "logPath")
                    .limit(TOP).collectAsList()) {
                regressions.add(new FleetDigest.Regression(row.getString(0), string(row, 1), row.getLong(2),
                        Math.round(row.getDouble(3)), row.getLong(4), row.getString(5)));
            }

            List<FleetDigest.ErrorRow> errors = new ArrayList<>();
            for (Row row : apps.where("error IS NOT NULL").groupBy("errorCause")
                    .agg(count(lit(1)).as("n"), min("logPath").as("example"))
                    .join(apps.select(col("logPath").as("example"), col("error")), "example")
                    .orderBy(col("n").desc(), col("errorCause"))
                    .select("errorCause", "n", "example", "error")
                    .limit(TOP).collectAsList()) {
                errors.add(new FleetDigest.ErrorRow(row.getString(0), row.getLong(1), row.getString(2),
                        row.getString(3)));
            }
            return new FleetDigest(totals.getLong(0), totals.getLong(1), totals.getLong(2), byCount, byLost, worst,
                    common, regressions, errors, factor, minMillis);
        } finally {
            apps.unpersist();
        }
    }

    private static List<FleetDigest.RuleRow> ruleRows(Dataset<Row> rows) {
        List<FleetDigest.RuleRow> result = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            result.add(new FleetDigest.RuleRow(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3)));
        }
        return result;
    }

    private static Optional<String> string(Row row, int index) {
        return row.isNullAt(index) ? Optional.empty() : Optional.of(row.getString(index));
    }

    private static boolean exists(SparkSession spark, String table) {
        Path path = new Path(table);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
        } catch (IOException e) {
            throw new FleetException(table + ": cannot be read (" + LogListing.reason(e) + "); check the --out path");
        }
    }
}
