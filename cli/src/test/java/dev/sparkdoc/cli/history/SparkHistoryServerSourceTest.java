package dev.sparkdoc.cli.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sparkdoc.cli.SparkDoc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spark's own History Server, started in this JVM on loopback over copies of the repository's sample logs (a plain
 * single file, an lz4 file, a rolling zstd directory, and one application with two attempts): {@code sparkdoc apps}
 * lists them as the server does, and {@code sparkdoc analyze --history-server} gives exactly the report of the local
 * file, except for the source's names. Slow: the server takes 10-30 s to start and list the logs on a busy machine.
 */
@Tag("slow")
class SparkHistoryServerSourceTest {

    private static final Path SAMPLES = Path.of("..", "sample-eventlogs", "logs").toAbsolutePath().normalize();
    private static final String HEALTHY = "local-1795252357618";
    private static final String SKEWED_JOIN = "local-1795252226878";
    private static final String TINY_TASKS = "local-1795252340730";
    private static final String TWO_ATTEMPTS = "application_1795252357618_0001";

    @TempDir
    static Path logs;

    @TempDir
    static Path store;

    private static SparkHistoryServer server;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Files.copy(SAMPLES.resolve("healthy"), logs.resolve("healthy"));
        Files.copy(SAMPLES.resolve("skewed-join.lz4"), logs.resolve("skewed-join.lz4"));
        Path rolling = Files.createDirectories(logs.resolve("eventlog_v2_tiny-tasks"));
        try (Stream<Path> parts = Files.list(SAMPLES.resolve("eventlog_v2_tiny-tasks"))) {
            for (Path part : parts.toList()) {
                Files.copy(part, rolling.resolve(part.getFileName()));
            }
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            Files.writeString(logs.resolve(TWO_ATTEMPTS + "_" + attempt), attempt(attempt));
        }
        server = SparkHistoryServer.start(logs, store);
        server.awaitApplications(json -> Stream.of(HEALTHY, SKEWED_JOIN, TINY_TASKS).allMatch(json::contains)
                && json.contains("\"attemptId\" : \"2\"") && json.contains("\"attemptId\" : \"1\""));
    }

    /** The healthy log as attempt {@code attempt} of a cluster-mode application; attempt 2 starts a second later. */
    private static String attempt(int attempt) throws IOException {
        String log = Files.readString(SAMPLES.resolve("healthy"));
        String start = "\"App ID\":\"" + HEALTHY + "\",\"Timestamp\":1795252356119";
        assertTrue(log.contains(start), "the healthy sample log changed: update this test");
        return log.replace(start, "\"App ID\":\"" + TWO_ATTEMPTS + "\",\"App Attempt ID\":\"" + attempt
                + "\",\"Timestamp\":" + (1795252356119L + (attempt - 1) * 1000L));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String url() {
        return server.uri().toString();
    }

    @Test
    void appsListsWhatTheServerKnows() {
        Run run = Run.of("apps", "--history-server", url());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(List.of("ID", "NAME", "ATTEMPTS", "DURATION", "STATUS", "USER"),
                List.of(lines.get(0).split("\\s{3,}")));
        Set<List<String>> rows = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(List.of(line.split("\\s{3,}")));
        }
        // durations: end minus start of each log's application events, as kubectl prints them
        assertEquals(Set.of(
                List.of(HEALTHY, "sparkdoc healthy", "1", "12s", "completed", "root"),
                List.of(SKEWED_JOIN, "sparkdoc skewed-join", "1", "21s", "completed", "root"),
                List.of(TINY_TASKS, "sparkdoc tiny-tasks", "1", "11s", "completed", "root"),
                // the last attempt's: it started a second later and ended at the same time
                List.of(TWO_ATTEMPTS, "sparkdoc healthy", "2", "11s", "completed", "root")), rows, run.out());
    }

    @Test
    void appsFiltersAsTheRestApi() throws IOException {
        Run running = Run.of("apps", "--history-server", url(), "--status", "running");
        assertEquals(0, running.exitCode(), running.err());
        assertEquals("", running.out());
        assertEquals("No applications found on " + url() + " with these filters.\n", running.err());

        Run limited = Run.of("apps", "--history-server", url(), "--limit", "2", "--no-headers");
        assertEquals(0, limited.exitCode(), limited.err());
        assertEquals(2, limited.out().lines().count(), limited.out());

        Run ended = Run.of("apps", "--history-server", url(), "--min-end-date", "2026-11-21T09:12:40.000GMT",
                "-o", "json");
        assertEquals(0, ended.exitCode(), ended.err());
        assertEquals(Set.of(HEALTHY, TWO_ATTEMPTS), ids(new ObjectMapper().readTree(ended.out())));

        Run bad = Run.of("apps", "--history-server", url(), "--min-date", "yesterday");
        assertEquals(3, bad.exitCode());
        assertEquals("sparkdoc: " + url() + ": /api/v1/applications answered HTTP 400 (Couldn't parse date:"
                + " yesterday); check the options given\n", bad.err());
    }

    @Test
    void appsAsJsonAndYamlAreTheRestApisObjects() throws IOException {
        Run json = Run.of("apps", "--history-server", url(), "-o", "json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertEquals("sparkdoc.dev/v1", document.path("apiVersion").asText());
        assertEquals("HistoryServerAppList", document.path("kind").asText());
        assertEquals(url(), document.path("historyServer").asText());
        assertEquals(Set.of(HEALTHY, SKEWED_JOIN, TINY_TASKS, TWO_ATTEMPTS), ids(document));
        for (JsonNode app : document.path("items")) {
            if (app.path("id").asText().equals(HEALTHY)) {
                assertEquals(12107, app.path("attempts").get(0).path("duration").asLong());
                assertEquals("root", app.path("attempts").get(0).path("sparkUser").asText());
            }
        }
        Run yaml = Run.of("apps", "--history-server", url(), "-o", "yaml");
        assertEquals(0, yaml.exitCode(), yaml.err());
        assertEquals(document, new YAMLMapper().readTree(yaml.out()));
    }

    private static Set<String> ids(JsonNode document) {
        Set<String> ids = new HashSet<>();
        document.path("items").forEach(app -> ids.add(app.path("id").asText()));
        return ids;
    }

    @ParameterizedTest
    @CsvSource({
        "healthy, " + HEALTHY + ", , healthy",
        "skewed-join.lz4, " + SKEWED_JOIN + ", , skewed-join.lz4",
        "eventlog_v2_tiny-tasks, " + TINY_TASKS + ", , eventlog_v2_tiny-tasks/events_1_" + TINY_TASKS + ".zstd",
        TWO_ATTEMPTS + "_1, " + TWO_ATTEMPTS + ", 1, " + TWO_ATTEMPTS + "_1",
    })
    void analyzeGivesTheReportOfTheLocalFile(String file, String appId, String attempt, String part)
            throws IOException {
        Set<Path> before = downloads();
        List<String> remote = new ArrayList<>(List.of("analyze", "-o", "json", "--history-server", url(), appId));
        if (attempt != null) {
            remote.addAll(List.of("--attempt", attempt));
        }
        Run local = Run.of("analyze", "-o", "json", logs.resolve(file).toString());
        Run downloaded = Run.of(remote.toArray(String[]::new));
        assertEquals(local.exitCode(), downloaded.exitCode(), downloaded.err());
        assertEquals(local.err(), downloaded.err());

        String logsUrl = url() + "/api/v1/applications/" + appId + (attempt == null ? "" : "/" + attempt) + "/logs";
        assertSameReportExceptSource(local.out(), downloaded.out(), logsUrl, part);
        assertEquals(before, downloads(), "the temporary download directory is deleted");
    }

    /**
     * {@code downloaded} is the report {@code local} is, except for the source's path (the logs URL) and its one part
     * ({@code logsUrl!/part}): exactly these differ.
     */
    private static void assertSameReportExceptSource(String local, String downloaded, String logsUrl, String part)
            throws IOException {
        JsonNode expected = new ObjectMapper().readTree(local);
        JsonNode actual = new ObjectMapper().readTree(downloaded);
        assertEquals(1, actual.path("applications").size(), downloaded);
        ObjectNode source = (ObjectNode) actual.path("applications").get(0).path("source");
        assertEquals(logsUrl, source.path("path").asText());
        assertEquals(1, source.path("parts").size(), source.toString());
        assertEquals(logsUrl + "!/" + part, source.path("parts").get(0).asText());
        ObjectNode localSource = (ObjectNode) expected.path("applications").get(0).path("source");
        assertTrue(localSource.path("events").asLong() > 10, local);
        source.set("path", localSource.get("path"));
        source.set("parts", localSource.get("parts"));
        assertEquals(expected, actual);
    }

    /** compare reads both runs from the server as analyze does: here one log under two application ids. */
    @Test
    void compareTakesBothRunsFromTheServer() throws IOException {
        Set<Path> before = downloads();
        Run run = Run.of("compare", "-o", "json", "--fail-on-regression", "--history-server", url(), HEALTHY,
                TWO_ATTEMPTS);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(HEALTHY, root.path("baseline").path("applicationId").asText());
        assertEquals(TWO_ATTEMPTS, root.path("candidate").path("applicationId").asText());
        assertTrue(root.path("stages").size() > 0);
        for (JsonNode stage : root.path("stages")) {
            assertEquals("same", stage.path("verdict").asText(), stage.toString());
        }
        assertEquals(before, downloads(), "the temporary download directory is deleted");
    }

    @Test
    void withoutAttemptTheLastAttemptIsAnalyzedAndSaidSo() throws IOException {
        Run last = Run.of("analyze", "-o", "json", "--history-server", url(), TWO_ATTEMPTS);
        String said = "sparkdoc: " + TWO_ATTEMPTS + " has 2 attempts; analyzing the last one (attempt 2); --attempt"
                + " picks another (";
        assertTrue(last.err().equals(said + "2, 1)\n") || last.err().equals(said + "1, 2)\n"), last.err());
        Run second = Run.of("analyze", "-o", "json", logs.resolve(TWO_ATTEMPTS + "_2").toString());
        assertEquals(second.exitCode(), last.exitCode());
        assertSameReportExceptSource(second.out(), last.out(),
                url() + "/api/v1/applications/" + TWO_ATTEMPTS + "/2/logs", TWO_ATTEMPTS + "_2");
    }

    @Test
    void anUnknownApplicationIsOneLine() {
        Run run = Run.of("analyze", "--history-server", url(), "app-that-never-ran");
        assertEquals(3, run.exitCode());
        assertEquals("", run.out());
        assertEquals("sparkdoc: app-that-never-ran: no such application on the History Server " + url()
                + "; list them with sparkdoc apps --history-server " + url() + "\n", run.err());
    }

    @Test
    void aMissingAttemptIsOneLine() {
        Run run = Run.of("analyze", "--history-server", url(), TWO_ATTEMPTS, "--attempt", "3");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().equals("sparkdoc: " + TWO_ATTEMPTS + ": no attempt 3; its attempts are 2, 1\n")
                || run.err().equals("sparkdoc: " + TWO_ATTEMPTS + ": no attempt 3; its attempts are 1, 2\n"),
                run.err());

        Run clientMode = Run.of("analyze", "--history-server", url(), HEALTHY, "--attempt", "1");
        assertEquals(3, clientMode.exitCode());
        assertEquals("sparkdoc: " + HEALTHY + ": has a single attempt without an attempt id (client mode); drop"
                + " --attempt\n", clientMode.err());
    }

    @Test
    void anUnreachableServerIsOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;
        for (String[] args : List.of(new String[] {"apps", "--history-server", nowhere},
                new String[] {"analyze", "--history-server", nowhere, HEALTHY})) {
            Run run = Run.of(args);
            assertEquals(3, run.exitCode(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("sparkdoc: " + nowhere + ": unreachable ("), run.err());
            assertTrue(run.err().endsWith("); check --history-server and that the server runs\n"), run.err());
        }
    }

    /** The download directories in the temporary directory. */
    static Set<Path> downloads() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new HashSet<>(entries.filter(path -> path.getFileName().toString().startsWith("sparkdoc-history-"))
                    .toList());
        }
    }

    /** One in-process run of sparkdoc with captured streams. */
    record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = SparkDoc.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
