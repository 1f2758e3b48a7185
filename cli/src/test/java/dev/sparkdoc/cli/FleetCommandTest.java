package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.fleet.Fleet;
import dev.sparkdoc.fleet.FleetOptions;
import dev.sparkdoc.fleet.FleetSummary;
import dev.sparkdoc.fleet.FleetTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkdoc fleet} in local mode over a tree of more than 50 real logs: every committed sample log, the Spark
 * 4.2.0 logs of the analyzers' tests (single files in every codec, rolling directories, a truncated .inprogress),
 * copies of all of them under other names, a corrupt log and an empty one. The outputs are read back with Spark.
 * One Spark session for the class; the runs build on each other (first run, rerun, one more log, --full).
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("..", "sample-eventlogs", "logs").toAbsolutePath().normalize();
    private static final Path SPARK_42 = CliRun.EVENT_LOGS.resolve("spark-4.2.0");

    @TempDir
    static Path temp;

    static SparkSession spark;
    static Path logs;
    static Path out;
    /** Each log of the tree (as the fleet names it) and the committed log it is a copy of. */
    static final Map<String, Path> ORIGINAL = new LinkedHashMap<>();
    static String corrupt;
    static String empty;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("FleetCommandTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        logs = temp.resolve("logs");
        out = temp.resolve("out");
        List<Path> originals = new ArrayList<>();
        try (Stream<Path> samples = Files.list(SAMPLES)) {
            samples.filter(p -> !p.getFileName().toString().endsWith(".md")
                            && !p.getFileName().toString().endsWith(".txt")
                            && !p.getFileName().toString().equals("expected"))
                    .sorted().forEach(originals::add);
        }
        try (Stream<Path> spark42 = Files.list(SPARK_42)) {
            for (Path dir : spark42.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> inside = Files.list(dir)) {
                    inside.sorted().forEach(originals::add);
                }
            }
        }
        for (Path original : originals) {
            String name = original.getFileName().toString();
            put(original, logs.resolve("committed").resolve(name));
            // copies under other names: a rolling directory keeps its eventlog_v2_ prefix, a file its codec suffix
            String renamed = name.startsWith("eventlog_v2_") ? "eventlog_v2_copy-" + name.substring(12)
                    : "copy-" + name;
            put(original, logs.resolve("copies").resolve("day=2026-12-01").resolve(renamed));
            String again = name.startsWith("eventlog_v2_") ? "eventlog_v2_again-" + name.substring(12)
                    : "again-" + name;
            put(original, logs.resolve("copies").resolve("day=2026-12-02").resolve(again));
        }
        Path broken = logs.resolve("broken");
        Files.createDirectories(broken);
        Path corruptFile = broken.resolve("corrupt.zstd");
        byte[] garbage = new byte[4096];
        new java.util.Random(20).nextBytes(garbage);
        Files.write(corruptFile, garbage);
        Path emptyFile = broken.resolve("empty");
        Files.write(emptyFile, new byte[0]);
        corrupt = corruptFile.toUri().toString();
        empty = emptyFile.toUri().toString();
        assertTrue(ORIGINAL.size() + 2 >= 50, "at least 50 logs: " + (ORIGINAL.size() + 2));
    }

    private static void put(Path original, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        if (Files.isDirectory(original)) {
            Files.createDirectories(copy);
            try (Stream<Path> parts = Files.list(original)) {
                for (Path part : parts.toList()) {
                    Files.copy(part, copy.resolve(part.getFileName()));
                }
            }
        } else {
            Files.copy(original, copy);
        }
        ORIGINAL.put(fleetPath(copy), original);
    }

    /** How the fleet names a local log: Hadoop's qualified path, file:/... without a trailing slash. */
    private static String fleetPath(Path path) {
        return new org.apache.hadoop.fs.Path(path.toUri().toString()).toString();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    @Order(1)
    void everyLogIsOneRowAndItsFindingsAreAnalyzes() throws IOException {
        CliRun run = CliRun.of("fleet", logs.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        int total = ORIGINAL.size() + 2;
        assertTrue(run.out().startsWith("sparkdoc fleet: " + total + " logs read (" + ORIGINAL.size()
                + " applications, 1 error, 1 file holds no event log), 0 unchanged logs skipped"), run.out());
        assertEquals(1, run.out().lines().count(), run.out());

        List<Row> apps = spark.read().parquet(out.resolve(FleetTables.APPLICATIONS).toString()).collectAsList();
        assertEquals(total, apps.size());
        Map<String, Row> byPath = new HashMap<>();
        for (Row row : apps) {
            assertNull(byPath.put(row.getAs("logPath"), row), "one row per log: " + row.getAs("logPath"));
        }
        List<Row> findings = spark.read().parquet(out.resolve(FleetTables.FINDINGS).toString()).collectAsList();
        List<Row> changes = spark.read().parquet(out.resolve(FleetTables.RECOMMENDATIONS).toString())
                .collectAsList();
        Map<Path, JsonNode> analyzed = new HashMap<>();
        int withFindings = 0;
        for (Map.Entry<String, Path> log : ORIGINAL.entrySet()) {
            Row app = byPath.get(log.getKey());
            assertNotNull(app, "a row for " + log.getKey());
            assertNull(app.getAs("error"), log.getKey() + ": " + app.getAs("error"));
            JsonNode expected = analyzed.computeIfAbsent(log.getValue(), FleetCommandTest::analyze);
            JsonNode application = expected.get("application");
            assertEquals(application.get("id").asText(), app.getAs("appId"), log.getKey());
            assertEquals(application.get("name").asText(), app.getAs("name"), log.getKey());
            assertEquals(application.get("duration").isNull() ? null : application.get("duration").asLong(),
                    (Long) app.getAs("durationMs"), log.getKey());
            assertEquals(expected.get("worstSeverity").isNull() ? null : expected.get("worstSeverity").asText(),
                    app.getAs("worstSeverity"), log.getKey());
            assertEquals(expected.get("timeLost").asLong(), (long) app.<Long>getAs("timeLostMs"), log.getKey());
            // the findings: each one as analyze -o json writes it, no more, no fewer
            List<JsonNode> want = new ArrayList<>();
            expected.get("findings").forEach(want::add);
            List<JsonNode> got = new ArrayList<>();
            for (Row finding : findings) {
                if (finding.getAs("logPath").equals(log.getKey())) {
                    JsonNode node = JSON.readTree(finding.<String>getAs("json"));
                    assertEquals(node.get("rule").asText(), finding.getAs("rule"));
                    assertEquals(node.get("severity").asText(), finding.getAs("severity"));
                    assertEquals(node.get("summary").asText(), finding.getAs("summary"));
                    assertEquals(node.get("evidence").size(), finding.getJavaMap(finding.fieldIndex("evidence"))
                            .size(), "evidence as a map, one entry per named value");
                    got.add(node);
                }
            }
            Comparator<JsonNode> order = Comparator.comparing(JsonNode::toString);
            want.sort(order);
            got.sort(order);
            assertEquals(want, got, log.getKey());
            withFindings += want.isEmpty() ? 0 : 1;
            // the recommendations: the merged advice's settings
            List<String> wantKeys = new ArrayList<>();
            expected.get("advice").get("config").forEach(setting -> wantKeys.add(setting.get("key").asText() + "="
                    + setting.get("proposed").asText()));
            List<String> gotKeys = new ArrayList<>();
            for (Row change : changes) {
                if (change.getAs("logPath").equals(log.getKey())) {
                    gotKeys.add(change.getAs("key") + "=" + change.getAs("proposed"));
                }
            }
            wantKeys.sort(null);
            gotKeys.sort(null);
            assertEquals(wantKeys, gotKeys, log.getKey());
        }
        assertTrue(withFindings >= 20, "the comparison covers findings: " + withFindings);

        Row corruptRow = byPath.get(fleetPath(Path.of(java.net.URI.create(corrupt))));
        assertNotNull(corruptRow, corrupt);
        assertNull(corruptRow.getAs("appId"));
        String error = corruptRow.getAs("error");
        assertNotNull(error, corrupt);
        assertTrue(error.contains(Path.of(java.net.URI.create(corrupt)).toString()), error);
        assertNotNull(corruptRow.getAs("errorCause"));
        assertNull(corruptRow.getAs("skipped"));
        // an empty file found in a directory holds no event log: skipped, as 'sparkdoc analyze' skips it
        Row emptyRow = byPath.get(fleetPath(Path.of(java.net.URI.create(empty))));
        assertNotNull(emptyRow, empty);
        assertNull(emptyRow.getAs("appId"));
        assertNull(emptyRow.getAs("error"), empty);
        assertEquals("empty event log", emptyRow.getAs("skipped"));
        // JSON lines: the same rows
        assertEquals(total, spark.read().json(out.resolve("json").resolve(FleetTables.APPLICATIONS).toString())
                .count());
        assertEquals(findings.size(), spark.read().json(out.resolve("json").resolve(FleetTables.FINDINGS)
                .toString()).count());
        String digest = Files.readString(out.resolve("digest.md"));
        assertTrue(digest.startsWith("# sparkdoc fleet digest\n\n" + ORIGINAL.size() + " applications analyzed, 1"
                + " log could not be analyzed"), digest);
        assertTrue(digest.contains("| data-skew |"), digest);
        String html = Files.readString(out.resolve("digest.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("Errors by cause")
                && !html.contains("<script src") && !html.contains("http://") , html);
    }

    @Test
    @Order(2)
    void aRerunReadsNothingNewAndOneMoreLogIsTheOnlyOneRead() throws IOException {
        long before = rows(FleetTables.APPLICATIONS);
        FleetSummary again = run(false);
        assertEquals(0, again.analyzed(), again.line());
        assertEquals(ORIGINAL.size() + 2, again.unchanged(), again.line());
        assertEquals(before, rows(FleetTables.APPLICATIONS), "nothing appended");

        Path added = logs.resolve("new").resolve("added-healthy");
        Files.createDirectories(added.getParent());
        Files.copy(SAMPLES.resolve("healthy"), added);
        FleetSummary one = run(false);
        assertEquals(1, one.analyzed(), one.line());
        assertEquals(0, one.errors(), one.line());
        List<Row> fresh = spark.read().parquet(out.resolve(FleetTables.APPLICATIONS).toString())
                .where(org.apache.spark.sql.functions.col("runId").equalTo(one.runId())).collectAsList();
        assertEquals(1, fresh.size());
        assertEquals(fleetPath(added), fresh.get(0).getAs("logPath"));
        assertEquals(before + 1, rows(FleetTables.APPLICATIONS));
    }

    @Test
    @Order(3)
    void fullReanalyzesEverythingAndTheLatestResultOfEachLogCounts() {
        long logsNow = ORIGINAL.size() + 3;
        long findingsBefore = FleetTables.current(spark, out.toUri().toString(), FleetTables.FINDINGS,
                FleetTables.currentApplications(spark, out.toUri().toString())).count();
        FleetSummary full = run(true);
        assertEquals(logsNow, full.analyzed(), full.line());
        assertEquals(2 * logsNow, rows(FleetTables.APPLICATIONS), "appended");
        Dataset<Row> current = FleetTables.currentApplications(spark, out.toUri().toString());
        assertEquals(logsNow, current.count(), "deduplicated: one row per log");
        assertEquals(logsNow, current.where(org.apache.spark.sql.functions.col("runId").equalTo(full.runId()))
                .count());
        assertEquals(findingsBefore, FleetTables.current(spark, out.toUri().toString(), FleetTables.FINDINGS,
                current).count(), "the same findings, once");
    }

    @Test
    @Order(4)
    void badInputIsOneLine() throws IOException {
        CliRun missing = CliRun.of("fleet", temp.resolve("no-such-dir").toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT, missing.exitCode(), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("sparkdoc: " + temp.resolve("no-such-dir") + ": no such file or"
                + " directory"), missing.err());
        Path file = temp.resolve("a-file");
        Files.writeString(file, "x");
        CliRun unwritable = CliRun.of("fleet", logs.toString(), "--out", file.toString());
        assertEquals(ExitCode.BAD_INPUT, unwritable.exitCode(), unwritable.err());
        assertEquals(1, unwritable.err().lines().count(), unwritable.err());
        assertTrue(unwritable.err().startsWith("sparkdoc: --out " + file + ": cannot be created as a directory ("),
                unwritable.err());
        CliRun date = CliRun.of("fleet", logs.toString(), "--since", "yesterday");
        assertEquals(ExitCode.BAD_INPUT, date.exitCode(), date.err());
        assertEquals("sparkdoc: --since yesterday: not a date; give 2026-12-01, 2026-12-01T08:00,"
                + " 2026-12-01T08:00+01:00 or a time ago such as 12h or 7d", date.err().strip());
    }

    private static FleetSummary run(boolean full) {
        return Fleet.run(spark, FleetOptions.of(List.of(logs.toString()), out.toString()).withFull(full), "test",
                Clock.systemUTC());
    }

    private static long rows(String table) {
        return spark.read().parquet(out.resolve(table).toString()).count();
    }

    private static JsonNode analyze(Path log) {
        CliRun run = CliRun.of("analyze", "-o", "json", "-q", log.toString());
        try {
            JsonNode document = JSON.readTree(run.out());
            assertEquals(1, document.get("applications").size(), log.toString());
            return document.get("applications").get(0);
        } catch (IOException e) {
            throw new AssertionError(log + ": " + run.err(), e);
        }
    }

    static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
