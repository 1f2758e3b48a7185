package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script, sourced in a real bash, completes commands and options as a user's Tab would. */
class CompletionCommandTest {

    private static List<String> complete(Path script, String line) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        String program = "source " + script + "\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(" + words + ");"
                + " COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_sparkdoc sparkdoc\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        return output.lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
    }

    @Test
    void bashCompletesCommandsOptionsAndValues(@TempDir Path directory) throws Exception {
        CliRun run = CliRun.of("completion", "bash");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Path script = Files.writeString(directory.resolve("sparkdoc-completion.bash"), run.out());
        assertTrue(complete(script, "sparkdoc ana").contains("analyze"));
        assertTrue(complete(script, "sparkdoc co").containsAll(List.of("compare", "completion")));
        assertTrue(complete(script, "sparkdoc analyze --fail").contains("--fail-on"));
        assertTrue(complete(script, "sparkdoc analyze --fail-on ").containsAll(List.of("info", "warning", "critical")));
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashcompinit() {
        CliRun zsh = CliRun.of("completion", "zsh");
        assertEquals(ExitCode.OK, zsh.exitCode(), zsh.err());
        assertTrue(zsh.out().contains("bashcompinit"), zsh.out());
        assertEquals(CliRun.of("completion", "bash").out(), zsh.out());
        assertEquals(ExitCode.USAGE, CliRun.of("completion", "fish").exitCode());
    }
}
