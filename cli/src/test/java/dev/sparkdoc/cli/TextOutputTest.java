package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Width, colour and pager decisions through the real command line, with the terminal's answers given
 * ({@link Terminals#fixedOut}): colour only on a terminal or with --color always, never with NO_COLOR, TERM=dumb,
 * --color never, in JSON or in a file; the width of the terminal, else 100; the pager only on a terminal.
 */
class TextOutputTest {

    private static final String ESC = "\u001b[";
    private static final String LOG = HtmlReportBrowserTest.SAMPLE_LOGS.resolve("skewed-aggregation").toString();

    @TempDir
    Path directory;

    private static CliRun run(Terminals terminals, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkDoc.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminals);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A terminal of 80 x 10000 rows (never paged), with {@code env}. */
    private static Terminals terminal(Map<String, String> env) {
        return Terminals.fixedOut(true, 80, 10_000, env);
    }

    @Test
    void colourOnATerminalUnlessTurnedOff() {
        CliRun auto = run(terminal(Map.of("TERM", "xterm")), "analyze", LOG);
        assertEquals(ExitCode.OK, auto.exitCode(), auto.err());
        assertTrue(auto.out().contains(ESC + "1;31mCRITICAL" + ESC + "0m"), auto.out());

        for (CliRun plain : List.of(
                run(terminal(Map.of("NO_COLOR", "1")), "analyze", LOG),
                run(terminal(Map.of("TERM", "dumb")), "analyze", LOG),
                run(terminal(Map.of()), "analyze", "--color", "never", LOG),
                run(terminal(Map.of()), "--color=never", "analyze", LOG),
                run(Terminals.fixedOut(false, 80, 24, Map.of()), "analyze", LOG),
                run(terminal(Map.of()), "analyze", "-o", "json", "--color", "always", LOG),
                run(terminal(Map.of()), "analyze", "-o", "markdown", LOG))) {
            assertEquals(ExitCode.OK, plain.exitCode(), plain.err());
            assertFalse(plain.out().contains(ESC), plain.out());
        }
        CliRun empty = run(terminal(Map.of("NO_COLOR", "")), "analyze", LOG);
        assertTrue(empty.out().contains(ESC), "an empty NO_COLOR does not count");
        CliRun always = run(Terminals.fixedOut(false, 80, 24, Map.of("NO_COLOR", "1")), "analyze", "--color",
                "always", LOG);
        assertTrue(always.out().contains(ESC + "1;31mCRITICAL"), always.out());
    }

    @Test
    void helpIsColouredByTheSameRule() {
        CliRun auto = run(terminal(Map.of("TERM", "xterm")), "analyze", "--help");
        assertEquals(ExitCode.OK, auto.exitCode(), auto.err());
        assertTrue(auto.out().contains(ESC), auto.out());
        for (CliRun plain : List.of(
                run(terminal(Map.of("NO_COLOR", "1")), "analyze", "--help"),
                run(terminal(Map.of("TERM", "dumb")), "rules", "--help"),
                run(terminal(Map.of()), "--color", "never", "analyze", "--help"),
                run(terminal(Map.of()), "analyze", "--color=never", "--help"),
                run(Terminals.fixedOut(false, 80, 24, Map.of()), "analyze", "--help"))) {
            assertEquals(ExitCode.OK, plain.exitCode(), plain.err());
            assertFalse(plain.out().contains(ESC), plain.out());
        }
        CliRun always = run(Terminals.fixedOut(false, 80, 24, Map.of()), "--color", "always", "analyze", "--help");
        assertTrue(always.out().contains(ESC), always.out());
    }

    @Test
    void neverColourInAFile() throws Exception {
        Path report = directory.resolve("report.txt");
        CliRun run = run(terminal(Map.of()), "analyze", "--color", "always", "--out", report.toString(), LOG);
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String text = Files.readString(report);
        assertTrue(text.contains("CRITICAL"), text);
        assertFalse(text.contains(ESC), text);
    }

    @Test
    void aBadColourValueIsAUsageError() {
        CliRun run = run(terminal(Map.of()), "analyze", "--color", "sometimes", LOG);
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("sparkdoc: Invalid value for option '--color'"), run.err());
    }

    @Test
    void theTerminalsWidthElse100() {
        for (int width : new int[] {60, 80, 100, 140}) {
            CliRun run = run(Terminals.fixedOut(true, width, 10_000, Map.of()), "analyze", LOG);
            // a line may pass the width only for a word too long for any line (the log's path: never broken)
            List<String> wider = run.out().lines().filter(line -> line.length() > width
                    && java.util.Arrays.stream(line.split("\\s+")).allMatch(word -> word.length() < width - 20))
                    .toList();
            assertEquals(List.of(), wider, width + ":\n" + run.out());
        }
        CliRun piped = run(Terminals.fixedOut(false, 0, 0, Map.of()), "analyze", LOG);
        assertTrue(piped.out().lines().mapToInt(String::length).max().orElse(0) <= 100, piped.out());
        CliRun wide = run(Terminals.fixedOut(true, 60, 10_000, Map.of()), "analyze", "-o", "wide", LOG);
        assertTrue(wide.out().contains("SPILL DISK") && wide.out().contains("SHUF WRITE"), wide.out());
        assertTrue(wide.out().lines().anyMatch(line -> line.length() > 60), "wide may exceed the width");
    }

    @Test
    void theWidthOfTheEnvironment() {
        Terminals columns = Terminals.fixedOut(false, 0, 0, Map.of("COLUMNS", "72"));
        assertEquals(72, columns.outWidth());
        assertEquals(100, Terminals.fixedOut(false, 0, 0, Map.of("COLUMNS", "wide")).outWidth());
        assertEquals(100, Terminals.fixedOut(false, 0, 0, Map.of()).outWidth());
    }

    @Test
    void thePagerOnlyOnATerminal() {
        Terminals tty = Terminals.fixedOut(true, 80, 24, Map.of());
        assertEquals(List.of("less"), new TextOutput(tty, TerminalOptions.Color.auto, false).pagerCommand());
        assertEquals(List.of(), new TextOutput(tty, TerminalOptions.Color.auto, true).pagerCommand(),
                "--no-pager");
        assertEquals(List.of(), new TextOutput(Terminals.fixedOut(false, 80, 24, Map.of()),
                TerminalOptions.Color.auto, false).pagerCommand(), "not a terminal");
        for (String off : new String[] {"", "cat", " cat "}) {
            assertEquals(List.of(), new TextOutput(Terminals.fixedOut(true, 80, 24, Map.of("PAGER", off)),
                    TerminalOptions.Color.auto, false).pagerCommand(), "PAGER='" + off + "'");
        }
        assertEquals(List.of("more", "-d"), new TextOutput(Terminals.fixedOut(true, 80, 24,
                Map.of("PAGER", "more -d")), TerminalOptions.Color.auto, false).pagerCommand());
        assertEquals(List.of("sh", "-c", "less -R | tee \"$HOME/x\""), new TextOutput(Terminals.fixedOut(true, 80,
                24, Map.of("PAGER", "less -R | tee \"$HOME/x\"")), TerminalOptions.Color.auto, false).pagerCommand());
    }

    @Test
    void everyLongTextOutputGoesThroughThePager() throws Exception {
        String[][] commands = {{"analyze", LOG}, {"rules", "list"}, {"rules", "show", "data-skew"},
            {"alerts", "export"}};
        for (String[] command : commands) {
            Path recorded = directory.resolve(String.join("-", command).replace('/', '_') + ".paged");
            // a pager that keeps what it is given (its standard output would be the test's own)
            Terminals tty = Terminals.fixedOut(true, 80, 5, Map.of("PAGER", "cat > '" + recorded + "'"));
            CliRun run = run(tty, command);
            assertEquals(ExitCode.OK, run.exitCode(), String.join(" ", command) + ": " + run.err());
            assertEquals("", run.out(), String.join(" ", command) + " printed past its pager");
            assertTrue(Files.size(recorded) > 0, String.join(" ", command) + " gave its pager nothing");
            List<String> plain = new ArrayList<>(List.of(command));
            plain.add("--no-pager");
            CliRun straight = run(tty, plain.toArray(new String[0]));
            assertEquals(Files.readString(recorded), straight.out(), String.join(" ", command)
                    + ": the pager gets what --no-pager prints");
        }
    }

    @Test
    void aPagerThatCannotStartLeavesPlainOutput() {
        CliRun run = run(Terminals.fixedOut(true, 80, 5, Map.of("PAGER", "sparkdoc-no-such-pager")), "analyze",
                "--color", "never", LOG);
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("Findings (1 critical, 1 warning)"), run.out());
        assertEquals("", run.err());
    }
}
