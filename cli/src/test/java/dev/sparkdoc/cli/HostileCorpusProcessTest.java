package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slow: each run is its own JVM. The corpus cases that need a real process: inputs too large for the test JVM's heap
 * (run with {@code -Xmx512m}; peak RSS read from /proc while the process runs must stay under 1 GB), standard output
 * on /dev/full, standard input closed or given twice, a FIFO, a signal while waiting on one.
 */
@Tag("slow")
class HostileCorpusProcessTest {

    /** The heap the process cases run with: an input must fail cleanly within it, not take the machine. */
    private static final String HEAP = "-Xmx512m";

    @TempDir
    static Path directory;
    static List<HostileCorpus.Case> cases;

    @BeforeAll
    static void writeCorpus() throws IOException {
        cases = HostileCorpus.write(directory, true);
    }

    record Result(int exitCode, String out, String err, long peakRssBytes) {
    }

    static Stream<HostileCorpus.Case> cases(boolean needsReaderFix) throws IOException {
        if (cases == null) {
            writeCorpus();
        }
        return cases.stream().filter(c -> c.runner() == HostileCorpus.Runner.PROCESS
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
    void hostileInput(HostileCorpus.Case c) throws Exception {
        check(c);
    }

    @Tag("needs-reader-fix")
    @ParameterizedTest(name = "{0}")
    @MethodSource("readerFixed")
    void hostileInputNeedingTheReaderFixes(HostileCorpus.Case c) throws Exception {
        check(c);
    }

    private static void check(HostileCorpus.Case c) throws Exception {
        Result run = run(command(c.args()), ProcessBuilder.Redirect.from(new File("/dev/zero")));
        System.out.println(c.name() + ": exit " + run.exitCode() + ", peak RSS " + run.peakRssBytes() / (1 << 20)
                + " MiB");
        // the memory bound first: it holds even where the message still waits for the reader's fix
        assertTrue(run.peakRssBytes() < HostileCorpus.MAX_RSS_BYTES, c.name() + ": peak RSS "
                + run.peakRssBytes() / (1 << 20) + " MiB");
        assertTrue(run.peakRssBytes() > 0, c.name() + ": the peak RSS was read while it ran");
        HostileCorpusTest.assertBehaves(c, run.exitCode(), run.out(), run.err());
    }

    @Test
    void aReportLostOnAFullDiskIsExitThreeWithTheReason() throws Exception {
        Result run = run(shell(command(List.of("analyze", "-q", HostileCorpus.PLAIN.toString())), "> /dev/full"),
                ProcessBuilder.Redirect.from(new File("/dev/null")));
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("sparkdoc: cannot write to standard output (No space left on device); the output is incomplete;"
                + " write it with --out FILE or to a disk with space\n", run.err());
    }

    @Test
    void closedStandardInputIsSaidSo() throws Exception {
        Result run = run(shell(command(List.of("analyze", "-q", "-")), "<&-"), null);
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("sparkdoc: -: standard input is closed; pipe a log in (sparkdoc analyze - < LOG) or name the"
                + " file\n", run.err());
    }

    @Test
    void standardInputGivenTwiceIsAUsageError() throws Exception {
        Result run = run(command(List.of("analyze", "-q", "-", "-")),
                ProcessBuilder.Redirect.from(HostileCorpus.PLAIN.toFile()));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("sparkdoc: '-' (standard input) is given more than once;"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aNamedPipeIsReadAsAStream() throws Exception {
        Path fifo = fifo("log-pipe");
        Path err = directory.resolve("fifo.err");
        Path out = directory.resolve("fifo.out");
        Process process = new ProcessBuilder(command(List.of("analyze", "-q", fifo.toString())))
                .redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        awaitLine(err, process, "waiting for data");
        try (OutputStream writer = Files.newOutputStream(fifo)) {
            Files.copy(HostileCorpus.PLAIN, writer);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "hang guard");
        assertEquals(0, process.exitValue(), Files.readString(err));
        assertEquals("sparkdoc: " + fifo + ": a named pipe; reading it as a stream, waiting for data (Ctrl-C to"
                + " stop)\n", Files.readString(err));
        assertTrue(Files.readString(out).startsWith("Application"), Files.readString(out));
    }

    @Test
    void aSignalWhileWaitingOnAPipeEndsWithoutAStackTrace() throws Exception {
        Path fifo = fifo("idle-pipe");
        Path err = directory.resolve("signal.err");
        Process process = new ProcessBuilder(command(List.of("analyze", "-q", fifo.toString())))
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitLine(err, process, "waiting for data");
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "hang guard");
        assertEquals(128 + 15, process.exitValue(), "killed by SIGTERM, as any program is");
        assertEquals(1, Files.readAllLines(err).size(), Files.readString(err));
        assertFalse(Files.readString(err).contains("\tat "), Files.readString(err));
    }

    // ---- running ----

    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), HEAP, "-cp", classpath(), SparkDoc.class.getName()));
        command.addAll(args);
        return command;
    }

    /** {@code command} through /bin/sh with {@code redirection} (for /dev/full on stdout, a closed stdin). */
    private static List<String> shell(List<String> command, String redirection) {
        StringBuilder line = new StringBuilder("exec");
        for (String word : command) {
            line.append(' ').append(TestTools.quote(word));
        }
        return List.of("/bin/sh", "-c", line + " " + redirection);
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    /**
     * Runs the command, polling its VmHWM (peak resident set) in /proc while it lives: a lower bound of the true peak,
     * with -Xmx as the bound above it. The 60 s wait only guards against a hang.
     */
    private static Result run(List<String> command, ProcessBuilder.Redirect stdin) throws Exception {
        Path out = Files.createTempFile(directory, "run", ".out");
        Path err = Files.createTempFile(directory, "run", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            builder.redirectInput(stdin);
        }
        Process process = builder.start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, vmHwm(status));
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("no end in 60 s: " + command);
            }
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), peak);
    }

    private static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two polls
        }
        return 0;
    }

    private static Path fifo(String name) throws Exception {
        Path fifo = directory.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        return fifo;
    }

    private static void awaitLine(Path err, Process process, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(err) && Files.readString(err).contains(text))) {
            assertTrue(process.isAlive(), "ended early: " + (Files.exists(err) ? Files.readString(err) : ""));
            assertTrue(System.nanoTime() < deadline, "no '" + text + "' in 60 s");
            Thread.sleep(50);
        }
    }
}
