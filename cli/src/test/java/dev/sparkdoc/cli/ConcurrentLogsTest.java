package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.eventlog.EventLogReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sparkdoc analyze} over directories of many real logs (the sample jobs' logs, and the analyzers' test logs
 * with their malformed, truncated and refused ones) prints the same, byte for byte, when the logs are read several
 * at a time as when they are read one after the other: reports, summary table, warnings and errors in the same
 * order, the same exit code.
 */
class ConcurrentLogsTest {

    private static final Path SAMPLES = Path.of("..", "sample-eventlogs", "logs").toAbsolutePath().normalize();

    @Test
    void readingSeveralLogsAtOnceChangesNoOutput() {
        for (List<String> args : List.of(
                List.of("analyze", SAMPLES.toString()),
                List.of("analyze", "-o", "json", SAMPLES.toString(), CliRun.EVENT_LOGS.toString()),
                List.of("analyze", CliRun.EVENT_LOGS.toString(), SAMPLES.resolve("healthy").toString()))) {
            CliRun one = run(args, "1", "false");
            // several at once from the start, and one until the JIT compiler is quiet (wherever that happens)
            for (String waitForCompiler : List.of("false", "true")) {
                CliRun several = run(args, "3", waitForCompiler);
                String what = args + " waiting for the compiler: " + waitForCompiler;
                assertEquals(one.exitCode(), several.exitCode(), what + "\n" + several.err());
                assertEquals(one.err(), several.err(), what);
                assertEquals(one.out(), several.out(), what);
            }
            assertTrue(one.out().length() > 1000, one.out());
        }
        // The analyzers' test logs include ones that cannot be read: their errors are part of what is compared.
        CliRun withErrors = run(List.of("analyze", CliRun.EVENT_LOGS.toString()), "2", "false");
        assertTrue(withErrors.err().contains("sparkdoc: warning:"), withErrors.err());
    }

    private static CliRun run(List<String> args, String threads, String waitForCompiler) {
        String threadsBefore = System.getProperty(EventLogReader.THREADS_PROPERTY);
        String waitBefore = System.getProperty(EventLogReader.WAIT_FOR_COMPILER_PROPERTY);
        System.setProperty(EventLogReader.THREADS_PROPERTY, threads);
        System.setProperty(EventLogReader.WAIT_FOR_COMPILER_PROPERTY, waitForCompiler);
        try {
            return CliRun.of(args.toArray(String[]::new));
        } finally {
            restore(EventLogReader.THREADS_PROPERTY, threadsBefore);
            restore(EventLogReader.WAIT_FOR_COMPILER_PROPERTY, waitBefore);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
