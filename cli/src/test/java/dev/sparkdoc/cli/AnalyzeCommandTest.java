package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    private static final String FAILURES = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "tasks_executors_fail_compressed_eventlog.zstd";
    private static final String SPARK2 = "nvidia-spark-rapids-tools/spark-events-profiling/spark2-eventlog.zstd";
    private static final String MALFORMED = "nvidia-spark-rapids-tools/spark-events-profiling/"
            + "malformed_json_eventlog.zstd";
    private static final String TRUNCATED = "nvidia-spark-rapids-tools/spark-events-qualification/truncated_eventlog";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void textOverviewShowsApplicationStagesAndFailures() {
        CliRun run = CliRun.of("analyze", CliRun.log(FAILURES).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("application_1603128018386_7846"), run.out());
        assertTrue(run.out().contains("Spark        3.1.1"), run.out());
        assertTrue(run.out().contains("Fetch fails  2"), run.out());
        assertTrue(run.out().contains("Slowest stages"), run.out());
        assertTrue(run.out().contains("Status       complete"), run.out());
    }

    @Test
    void jsonCarriesEveryStageAttemptWithSparkRestNames() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", CliRun.log(FAILURES).toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = mapper.readTree(run.out());
        assertEquals("sparkdoc.analysis/v3", root.path("schema").asText());
        JsonNode app = root.path("applications").get(0);
        assertEquals("application_1603128018386_7846", app.path("application").path("id").asText());
        JsonNode stages = app.path("stages");
        assertTrue(stages.size() > 100, "stage attempts: " + stages.size());
        List<String> required = List.of("stageId", "attemptId", "name", "numCompleteTasks", "numFailedTasks",
                "numKilledTasks", "executorRunTime", "executorCpuTime", "jvmGcTime", "resultSize", "inputBytes",
                "outputBytes", "shuffleReadBytes", "shuffleWriteBytes", "memoryBytesSpilled", "diskBytesSpilled",
                "peakExecutionMemory");
        for (JsonNode stage : stages) {
            for (String field : required) {
                assertTrue(stage.has(field), "stage " + stage.path("stageId") + " lacks " + field);
            }
        }
        assertEquals(2, app.path("fetchFailureCount").asInt());
        JsonNode failed = null;
        for (JsonNode stage : stages) {
            if ("FAILED".equals(stage.path("status").asText())) {
                failed = stage;
            }
        }
        assertTrue(failed != null, "a failed stage attempt");
        assertTrue(failed.path("numFailedTasks").asInt() > 0);
        assertTrue(failed.path("failureReason").asText().contains("FetchFailed"), failed.path("failureReason").asText());
    }

    /** Summarizing finished stages bounds memory and changes nothing in the report (BoundedTaskRowsTest has why). */
    @Test
    void aTaskRowBoundGivesTheSameReport() {
        String log = CliRun.log("nvidia-spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd")
                .toString();
        CliRun full = CliRun.of("analyze", "-o", "json", log);
        CliRun bounded = CliRun.of("analyze", "-o", "json", "--retained-task-rows", "0", log);
        assertEquals(0, bounded.exitCode(), bounded.err());
        assertEquals(full.out(), bounded.out());

        CliRun negative = CliRun.of("analyze", "--retained-task-rows", "-5", log);
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("--retained-task-rows must be 0 or more, not -5"), negative.err());
    }

    @Test
    void severalLogsGiveOneApplicationEach() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", CliRun.log(FAILURES).toString(), CliRun.log(SPARK2).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, mapper.readTree(run.out()).path("applications").size());
    }

    @Test
    void aDirectoryOfLogsGivesOneReportPerApplication() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json",
                CliRun.log("nvidia-spark-rapids-tools/spark-events-qualification/cluster_information").toString());
        assertEquals(0, run.exitCode(), run.err());
        // Two logs at the top, one more under platform/invalid/: the directory is searched recursively.
        assertEquals(3, mapper.readTree(run.out()).path("applications").size());
    }

    @Test
    void standardInputIsReadWithItsCodecSniffed() throws IOException {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(CliRun.log(SPARK2))));
            CliRun run = CliRun.of("analyze", "-o", "json", "-");
            assertEquals(0, run.exitCode(), run.err());
            JsonNode app = mapper.readTree(run.out()).path("applications").get(0);
            assertEquals("2.2.3", app.path("application").path("sparkVersion").asText());
            assertEquals("stdin", app.path("source").path("layout").asText());
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void aMalformedLineInTheMiddleIsSkippedWithItsLineNumber() {
        CliRun run = CliRun.of("analyze", CliRun.log(MALFORMED).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("malformed_json_eventlog.zstd:4: skipped a malformed line"), run.err());
    }

    @Test
    void aLogWithoutApplicationEndIsReportedIncomplete() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", CliRun.log(TRUNCATED).toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode info = mapper.readTree(run.out()).path("applications").get(0).path("application");
        assertFalse(info.path("complete").asBoolean());
        assertTrue(info.path("incompleteReasons").get(0).asText().contains("ApplicationEnd"));
    }

    @Test
    void reportGoesToTheOutFile(@TempDir Path directory) throws IOException {
        Path report = directory.resolve("report.json");
        CliRun run = CliRun.of("analyze", "-o", "json", "--out", report.toString(), CliRun.log(SPARK2).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("sparkdoc.analysis/v3", mapper.readTree(report.toFile()).path("schema").asText());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(report)), "a report is written readable by others, like any new file");
    }

    @Test
    void missingFileIsOneLineAndExitThree() {
        assertBadInput(CliRun.of("analyze", "/no/such/eventlog"), "/no/such/eventlog: no such file or directory");
    }

    @Test
    void emptyDirectoryIsOneLineAndExitThree(@TempDir Path directory) {
        assertBadInput(CliRun.of("analyze", directory.toString()), "directory holds no event log");
    }

    @Test
    void textThatIsNotAnEventLogIsOneLineAndExitThree(@TempDir Path directory) throws IOException {
        Path driverLog = directory.resolve("driver.log");
        Files.writeString(driverLog, "21/06/10 00:35:29 INFO SparkContext: Running Spark version 3.1.1\n");
        assertBadInput(CliRun.of("analyze", driverLog.toString()), "not a Spark event log");
    }

    @Test
    void jsonLinesThatAreNotEventsAreNotAnEventLog(@TempDir Path directory) throws IOException {
        Path other = directory.resolve("other.json");
        Files.writeString(other, "{\"level\":\"INFO\",\"message\":\"hello\"}\n{\"level\":\"WARN\"}\n");
        assertBadInput(CliRun.of("analyze", other.toString()), "other.json:1: not a Spark event log");
    }

    @Test
    void unknownCodecIsOneLineAndExitThree(@TempDir Path directory) throws IOException {
        Path log = directory.resolve("app-1.bz2");
        Files.write(log, new byte[] {'B', 'Z', 'h', '9'});
        assertBadInput(CliRun.of("analyze", log.toString()), "unknown codec '.bz2'");
    }

    @Test
    void corruptCompressedStreamIsOneLineAndExitThree(@TempDir Path directory) throws IOException {
        Path log = directory.resolve("app-2.lz4");
        Files.write(log, Files.readAllBytes(CliRun.log(SPARK2)));
        assertBadInput(CliRun.of("analyze", log.toString()), "corrupt or truncated compressed stream");
    }

    @Test
    void oneBadLogAmongGoodOnesStillReportsTheGoodOnes() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", "/no/such/eventlog", CliRun.log(SPARK2).toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals(1, mapper.readTree(run.out()).path("applications").size());
        assertTrue(run.err().contains("/no/such/eventlog"), run.err());
    }

    @Test
    void executorDetailBoundsEachStagesExecutorsAndAllWritesEvery() throws IOException {
        JsonNode two = mapper.readTree(CliRun.of("analyze", "-o", "json", "--executor-detail", "2",
                CliRun.log(FAILURES).toString()).out()).path("applications").get(0);
        JsonNode all = mapper.readTree(CliRun.of("analyze", "-o", "json", "--executor-detail", "all",
                CliRun.log(FAILURES).toString()).out()).path("applications").get(0);
        int bounded = 0;
        for (int i = 0; i < two.path("stages").size(); i++) {
            JsonNode stage = two.path("stages").get(i);
            JsonNode full = all.path("stages").get(i);
            int count = stage.path("executorCount").asInt();
            assertEquals(count, full.path("executorSummary").size(), "all: every executor in full");
            assertFalse(full.has("executorSummaryRest"));
            assertEquals(Math.min(2, count), stage.path("executorSummary").size());
            if (count > 2) {
                bounded++;
                JsonNode rest = stage.path("executorSummaryRest");
                assertEquals(count - 2, rest.path("executors").asInt());
                long taskTime = rest.path("taskTime").asLong();
                for (JsonNode executor : stage.path("executorSummary")) {
                    taskTime += executor.path("taskTime").asLong();
                }
                long fullTaskTime = 0;
                for (JsonNode executor : full.path("executorSummary")) {
                    fullTaskTime += executor.path("taskTime").asLong();
                }
                assertEquals(fullTaskTime, taskTime, "kept and rest add up to every executor's task time");
            }
        }
        assertTrue(bounded > 0, "the log has stages on more than 2 executors");
    }

    @Test
    void executorDetailOfNoNumberIsAUsageError() {
        CliRun run = CliRun.of("analyze", "-o", "json", "--executor-detail", "some", CliRun.log(FAILURES).toString());
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--executor-detail takes 'all' or a whole number"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("analyze", "--bogus", "x");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("Unknown option: '--bogus'"), run.err());
    }

    @Test
    void missingLogArgumentIsAUsageError() {
        assertEquals(ExitCode.USAGE, CliRun.of("analyze").exitCode());
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("sparkdoc "), version.out());
        assertFalse(version.out().contains("unknown"), version.out());
        // the bare --version is answered without picocli; picocli's own answer (an option beside it takes that
        // path) is the same, and so is -V
        assertEquals(version.out(), CliRun.of("--version", "--color", "never").out());
        assertEquals(version.out(), CliRun.of("-V").out());
        assertEquals(version.out(), CliRun.of("analyze", "--version").out());
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("analyze"), help.out());
        assertTrue(help.out().contains("Exit codes"), help.out());
    }

    private static void assertBadInput(CliRun run, String expected) {
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(run.err().startsWith("sparkdoc: "), run.err());
    }
}
