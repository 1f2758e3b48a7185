package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkdoc analyze DIR} over a directory of real logs beside files that are no event log: one summary table
 * first (worst first, time lost as the JSON's), each report after; the other files listed once as skipped, exit 0.
 */
class ManyApplicationsTest {

    private static final Path SAMPLES = Path.of("..", "sample-eventlogs", "logs").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @BeforeEach
    void logsAndOtherFiles() throws IOException {
        Files.copy(SAMPLES.resolve("spill.snappy"), directory.resolve("spill.snappy"));
        Files.copy(SAMPLES.resolve("gc-heavy.zstd"), directory.resolve("gc-heavy.zstd"));
        Files.copy(SAMPLES.resolve("healthy"), directory.resolve("healthy"));
        Files.writeString(directory.resolve("README.txt"), "event logs of the nightly jobs\n");
        Files.createFile(directory.resolve("app-0001.inprogress"));
    }

    @Test
    void theTableComesFirstWorstFirstAndTheOtherFilesAreSkippedOnce() {
        CliRun run = CliRun.of("analyze", directory.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        List<String> errLines = run.err().lines().filter(line -> line.contains("skipped")).toList();
        assertEquals(1, errLines.size(), run.err());
        assertTrue(errLines.get(0).contains("skipped 2 files"), errLines.get(0));
        assertTrue(errLines.get(0).contains("README.txt") && errLines.get(0).contains("app-0001.inprogress"),
                errLines.get(0));
        List<String> lines = run.out().lines().toList();
        assertEquals("Applications: 3 analyzed, 2 files skipped (no event log); worst first", lines.get(0));
        assertTrue(lines.get(1).startsWith("  APPLICATION"), lines.get(1));
        // The healthy run has no finding: it is last, with "none" and no time lost.
        String last = lines.get(4);
        assertTrue(last.contains("healthy") && last.contains("none"), run.out());
        assertTrue(run.out().contains("skipped " + directory.resolve("README.txt") + ": not a Spark event log"),
                run.out());
        assertTrue(run.out().contains("empty event log"), run.out());
        // Then one report per application.
        assertEquals(3, run.out().lines().filter(line -> line.startsWith("Application  ")).count(), run.out());
    }

    @Test
    void jsonIsOneDocumentWithEveryApplicationItsTotalsAndTheSkippedFiles() throws IOException {
        CliRun run = CliRun.of("analyze", "-o", "json", directory.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode document = JSON.readTree(run.out());
        assertEquals(3, document.path("applications").size());
        assertEquals(2, document.path("skipped").size());
        List<String> skipped = new ArrayList<>();
        document.path("skipped").forEach(file -> skipped.add(Path.of(file.path("path").asText()).getFileName()
                .toString()));
        assertEquals(List.of("README.txt", "app-0001.inprogress"), skipped.stream().sorted().toList());
        for (JsonNode application : document.path("applications")) {
            long sum = 0;
            String worst = null;
            for (JsonNode finding : application.path("findings")) {
                sum += finding.path("timeLost").asLong(0);
                worst = worst == null ? finding.path("severity").asText() : worst;
            }
            assertEquals(sum, application.path("timeLost").asLong(), application.path("source").toString());
            assertEquals(worst == null ? "null" : worst, application.path("worstSeverity").asText("null"));
        }
    }

    @Test
    void markdownAndHtmlCarryTheSameTable() {
        CliRun markdown = CliRun.of("analyze", "-o", "markdown", directory.toString());
        assertEquals(ExitCode.OK, markdown.exitCode(), markdown.err());
        assertTrue(markdown.out().startsWith("# sparkdoc: Applications: 3 analyzed"), markdown.out());
        assertTrue(markdown.out().contains("| Application | App ID | Duration | Worst | Top finding | Time lost | Log |"),
                markdown.out());
        CliRun html = CliRun.of("analyze", "-o", "html", directory.toString());
        assertEquals(ExitCode.OK, html.exitCode(), html.err());
        assertTrue(html.out().contains("<section class=\"summary\"><h1>Applications: 3 analyzed"), html.out());
        assertTrue(html.out().contains("<a href=\"#a0\">"), html.out());
    }

    @Test
    void aFileNamedOnItsOwnIsStillBadInputAndABrokenLogInTheDirectoryStillCounts() throws IOException {
        CliRun named = CliRun.of("analyze", directory.resolve("README.txt").toString());
        assertEquals(ExitCode.BAD_INPUT, named.exitCode(), named.err());
        Files.write(directory.resolve("broken.zstd"), new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3});
        CliRun broken = CliRun.of("analyze", directory.toString());
        assertEquals(ExitCode.BAD_INPUT, broken.exitCode(), broken.err());
        assertTrue(broken.err().contains("broken.zstd"), broken.err());
        assertTrue(broken.out().startsWith("Applications: 3 analyzed"), broken.out());
    }

    @Test
    void oneApplicationHasNoTable() {
        CliRun run = CliRun.of("analyze", SAMPLES.resolve("spill.snappy").toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertFalse(run.out().startsWith("Applications:"), run.out());
        assertTrue(run.out().startsWith("Application  "), run.out());
    }
}
