package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus ({@link HostileCorpus}) through the real entry point, {@link SparkDoc#run}: each case ends
 * with a documented exit code (never 1), one or two lines on stderr matching the case, no stack trace, no raw
 * control character. The timeout only guards against a hang; it asserts no speed.
 */
class HostileCorpusTest {

    @TempDir
    static Path directory;
    static List<HostileCorpus.Case> cases;

    @BeforeAll
    static void writeCorpus() throws IOException {
        cases = HostileCorpus.write(directory, false);
    }

    static Stream<HostileCorpus.Case> cases(boolean needsReaderFix) throws IOException {
        if (cases == null) {
            writeCorpus();
        }
        return cases.stream().filter(c -> c.runner() == HostileCorpus.Runner.IN_PROCESS
                && c.needsReaderFix() == needsReaderFix);
    }

    static Stream<HostileCorpus.Case> ready() throws IOException {
        return cases(false);
    }

    static Stream<HostileCorpus.Case> readerFixed() throws IOException {
        return cases(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ready")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hostileInput(HostileCorpus.Case c) {
        CliRun run = CliRun.of(c.args().toArray(String[]::new));
        assertBehaves(c, run.exitCode(), run.out(), run.err());
    }

    /** Cases the event-log reader's fixes (another branch) make pass; kept running so the merge is checked. */
    @Tag("needs-reader-fix")
    @ParameterizedTest(name = "{0}")
    @MethodSource("readerFixed")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hostileInputNeedingTheReaderFixes(HostileCorpus.Case c) {
        CliRun run = CliRun.of(c.args().toArray(String[]::new));
        assertBehaves(c, run.exitCode(), run.out(), run.err());
    }

    static void assertBehaves(HostileCorpus.Case c, int exit, String out, String err) {
        String shown = c.name() + ": exit " + exit + ", stderr:\n" + err;
        assertTrue(c.exits().contains(exit), shown);
        assertFalse(err.contains("\tat "), "no stack trace: " + shown);
        assertFalse(err.lines().anyMatch(line -> line.matches("^[\\w.$]+(Exception|Error)\\b.*")
                || line.contains("Exception in thread")), "no exception line: " + shown);
        assertTrue(err.chars().allMatch(ch -> ch == '\n' || (ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch <= 0x9f))),
                "no raw control character: " + shown);
        // A usage error may add picocli's suggestion ("Did you mean: sparkdoc analyze?") to its two lines.
        List<String> lines = err.lines()
                .filter(line -> !line.startsWith("Did you mean: ") && !line.startsWith("Possible solutions: "))
                .toList();
        assertTrue(lines.size() <= 2, "at most two lines besides a suggestion: " + shown);
        if (lines.isEmpty()) {
            assertTrue(c.stderr().matcher("").find(), "a line matching /" + c.stderr() + "/ expected: " + shown);
        } else {
            assertTrue(lines.get(0).startsWith("sparkdoc: "), shown);
            assertTrue(c.stderr().matcher(err).find(), "stderr matches /" + c.stderr() + "/: " + shown);
        }
        if (exit == ExitCode.OK && c.args().get(0).equals("analyze") && !c.args().contains("--out")
                && !c.args().contains("--version")) {
            assertTrue(out.contains("Application") || out.contains("\"applications\""), c.name() + ": a report on stdout:\n" + out);
        }
    }

    @Test
    void outThroughASymlinkWritesItsTargetAndKeepsTheLink() throws IOException {
        Path target = Files.writeString(directory.resolve("link-target.txt"), "old\n");
        Path link = Files.createSymbolicLink(directory.resolve("report-link.txt"), target.getFileName());
        CliRun run = CliRun.of("analyze", "-q", HostileCorpus.PLAIN.toString(), "--out", link.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.readString(target).startsWith("Application"), "the report went to the link's target");
    }

    @Test
    void outToAFailingDeviceKeepsTheDeviceAndSaysWhy() {
        CliRun run = CliRun.of("analyze", "-q", HostileCorpus.PLAIN.toString(), "--out", "/dev/full");
        assertEquals(3, run.exitCode());
        assertEquals("sparkdoc: --out /dev/full: cannot write the report (No space left on device); choose another"
                + " --out path\n", run.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/full"), LinkOption.NOFOLLOW_LINKS), "still a device");
        CliRun devNull = CliRun.of("analyze", "-q", HostileCorpus.PLAIN.toString(), "--out", "/dev/null");
        assertEquals(0, devNull.exitCode(), devNull.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS), "still a device");
    }

    @Test
    void aFailedReplaceLeavesTheOldReportAndNoTemporaryFile() throws IOException {
        Path old = Files.writeString(directory.resolve("old-report.txt"), "old\n");
        CliRun run = CliRun.of("analyze", "-q", directory.resolve("empty").toString(), "--out", old.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("old\n", Files.readString(old), "nothing analyzed, nothing replaced");
        try (Stream<Path> files = Files.list(directory)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".sparkdoc-")), "no temp file");
        }
    }

    @Test
    void debugPrintsTheStackTraceOfEveryHandledError() {
        CliRun missing = CliRun.of("analyze", "--debug", directory.resolve("missing").toString());
        assertEquals(3, missing.exitCode());
        List<String> lines = missing.err().lines().toList();
        assertTrue(lines.get(0).startsWith("sparkdoc: "), missing.err());
        assertTrue(lines.get(1).startsWith("dev.sparkdoc.eventlog.EventLogException: "), missing.err());
        assertTrue(lines.get(2).startsWith("\tat "), missing.err());

        CliRun rules = CliRun.of("analyze", "--debug", HostileCorpus.PLAIN.toString(), "--rules", "/dev/zero");
        assertEquals(3, rules.exitCode());
        assertTrue(rules.err().contains("BadInputException") && rules.err().contains("\tat "), rules.err());

        CliRun usage = CliRun.of("analyze", "--debug", "--bogus");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().contains("\tat picocli."), usage.err());
    }

    @Tag("needs-reader-fix")
    @Test
    void aSymlinkLoopReadsTheLogItHoldsOnce() throws IOException {
        HostileCorpus.Case loop = cases.stream().filter(c -> c.name().equals("symlink-loop-with-one-log"))
                .findFirst().orElseThrow();
        CliRun run = CliRun.of(loop.args().toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.out());
        assertEquals(1, report.path("applications").size(), "one log, one application, not one per loop turn");
    }

    @Test
    void everySubcommandAnswersVersion() {
        String version = CliRun.of("--version").out();
        assertTrue(version.startsWith("sparkdoc "), version);
        for (List<String> command : List.of(List.of("analyze"), List.of("rules"), List.of("get"),
                List.of("describe", "app"), List.of("diagnose"), List.of("alerts"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.add("--version");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), command + ": " + run.err());
            assertEquals(version, run.out(), command.toString());
        }
    }

    @Test
    void theCorpusHoldsEveryClass() {
        List<String> names = cases.stream().map(HostileCorpus.Case::name).toList();
        for (String expected : List.of("truncated-lz4", "truncated-lzf", "truncated-snappy", "truncated-zstd",
                "truncated-gz", "trailing-garbage-zstd", "empty-file", "empty-directory", "unreadable-directory",
                "symlink-loop", "rolling-missing-part", "cr-only-endings", "utf8-bom",
                "deep-plan", "non-utf8-bytes", "binary-file", "dev-zero-as-log", "rules-dev-zero", "out-dev-full",
                "out-directory", "out-proc", "out-existing-symlink", "kubeconfig-binary", "kubeconfig-bad-yaml",
                "stdin-twice", "unknown-flag", "escape-in-name")) {
            if (!names.contains(expected)) {
                fail("the corpus lost " + expected);
            }
        }
    }
}
