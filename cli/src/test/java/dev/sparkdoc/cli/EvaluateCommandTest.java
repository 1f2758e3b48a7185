package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkdoc evaluate}: the table, the --strict gate, one-line errors. */
class EvaluateCommandTest {

    static final String ROOT = Path.of("..").toAbsolutePath().normalize().toString();

    @TempDir
    Path labels;

    @Test
    void printsTheTableAndExitsZero() throws Exception {
        Files.writeString(labels.resolve("healthy.labels.yaml"), """
                log: sample-eventlogs/logs/healthy
                forbidden:
                  - {rule: "*", severity: warning, reason: "no problem planted"}
                """);
        CliRun run = CliRun.of("evaluate", labels.toString(), "--root", ROOT, "--strict");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("1 labelled logs; 0 false alarms"), run.out());
    }

    @Test
    void strictExitsWithTheGateCodeWhenAnExpectedFindingIsMissing() throws Exception {
        Files.writeString(labels.resolve("healthy.labels.yaml"), """
                log: sample-eventlogs/logs/healthy
                expected:
                  - {rule: data-skew, reason: "pretend something was planted"}
                """);
        CliRun run = CliRun.of("evaluate", labels.toString(), "--root", ROOT, "--strict");
        assertEquals(ExitCode.FINDINGS, run.exitCode(), run.err());
        assertTrue(run.out().contains("data-skew >= warning  healthy"), run.out());
    }

    @Test
    void aMissingLabelsDirectoryIsOneLineAndBadInput() {
        CliRun run = CliRun.of("evaluate", labels.resolve("nope").toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("no such labels directory"), run.err());
    }

    @Test
    void isHiddenFromTheHelp() {
        CliRun run = CliRun.of("--help");
        assertTrue(!run.out().contains("evaluate"), run.out());
    }
}
