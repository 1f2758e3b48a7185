package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sparkdoc analyze s3a://...} against a real S3-compatible server (s3proxy, in this JVM, on loopback), through
 * hadoop-aws: the report of a log read from the store is the report of the same local file, byte for byte, but for
 * the source's path and part names; and each bad input is one line with exit code 3.
 */
@Tag("slow")
class S3aSourcesTest {

    static final Path SAMPLES = Path.of("..", "sample-eventlogs", "logs").toAbsolutePath().normalize();
    /** A plain log, a compressed one, a rolling eventlog_v2_ directory. */
    static final List<String> LOGS = List.of("healthy", "skewed-join.lz4", "eventlog_v2_tiny-tasks");

    private static S3Server server;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        server = new S3Server();
        server.createBucket("spark");
        for (String log : LOGS) {
            server.upload("spark", "logs/" + log, SAMPLES.resolve(log));
        }
        server.upload("spark", "mixed/healthy", SAMPLES.resolve("healthy"));
        server.upload("spark", "mixed/README.txt", SAMPLES.resolve("README.md"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static CliRun analyze(List<String> options, String... args) {
        List<String> all = new ArrayList<>(List.of("analyze"));
        all.addAll(options);
        all.addAll(Arrays.asList(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /**
     * What may differ between the report of a local log and of the same log elsewhere: the source's path and its
     * parts' names, which name where the log was read. Everything else is the same bytes.
     */
    static void assertSameReport(String local, String localPrefix, String remote, String remotePrefix) {
        assertTrue(local.contains(localPrefix), "the local report names its path");
        assertTrue(remote.contains(remotePrefix), "the remote report names its URI: " + remote.substring(0,
                Math.min(600, remote.length())));
        assertEquals(local.replace(localPrefix, remotePrefix), remote);
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy", "skewed-join.lz4", "eventlog_v2_tiny-tasks"})
    void aLogOnS3GivesTheReportOfTheLocalFile(String log) throws IOException {
        CliRun local = CliRun.of("analyze", "-o", "json", SAMPLES.resolve(log).toString());
        CliRun remote = analyze(server.options(), "-o", "json", "s3a://spark/logs/" + log);
        assertEquals(local.exitCode(), remote.exitCode(), remote.err());
        assertSameReport(local.out(), SAMPLES.toString(), remote.out(), "s3a://spark/logs");
        JsonNode source = mapper.readTree(remote.out()).path("applications").get(0).path("source");
        assertEquals("s3a://spark/logs/" + log, source.path("path").asText());
        assertTrue(source.path("rawBytes").asLong() > 0);
    }

    @Test
    void aDirectoryOnS3IsListedOnceAndGivesEveryLog() throws IOException {
        CliRun remote = analyze(server.options(), "-o", "json", "s3a://spark/logs");
        assertEquals(0, remote.exitCode() == 4 ? 0 : remote.exitCode(), remote.err());
        JsonNode applications = mapper.readTree(remote.out()).path("applications");
        assertEquals(LOGS.size(), applications.size(), remote.out());
        List<String> paths = new ArrayList<>();
        applications.forEach(app -> paths.add(app.path("source").path("path").asText()));
        assertEquals(List.of("s3a://spark/logs/eventlog_v2_tiny-tasks", "s3a://spark/logs/healthy",
                "s3a://spark/logs/skewed-join.lz4"), paths);
    }

    /** As in a local directory: a file of an S3 directory that holds no event log is skipped, not an error. */
    @Test
    void aFileThatIsNoLogInAnS3DirectoryIsSkipped() {
        CliRun run = analyze(server.options(), "s3a://spark/mixed");
        assertTrue(run.exitCode() == 0 || run.exitCode() == ExitCode.FINDINGS, run.err());
        assertTrue(run.err().contains("sparkdoc: skipped 1 file of the directories given that holds no event log:"
                + " s3a://spark/mixed/README.txt"), run.err());
        CliRun named = analyze(server.options(), "s3a://spark/mixed/README.txt");
        assertEquals(ExitCode.BAD_INPUT, named.exitCode(), "named directly, it is an error: " + named.err());
    }

    @Test
    void aTrailingSlashAndTheSparkHadoopPrefixWork() {
        List<String> options = new ArrayList<>();
        for (String option : server.options()) {
            options.add(option.startsWith("fs.") ? "spark.hadoop." + option : option);
        }
        CliRun run = analyze(options, "-o", "json", "s3a://spark/logs/");
        assertTrue(run.exitCode() == 0 || run.exitCode() == 4, run.err());
        assertTrue(run.out().contains("\"path\" : \"s3a://spark/logs/healthy\""), run.out());
    }

    @Test
    void appNameSelectsByTheFirstEvents() throws IOException {
        CliRun all = analyze(server.options(), "-o", "json", "s3a://spark/logs");
        String name = mapper.readTree(all.out()).path("applications").get(1).path("application").path("name")
                .asText();
        assertFalse(name.isEmpty());
        CliRun one = analyze(server.options(), "-o", "json", "--app-name", name, "s3a://spark/logs");
        JsonNode applications = mapper.readTree(one.out()).path("applications");
        assertEquals(1, applications.size(), one.err());
        assertEquals("s3a://spark/logs/healthy", applications.get(0).path("source").path("path").asText());
        assertTrue(one.err().contains("1 of 3 logs match --app-name " + name), one.err());
    }

    /** Selecting lists the directory and opens no object for the times, only each log's first part for the name. */
    @Test
    void selectingReadsNoObjectForTimesAndOnlyFirstPartsForNames() {
        server.takeReads();
        CliRun none = analyze(server.options(), "--since", "2999-01-01", "s3a://spark/logs");
        assertEquals(ExitCode.BAD_INPUT, none.exitCode(), none.err());
        assertEquals(List.of(), server.takeReads());
        CliRun named = analyze(server.options(), "--app-name", "no-such-application", "s3a://spark/logs");
        assertEquals(ExitCode.BAD_INPUT, named.exitCode(), named.err());
        java.util.Set<String> read = new java.util.TreeSet<>(server.takeReads());
        assertEquals(3, read.size(), read.toString());
        assertTrue(read.contains("logs/healthy") && read.contains("logs/skewed-join.lz4"), read.toString());
        assertTrue(read.stream().anyMatch(key -> key.startsWith("logs/eventlog_v2_tiny-tasks/events_1_")),
                read.toString());
    }

    @Test
    void sinceInTheFutureMatchesNothingInOneLine() {
        CliRun run = analyze(server.options(), "--since", "2999-01-01", "s3a://spark/logs");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneLine(run, "no event log matches --since 2999-01-01T00:00:00Z (3 logs found)");
        CliRun past = analyze(server.options(), "-o", "json", "--since", "2000-01-01", "--until", "2999-01-01",
                "s3a://spark/logs");
        assertTrue(past.err().contains("3 of 3 logs match"), past.err());
    }

    @Test
    void aBucketThatDoesNotExistIsOneLine() {
        CliRun run = analyze(server.options(), "s3a://no-such-bucket/logs");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneLine(run, "s3a://no-such-bucket/logs: bucket 'no-such-bucket' does not exist");
    }

    @Test
    void aMissingObjectIsOneLine() {
        CliRun run = analyze(server.options(), "s3a://spark/logs/no-such-log");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneLine(run, "s3a://spark/logs/no-such-log: no such file or directory");
    }

    @Test
    void missingCredentialsAreOneLine() {
        List<String> options = withoutKeys(server.options());
        CliRun run = analyze(options, "s3a://spark/logs/healthy");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneLine(run, "s3a://spark/logs/healthy: no credentials for s3a://");
    }

    @Test
    void aWrongSecretIsRejectedWithoutPrintingIt() {
        List<String> options = withoutKeys(server.options());
        String wrong = "wrong-secret-that-must-not-show-4711";
        options.addAll(List.of("-D", "fs.s3a.access.key=" + S3Server.ACCESS_KEY, "-D", "fs.s3a.secret.key=" + wrong));
        CliRun run = analyze(options, "s3a://spark/logs/healthy");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneLine(run, "s3a://spark/logs/healthy: access denied (HTTP 403): the store rejected the credentials,"
                + " or they may not read this");
        assertFalse(run.err().contains(wrong), run.err());
        assertFalse(run.out().contains(wrong), run.out());
    }

    @Test
    void secretsInTheUriAreNeverPrinted() {
        String secret = "uri-secret-value-0815";
        CliRun run = analyze(withoutKeys(server.options()), "s3a://AKIAIOSFODNN7EXAMPLE:" + secret
                + "@spark/logs/healthy");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains(secret), run.err());
        assertFalse(run.err().contains("AKIAIOSFODNN7EXAMPLE"), run.err());
    }

    @Test
    void aDeadEndpointFailsInOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        List<String> options = new ArrayList<>(server.options());
        options.addAll(List.of("-D", "fs.s3a.endpoint=http://127.0.0.1:" + closed));
        CliRun run = analyze(options, "s3a://spark/logs/healthy");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertOneLine(run, "s3a://spark/logs/healthy: cannot connect to 127.0.0.1:" + closed
                + " (Connection refused)");
    }

    @Test
    void aMissingConnectorNamesTheArtifactToAdd() {
        CliRun gcs = analyze(List.of(), "gs://bucket/spark-logs");
        assertEquals(ExitCode.BAD_INPUT, gcs.exitCode(), gcs.err());
        assertOneLine(gcs, "gs://bucket/spark-logs: no connector for gs:// on sparkdoc's classpath");
        assertTrue(gcs.err().contains("(org.apache.hadoop.fs.gs.GoogleHadoopFileSystem not found); add"
                + " org.apache.hadoop:hadoop-gcp:3.5.0 to SPARKDOC_CLASSPATH"), gcs.err());
        CliRun azure = analyze(List.of(), "abfss://logs@account.dfs.core.windows.net/spark");
        assertEquals(ExitCode.BAD_INPUT, azure.exitCode(), azure.err());
        assertOneLine(azure, "add org.apache.hadoop:hadoop-azure:3.5.0 to SPARKDOC_CLASSPATH");
    }

    @Test
    void aLocalAndARemoteLogInOneRunAreBothReported(@TempDir Path temp) throws IOException {
        Path local = temp.resolve("healthy");
        Files.copy(SAMPLES.resolve("healthy"), local);
        CliRun run = analyze(server.options(), "-o", "json", local.toString(), "s3a://spark/logs/healthy");
        JsonNode applications = mapper.readTree(run.out()).path("applications");
        assertEquals(2, applications.size(), run.err());
        assertEquals(local.toString(), applications.get(0).path("source").path("path").asText());
    }

    @Test
    void compareTakesALogOnS3AgainstALocalOne() {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(server.options());
        args.addAll(List.of("-o", "json", "s3a://spark/logs/healthy", SAMPLES.resolve("healthy").toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("s3a://spark/logs/healthy"), run.out());
    }

    @Test
    void theShellReadsALogOnS3() {
        List<String> args = new ArrayList<>(List.of("shell"));
        args.addAll(server.options());
        args.add("s3a://spark/logs/skewed-join.lz4");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Terminals terminals = Terminals.fixed(new java.io.ByteArrayInputStream("summary\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), false, false, 80);
        int code = SparkDoc.run(args.toArray(String[]::new), new java.io.PrintStream(out, true,
                java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(err, true,
                java.nio.charset.StandardCharsets.UTF_8), terminals);
        String local = ShellCommandTestAccess.summary(SAMPLES.resolve("skewed-join.lz4").toString());
        assertEquals(0, code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertSameReport(local, SAMPLES.toString(), out.toString(java.nio.charset.StandardCharsets.UTF_8),
                "s3a://spark/logs");
    }

    static List<String> withoutKeys(List<String> options) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < options.size(); i += 2) {
            if (!options.get(i + 1).startsWith("fs.s3a.access.key") && !options.get(i + 1).startsWith("fs.s3a.secret.key")) {
                kept.add(options.get(i));
                kept.add(options.get(i + 1));
            }
        }
        return kept;
    }

    static void assertOneLine(CliRun run, String expected) {
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("sparkdoc: "), err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains(S3Server.SECRET_KEY), err);
    }
}
