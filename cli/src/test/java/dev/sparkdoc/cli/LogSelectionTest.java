package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --since}, {@code --until}, {@code --app-name} on a directory of real logs whose modification times are set:
 * the times select by the listing, the name by the first events, and nothing matching is one line, exit 3.
 */
class LogSelectionTest {

    @TempDir
    static Path logs;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void copy() throws IOException {
        place("healthy", "2026-03-01T10:00:00Z");
        place("skewed-join.lz4", "2026-03-02T10:00:00Z");
        Path rolling = Files.createDirectories(logs.resolve("eventlog_v2_tiny-tasks"));
        try (var parts = Files.list(S3aSourcesTest.SAMPLES.resolve("eventlog_v2_tiny-tasks"))) {
            for (Path part : parts.toList()) {
                Path copy = Files.copy(part, rolling.resolve(part.getFileName().toString()));
                Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-03-03T10:00:00Z")));
            }
        }
    }

    private static void place(String log, String modified) throws IOException {
        Path copy = Files.copy(S3aSourcesTest.SAMPLES.resolve(log), logs.resolve(log));
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse(modified)));
    }

    private List<String> paths(CliRun run) throws IOException {
        List<String> paths = new ArrayList<>();
        for (JsonNode app : mapper.readTree(run.out()).path("applications")) {
            paths.add(Path.of(app.path("source").path("path").asText()).getFileName().toString());
        }
        return paths;
    }

    @Test
    void sinceAndUntilSelectByLastModification() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", "--since", "2026-03-02", "--until", "2026-03-03T10:00:00Z",
                logs.toString());
        assertEquals(List.of("skewed-join.lz4"), paths(run), run.err());
        assertTrue(run.err().contains("sparkdoc: 1 of 3 logs match --since 2026-03-02T00:00:00Z --until"
                + " 2026-03-03T10:00:00Z"), run.err());
        CliRun rolling = CliRun.of("analyze", "-o", "json", "--since", "2026-03-03T12:00+02:00", logs.toString());
        assertEquals(List.of("eventlog_v2_tiny-tasks"), paths(rolling), rolling.err());
    }

    @Test
    void appNameIsAWholeNameGlob() throws Exception {
        String name = EventLogReader.applicationName(
                EventLogLocator.locate(logs.resolve("skewed-join.lz4").toString()).get(0), 1 << 20).orElseThrow();
        CliRun exact = CliRun.of("analyze", "-o", "json", "--app-name", name, logs.toString());
        assertEquals(List.of("skewed-join.lz4"), paths(exact), exact.err());
        CliRun glob = CliRun.of("analyze", "-o", "json", "--app-name", name.substring(0, 3) + "*", logs.toString());
        assertTrue(paths(glob).contains("skewed-join.lz4"), glob.err());
        CliRun part = CliRun.of("analyze", "--app-name", name.substring(1), logs.toString());
        assertEquals(ExitCode.BAD_INPUT, part.exitCode(), "a glob matches the whole name: " + part.err());
    }

    @Test
    void theNameIsReadFromTheFirstEventsOnly() throws Exception {
        EventLogSource source = EventLogLocator.locate(logs.resolve("healthy").toString()).get(0);
        assertTrue(EventLogReader.applicationName(source, 1 << 20).isPresent());
        // A bound smaller than the lines before the application's start event: not found, not read further.
        assertFalse(EventLogReader.applicationName(source, 256).isPresent());
    }

    @Test
    void nothingMatchingIsOneLine() {
        CliRun run = CliRun.of("analyze", "--until", "2020-01-01", logs.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("sparkdoc: no event log matches --until 2020-01-01T00:00:00Z (3 logs found); widen the"
                + " selection or check the names with 'sparkdoc analyze' on the directory", run.err().strip());
    }

    @Test
    void badTimesAndStandardInputAreUsageErrors() {
        CliRun time = CliRun.of("analyze", "--since", "yesterday", logs.toString());
        assertEquals(ExitCode.USAGE, time.exitCode());
        assertTrue(time.err().contains("'yesterday' is not a time"), time.err());
        CliRun order = CliRun.of("analyze", "--since", "2026-03-02", "--until", "2026-03-01", logs.toString());
        assertEquals(ExitCode.USAGE, order.exitCode());
        assertTrue(order.err().contains("is not before --until"), order.err());
        CliRun stdin = CliRun.of("analyze", "--app-name", "x", "-");
        assertEquals(ExitCode.USAGE, stdin.exitCode());
        assertTrue(stdin.err().contains("'-' (standard input) has no listing"), stdin.err());
    }

    @Test
    void relativeTimesCountBackFromNow() {
        Instant before = Instant.now();
        Instant since = new LogSelection.TimeConverter().convert("36h");
        assertTrue(!since.isAfter(Instant.now().minusSeconds(36 * 3600)) && !since.isBefore(before.minusSeconds(
                36 * 3600)), since.toString());
    }
}
