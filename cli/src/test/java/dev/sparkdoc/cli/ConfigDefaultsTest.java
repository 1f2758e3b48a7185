package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file of option defaults: used where the command line is silent, beaten by it, and typos refused. */
class ConfigDefaultsTest {

    private static final String SPILL = Path.of("..", "sample-eventlogs", "logs", "spill.snappy").toString();

    @TempDir
    Path directory;

    @AfterEach
    void noConfig() {
        System.clearProperty(ConfigDefaults.PROPERTY);
    }

    private void config(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("config.yaml"), yaml);
        System.setProperty(ConfigDefaults.PROPERTY, file.toString());
    }

    @Test
    void theFileSetsDefaultsAndTheCommandLineWins() throws IOException {
        config("defaults:\n  analyze:\n    output: json\n    fail-on: info\n");
        CliRun fromFile = CliRun.of("analyze", SPILL);
        assertEquals(ExitCode.FINDINGS, fromFile.exitCode(), fromFile.err());
        assertTrue(fromFile.out().startsWith("{"), fromFile.out());
        CliRun overridden = CliRun.of("analyze", "-o", "text", SPILL);
        assertTrue(overridden.out().startsWith("Application"), overridden.out());
    }

    @Test
    void aStarAppliesToEveryCommandWithTheOption() throws IOException {
        Path rules = Files.writeString(directory.resolve("rules.yaml"),
                "rules:\n  shuffle-spill:\n    enabled: false\n");
        config("defaults:\n  \"*\":\n    rules: " + rules + "\n");
        CliRun analyze = CliRun.of("analyze", SPILL);
        assertEquals(ExitCode.OK, analyze.exitCode(), analyze.err());
        assertTrue(!analyze.out().contains("shuffle-spill  stage"), analyze.out());
        CliRun view = CliRun.of("config", "view");
        assertEquals(ExitCode.OK, view.exitCode(), view.err());
        assertTrue(view.out().contains("\"*\":\n    rules: " + rules), view.out());
    }

    @Test
    void typosAndBrokenFilesAreOneLineAndExit3() throws IOException {
        config("defaults:\n  analyse:\n    output: json\n");
        CliRun command = CliRun.of("analyze", SPILL);
        assertEquals(ExitCode.BAD_INPUT, command.exitCode(), command.err());
        assertTrue(command.err().contains("defaults.analyse: no such command"), command.err());
        assertEquals(1, command.err().lines().count(), command.err());
        config("defaults:\n  analyze:\n    ouput: json\n");
        CliRun option = CliRun.of("analyze", SPILL);
        assertEquals(ExitCode.BAD_INPUT, option.exitCode(), option.err());
        assertTrue(option.err().contains("defaults.analyze.ouput: no such option of 'sparkdoc analyze'"),
                option.err());
        config("defaults: [unclosed\n");
        CliRun broken = CliRun.of("analyze", SPILL);
        assertEquals(ExitCode.BAD_INPUT, broken.exitCode(), broken.err());
        assertTrue(broken.err().contains("cannot read the config file"), broken.err());
        assertEquals(1, broken.err().lines().count(), broken.err());
    }

    @Test
    void noFileIsFine() {
        System.setProperty(ConfigDefaults.PROPERTY, directory.resolve("absent.yaml").toString());
        CliRun view = CliRun.of("config", "view");
        assertEquals(ExitCode.OK, view.exitCode(), view.err());
        assertTrue(view.out().startsWith("# no config file at "), view.out());
        assertEquals(ExitCode.OK, CliRun.of("analyze", "-q", SPILL).exitCode());
    }
}
