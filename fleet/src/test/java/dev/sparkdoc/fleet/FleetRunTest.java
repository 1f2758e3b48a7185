package dev.sparkdoc.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.report.FleetDigest;
import dev.sparkdoc.rules.RuleSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of a fleet run the cli's big test does not vary: a run slower than its own history in the digest, the
 * rules file applied in the tasks, and the --since/--until window. Real logs (the healthy and skewed-join samples,
 * the first with its timestamps moved to make a history), real Spark in local mode.
 */
@Tag("slow")
class FleetRunTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sparkdoc.repoRoot", ".."), "sample-eventlogs",
            "logs");
    private static final long DAY = 86_400_000L;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("FleetRunTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The healthy log moved {@code days} later, its end {@code extraMillis} later still. */
    private static void healthyRun(Path target, int days, long extraMillis) throws IOException {
        String log = Files.readString(SAMPLES.resolve("healthy"), StandardCharsets.UTF_8);
        StringBuilder moved = new StringBuilder();
        for (String line : log.split("\n", -1)) {
            if (line.startsWith("{\"Event\":\"SparkListenerApplicationStart\"")) {
                line = shift(line, days * DAY);
            } else if (line.startsWith("{\"Event\":\"SparkListenerApplicationEnd\"")) {
                line = shift(line, days * DAY + extraMillis);
            }
            moved.append(line).append('\n');
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, moved.substring(0, moved.length() - 1), StandardCharsets.UTF_8);
    }

    private static String shift(String line, long millis) {
        Matcher timestamp = Pattern.compile("\"Timestamp\":(\\d+)").matcher(line);
        assertTrue(timestamp.find(), line);
        return timestamp.replaceFirst("\"Timestamp\":" + (Long.parseLong(timestamp.group(1)) + millis));
    }

    @Test
    void aRunSlowerThanItsHistoryIsARegressionAndTheRulesFileAppliesInTheTasks(@TempDir Path temp)
            throws Exception {
        Path logs = temp.resolve("logs");
        healthyRun(logs.resolve("run-1"), 1, 0);
        healthyRun(logs.resolve("run-2"), 2, 500);
        healthyRun(logs.resolve("run-3"), 3, 600_000);
        Files.copy(SAMPLES.resolve("skewed-join.lz4"), logs.resolve("skewed-join.lz4"));
        Path rules = temp.resolve("rules.yaml");
        String yaml = "rules:\n  data-skew:\n    enabled: false\n  job-duration-regression:\n    thresholds:\n"
                + "      min-job-duration: 1s\n";
        Files.writeString(rules, yaml);
        String out = temp.resolve("out").toString();
        FleetSummary summary = Fleet.run(spark, FleetOptions.of(List.of(logs.toString()), out)
                .withRules(rules.toString(), yaml), "test", Clock.systemUTC());
        assertEquals(4, summary.analyzed(), summary.line());
        assertEquals(0, summary.errors(), summary.line());

        FleetDigest digest = FleetDigests.compute(spark, out, RuleSettings.parse("test", yaml));
        assertEquals(1, digest.regressions().size(), digest.regressions().toString());
        FleetDigest.Regression regression = digest.regressions().get(0);
        assertTrue(regression.logPath().endsWith("/run-3"), regression.logPath());
        assertEquals(2, regression.earlierRuns());
        assertEquals(12_107 + 600_000, regression.durationMillis());
        assertEquals(12_107 + 250, regression.baselineMillis(), "the median of 12.107 s and 12.607 s");
        assertTrue(Files.readString(temp.resolve("out").resolve("digest.md")).contains("| sparkdoc healthy |"));

        long skew = spark.read().parquet(out + "/findings").where("rule = 'data-skew'").count();
        assertEquals(0, skew, "data-skew disabled by the rules file, in every task");
        assertTrue(spark.read().parquet(out + "/findings").where("logPath LIKE '%skewed-join.lz4'").count() > 0,
                "the other rules still ran");
    }

    /**
     * A log on a file system other than file: is copied to the task's temporary directory, analyzed there and
     * deleted; its rows and errors name it by its own path. The file system is Hadoop's real ViewFileSystem
     * (viewfs://), mounted on a local directory: the same code path as hdfs:// or s3a://, without a cluster.
     */
    @Test
    void aLogOnAnotherFileSystemIsCopiedAnalyzedAndDeleted(@TempDir Path temp) throws IOException {
        Path logs = temp.resolve("logs");
        Files.createDirectories(logs);
        Files.copy(SAMPLES.resolve("skewed-join.lz4"), logs.resolve("skewed-join.lz4"));
        Path rolling = logs.resolve("eventlog_v2_tiny-tasks");
        Files.createDirectories(rolling);
        try (java.util.stream.Stream<Path> parts = Files.list(SAMPLES.resolve("eventlog_v2_tiny-tasks"))) {
            for (Path part : parts.toList()) {
                Files.copy(part, rolling.resolve(part.getFileName()));
            }
        }
        Files.writeString(logs.resolve("corrupt.zstd"), "not zstd");
        spark.sparkContext().hadoopConfiguration().set("fs.viewfs.mounttable.fleet.link./logs",
                logs.toUri().toString());
        java.util.Set<String> before = copies();
        String out = temp.resolve("out").toString();
        FleetSummary summary = Fleet.run(spark, FleetOptions.of(List.of("viewfs://fleet/logs"), out), "test",
                Clock.systemUTC());
        assertEquals(3, summary.analyzed(), summary.line());
        assertEquals(1, summary.errors(), summary.line());
        List<org.apache.spark.sql.Row> rows = spark.read().parquet(out + "/applications").orderBy("logPath")
                .collectAsList();
        assertEquals(List.of("viewfs://fleet/logs/corrupt.zstd", "viewfs://fleet/logs/eventlog_v2_tiny-tasks",
                "viewfs://fleet/logs/skewed-join.lz4"), rows.stream().map(row -> row.<String>getAs("logPath"))
                .toList());
        String error = rows.get(0).getAs("error");
        assertTrue(error.startsWith("viewfs://fleet/logs/corrupt.zstd: ") && !error.contains("sparkdoc-fleet-"),
                error);
        assertEquals("local-1795252340730", rows.get(1).getAs("appId"));
        assertEquals("critical", rows.get(2).getAs("worstSeverity"));
        assertTrue(spark.read().parquet(out + "/findings")
                .where("logPath = 'viewfs://fleet/logs/skewed-join.lz4' AND rule = 'data-skew'").count() > 0);
        assertEquals(before, copies(), "every temporary copy deleted");
    }

    /** The temporary directories the tasks copy logs into. */
    private static java.util.Set<String> copies() throws IOException {
        try (java.util.stream.Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.map(p -> p.getFileName().toString()).filter(name -> name.matches("sparkdoc-fleet-\\d+"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void sinceAndUntilSelectByModificationTime(@TempDir Path temp) throws IOException {
        Path logs = temp.resolve("logs");
        Files.createDirectories(logs);
        for (String name : List.of("old", "middle", "new")) {
            Files.copy(SAMPLES.resolve("healthy"), logs.resolve(name));
        }
        Files.setLastModifiedTime(logs.resolve("old"), FileTime.from(Instant.parse("2026-11-01T10:00:00Z")));
        Files.setLastModifiedTime(logs.resolve("middle"), FileTime.from(Instant.parse("2026-11-15T10:00:00Z")));
        Files.setLastModifiedTime(logs.resolve("new"), FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        String out = temp.resolve("out").toString();
        FleetOptions window = new FleetOptions(List.of(logs.toString()),
                java.util.Optional.of(Instant.parse("2026-11-10T00:00:00Z")),
                java.util.Optional.of(Instant.parse("2026-12-01T10:00:00Z")), out, java.util.Optional.empty(),
                "built-in", false, FleetOptions.DEFAULT_FINISHED_TASK_ROWS, FleetOptions.DEFAULT_STAGE_TASK_ROWS);
        FleetSummary summary = Fleet.run(spark, window, "test", Clock.systemUTC());
        assertEquals(3, summary.listed());
        assertEquals(1, summary.selected(), "until is exclusive: 'new' is at it");
        assertEquals(1, summary.analyzed());
        assertEquals(List.of("middle"), spark.read().parquet(out + "/applications").select("logPath").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList().stream()
                .map(path -> path.substring(path.lastIndexOf('/') + 1)).toList());
    }
}
