package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.eventlog.EventLogReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze --max-line-bytes}: the bound on one event-log line, and the warning for a line past it. */
class MaxLineBytesOptionTest {

    @AfterEach
    void defaultLimit() {
        // The option sets a system property; tests share one JVM.
        System.clearProperty(EventLogReader.MAX_LINE_BYTES_PROPERTY);
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedWithAWarningNamingItsLineAndTheOption(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(
                CliRun.log("spark-4.2.0/single-plain/local-1795251238208"), StandardCharsets.UTF_8));
        lines.add(3, "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"" + "x".repeat(2_000_000) + "\"}");
        Path log = temp.resolve("app");
        Files.write(log, lines);

        CliRun limited = CliRun.of("analyze", "--max-line-bytes", "1048576", log.toString());
        assertEquals(ExitCode.OK, limited.exitCode(), limited.err());
        assertTrue(limited.err().contains(log + ":4: skipped a malformed line (line longer than 1048576 bytes"),
                limited.err());
        assertTrue(limited.err().contains("--max-line-bytes"), limited.err());

        defaultLimit();
        CliRun unlimited = CliRun.of("analyze", log.toString());
        assertEquals(ExitCode.OK, unlimited.exitCode(), unlimited.err());
        assertFalse(unlimited.err().contains("longer than"), unlimited.err());
    }
}
