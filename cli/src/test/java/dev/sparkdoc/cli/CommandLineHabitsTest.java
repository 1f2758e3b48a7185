package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Habits users bring: a misspelt command gets a suggestion, enum values in any case, info as a --fail-on level. */
class CommandLineHabitsTest {

    private static final String SPILL = Path.of("..", "sample-eventlogs", "logs", "spill.snappy").toString();
    private static final String HEALTHY = Path.of("..", "sample-eventlogs", "logs", "healthy").toString();

    @Test
    void aMisspeltCommandOrOptionGetsADidYouMean() {
        CliRun command = CliRun.of("analyse", "x");
        assertEquals(ExitCode.USAGE, command.exitCode());
        assertTrue(command.err().contains("Did you mean: sparkdoc analyze"), command.err());
        CliRun option = CliRun.of("analyze", "--fail-o", "warning", HEALTHY);
        assertEquals(ExitCode.USAGE, option.exitCode());
        assertTrue(option.err().contains("--fail-on"), option.err());
    }

    @Test
    void enumValuesAreAcceptedInAnyCase() {
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--fail-on", "WARNING", HEALTHY).exitCode());
        CliRun json = CliRun.of("analyze", "-o", "JSON", HEALTHY);
        assertEquals(ExitCode.OK, json.exitCode(), json.err());
        assertTrue(json.out().startsWith("{"), json.out());
    }

    @Test
    void infoIsAFailOnLevel() {
        CliRun spill = CliRun.of("analyze", "--fail-on", "info", SPILL);
        assertEquals(ExitCode.FINDINGS, spill.exitCode(), spill.err());
        assertTrue(spill.err().contains("a finding reached --fail-on info"), spill.err());
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--fail-on", "info", HEALTHY).exitCode());
    }
}
