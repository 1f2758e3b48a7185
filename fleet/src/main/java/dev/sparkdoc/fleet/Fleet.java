package dev.sparkdoc.fleet;

import dev.sparkdoc.report.FleetDigest;
import dev.sparkdoc.report.FleetDigestReport;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.rules.RuleSettingsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * A fleet run on a Spark session: list the logs (driver), drop those outside the time window and those already
 * analyzed, analyze each remaining log in its own task ({@link LogTask}), append the three tables, then write the
 * digest from the latest result of every log. The same code serves {@code sparkdoc fleet} (local mode by default) and
 * {@code spark-submit} ({@link FleetMain}).
 */
public final class Fleet {

    private Fleet() {
    }

    public static FleetSummary run(SparkSession spark, FleetOptions options, String sparkdocVersion, Clock clock) {
        long started = System.nanoTime();
        RuleSettings settings = settings(options);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String out = qualified(options.out(), conf);

        List<LogCandidate> listed = LogListing.list(options.inputs(), conf, out);
        List<LogCandidate> selected = new ArrayList<>();
        for (LogCandidate candidate : listed) {
            Instant modified = Instant.ofEpochMilli(candidate.modifiedMillis());
            if (options.since().map(since -> !modified.isBefore(since)).orElse(true)
                    && options.until().map(modified::isBefore).orElse(true)) {
                selected.add(candidate);
            }
        }
        Set<String> known = options.full() ? Set.of() : analyzedBefore(spark, out, conf);
        List<LogCandidate> todo = new ArrayList<>();
        for (LogCandidate candidate : selected) {
            if (!known.contains(key(LogListing.redact(candidate.path()), candidate.sizeBytes(),
                    candidate.modifiedMillis()))) {
                todo.add(candidate);
            }
        }
        // The largest logs first, so that no large log starts last and holds up the end of the job.
        todo.sort(Comparator.comparingLong(LogCandidate::sizeBytes).reversed().thenComparing(LogCandidate::path));

        long[] errorsAndSkipped = {0, 0};
        String runId = "";
        long analysisStarted = System.nanoTime();
        if (!todo.isEmpty()) {
            Instant now = clock.instant();
            runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            errorsAndSkipped = analyze(spark, context, conf, options, todo, out, runId, now.toEpochMilli());
        }
        long analysisMillis = (System.nanoTime() - analysisStarted) / 1_000_000;
        FleetDigest digest = FleetDigests.compute(spark, out, settings);
        writeText(conf, out + "/digest.md", FleetDigestReport.markdown(digest, sparkdocVersion));
        writeText(conf, out + "/digest.html", FleetDigestReport.html(digest, sparkdocVersion));
        return new FleetSummary(listed.size(), selected.size(), selected.size() - todo.size(), todo.size(),
                errorsAndSkipped[0], errorsAndSkipped[1], runId, (System.nanoTime() - started) / 1_000_000, analysisMillis, options.out());
    }

    /** Reads {@code todo} and appends the tables; returns the numbers of error rows and of skipped files. */
    private static long[] analyze(SparkSession spark, JavaSparkContext context, Configuration conf,
            FleetOptions options, List<LogCandidate> todo, String out, String runId, long now) {
        Broadcast<HadoopConf> hadoop = context.broadcast(new HadoopConf(new Configuration(conf)));
        LogTask task = new LogTask(hadoop, options.rulesYaml().orElse(null), options.rulesSource(),
                options.maxFinishedTaskRows(), options.maxStageTaskRows(), runId, now);
        context.setJobGroup("sparkdoc-fleet-" + runId, "sparkdoc fleet: analyzing " + todo.size() + " event logs",
                false);
        try {
            // One log per partition, so one log per task: a large log never waits behind others in its task.
            JavaRDD<LogResult> results = context.parallelize(todo, todo.size()).map(task)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> applications = spark.createDataFrame(results.map(LogResult::application),
                        FleetTables.APPLICATIONS_SCHEMA);
                Dataset<Row> findings = FleetTables.findings(spark.createDataFrame(
                        results.flatMap(r -> r.findings().iterator()), FleetTables.FINDING_ROWS_SCHEMA));
                Dataset<Row> recommendations = spark.createDataFrame(
                        results.flatMap(r -> r.recommendations().iterator()), FleetTables.RECOMMENDATIONS_SCHEMA);
                write(applications, out, FleetTables.APPLICATIONS);
                write(findings, out, FleetTables.FINDINGS);
                write(recommendations, out, FleetTables.RECOMMENDATIONS);
                Row counts = applications.agg(functions.count(functions.col("error")),
                        functions.count(functions.col("skipped"))).first();
                return new long[] {counts.getLong(0), counts.getLong(1)};
            } finally {
                results.unpersist(false);
                hadoop.destroy();
            }
        } finally {
            context.clearJobGroup();
        }
    }

    private static void write(Dataset<Row> rows, String out, String table) {
        // One file per table and run in each format: a run's rows are few (one per log, a few per finding).
        Dataset<Row> one = rows.coalesce(1);
        one.write().mode(SaveMode.Append).parquet(FleetTables.parquet(out, table));
        one.write().mode(SaveMode.Append).json(FleetTables.json(out, table));
    }

    /** A log version's identity: path (as the rows show it), size, modification time. */
    private static String key(String path, long size, long modified) {
        return size + "/" + modified + "/" + path;
    }

    /** The logs of earlier runs, by path, size and modification time. */
    private static Set<String> analyzedBefore(SparkSession spark, String out, Configuration conf) {
        Path table = new Path(FleetTables.parquet(out, FleetTables.APPLICATIONS));
        try {
            if (!table.getFileSystem(conf).exists(table)) {
                return Set.of();
            }
        } catch (IOException e) {
            throw new FleetException(out + ": cannot be read (" + LogListing.reason(e) + "); check the --out path");
        }
        Set<String> known = new HashSet<>();
        List<Row> rows = spark.read().schema(FleetTables.APPLICATIONS_SCHEMA).parquet(table.toString())
                .select("logPath", "logSize", "logModified").distinct().collectAsList();
        for (Row row : rows) {
            known.add(key(row.getString(0), row.getLong(1), row.getLong(2)));
        }
        return known;
    }

    private static RuleSettings settings(FleetOptions options) {
        if (options.rulesYaml().isEmpty()) {
            return RuleSettings.defaults();
        }
        try {
            return RuleSettings.parse(options.rulesSource(), options.rulesYaml().get());
        } catch (RuleSettingsException e) {
            throw new FleetException(e.getMessage(), e);
        }
    }

    /** The output directory, fully qualified and created (so a path that cannot be written fails before the job). */
    private static String qualified(String out, Configuration conf) {
        Path path;
        FileSystem fs;
        try {
            path = new Path(out);
            fs = path.getFileSystem(conf);
            path = fs.makeQualified(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new FleetException("--out " + LogListing.redact(out) + ": not a usable directory ("
                    + LogListing.reason(e) + "); give a local directory or a Hadoop path");
        }
        try {
            if (!fs.mkdirs(path) || !fs.getFileStatus(path).isDirectory()) {
                throw new IOException("not a directory");
            }
        } catch (IOException e) {
            throw new FleetException("--out " + LogListing.redact(out) + ": cannot be created as a directory ("
                    + LogListing.reason(e) + "); give a directory this user can write");
        }
        return path.toString();
    }

    private static void writeText(Configuration conf, String file, String text) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(conf);
            // no .crc file beside a local digest
            fs = fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRaw() : fs;
            try (OutputStream stream = fs.create(path, true)) {
                stream.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new FleetException(file + ": cannot be written (" + LogListing.reason(e)
                    + "); check the --out directory and its permissions");
        }
    }
}
