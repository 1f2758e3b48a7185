package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar of 'sparkdoc analyze' on a real terminal (tmux), in its own JVM, reading a log from standard
 * input through a named pipe the test feeds slowly: the bar shows bytes and rate (no time left: the size is
 * unknown), never reaches the JSON on stdout, is erased when reading ends, and stays away with --quiet or when
 * standard error is not a terminal.
 */
class ProgressBarTerminalTest {

    private static final int PADDING_LINE = 1000;

    @TempDir
    Path directory;

    @Test
    void barShowsWhileReadingAndIsErasedAtTheEnd() throws Exception {
        Path json = directory.resolve("report.json");
        String screen = readSlowly("analyze -o json --out " + TestTools.quote(json.toString()) + " -", true);
        assertTrue(screen.contains("Reading <stdin>"), screen);
        assertTrue(screen.matches("(?s).*\\d+/\\? MiB.*"), "bytes read, total unknown: " + screen);
        assertTrue(screen.matches("(?s).*\\d+\\.\\d MiB/s.*"), "a rate: " + screen);
        assertFalse(screen.matches("(?s).*\\d%.*"), "no percentage for an unknown size: " + screen);
        String end = finalScreen;
        assertFalse(end.contains("Reading"), "the bar is erased: " + end);
        assertEquals("sparkdoc skewed-aggregation", new ObjectMapper().readTree(json.toFile())
                .path("applications").get(0).path("application").path("name").asText(), "clean JSON");
    }

    @Test
    void quietSilencesTheBar() throws Exception {
        String screen = readSlowly("analyze --quiet -o json --out " + TestTools.quote(directory.resolve("q.json")
                .toString()) + " -", false);
        assertFalse(screen.contains("Reading"), screen);
    }

    @Test
    void noBarWhenStandardErrorIsNotATerminal() throws Exception {
        Path errors = directory.resolve("stderr.txt");
        String screen = readSlowly("analyze -o json --out " + TestTools.quote(directory.resolve("e.json").toString())
                + " - 2>" + TestTools.quote(errors.toString()), false);
        assertFalse(screen.contains("Reading"), screen);
        assertEquals("", Files.readString(errors));
    }

    private String finalScreen;

    /**
     * Runs sparkdoc with stdin from a named pipe: writes a real log and 1.5 MiB of events sparkdoc skips, waits past
     * the bar's delay, writes 1.5 MiB more, reads the screen, then ends the input and waits for the exit.
     */
    private String readSlowly(String arguments, boolean expectBar) throws Exception {
        String tmuxPath = TestTools.require("tmux").toString();
        Path fifo = directory.resolve("log.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        Path script = TestTools.sparkdocScript(directory, arguments + " < " + TestTools.quote(fifo.toString()));
        String screen;
        try (Tmux tmux = Tmux.start(tmuxPath, "sh " + TestTools.quote(script.toString()), 160, 40)) {
            try (OutputStream input = Files.newOutputStream(fifo)) {
                input.write(Files.readAllBytes(HtmlReportBrowserTest.SAMPLE_LOGS.resolve("skewed-aggregation")));
                pad(input, 1536);
                Thread.sleep(ReadProgress.DELAY_MILLIS + 1200);
                pad(input, 1536);
                input.flush();
                if (expectBar) {
                    screen = tmux.waitFor(s -> s.matches("(?s).*\\d+\\.\\d MiB/s.*"), "the bar with a rate",
                            Duration.ofSeconds(20));
                } else {
                    Thread.sleep(1000);
                    screen = tmux.screen();
                }
            }
            finalScreen = tmux.waitFor("EXIT=0");
        }
        return screen;
    }

    private static void pad(OutputStream input, int kib) throws Exception {
        String filler = "x".repeat(PADDING_LINE - 52);
        byte[] line = ("{\"Event\":\"SparkDocTestPadding\",\"Padding\":\"" + filler + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < kib * 1024 / line.length + 1; i++) {
            input.write(line);
        }
    }
}
