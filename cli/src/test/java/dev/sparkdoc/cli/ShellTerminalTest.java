package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'sparkdoc shell' on a real pseudo-terminal (tmux), in its own JVM, as a person types: Tab completion of commands,
 * options, option values, stage ids and rule ids; history recalled with Up and kept in the history file; every
 * command; leaving with 'exit' and with Ctrl-D, both with exit code 0.
 */
class ShellTerminalTest {

    private static final String PROMPT = ShellCommand.PROMPT.trim();
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void completionHistoryAndEveryCommand() throws Exception {
        Path history = directory.resolve("history");
        try (Tmux tmux = start(history)) {
            tmux.keys("sta", "Tab");
            tmux.waitFor(screen -> screen.matches("(?s).*\\n\\s*stage\\s+stages\\s*$"), "both stage commands offered",
                    Duration.ofSeconds(10));
            tmux.keys("C-u", "explain da", "Tab");
            tmux.waitFor(PROMPT + " explain data-skew");
            tmux.keys("Enter");
            printed(tmux, "explain data-skew", "In this application:");

            tmux.keys("tasks ", "Tab");
            tmux.waitFor(screen -> screen.matches("(?s).*\\n--by\\s+--top\\s+0\\s+1\\s+2\\s*$"),
                    "options and stage ids offered", Duration.ofSeconds(10));
            tmux.keys("C-u", "tasks 1 --by sh", "Tab");
            tmux.waitFor(PROMPT + " tasks 1 --by shuffleRead");
            tmux.keys("Enter");
            printed(tmux, "tasks 1 --by shuffleRead", "Stage 1.0: top 8 of 8 successful tasks by shuffleRead");
            tmux.keys("Up");
            tmux.waitFor(screen -> screen.endsWith(PROMPT + " tasks 1 --by shuffleRead"), "history recalled",
                    Duration.ofSeconds(10));
            tmux.keys("C-u");

            run(tmux, "summary", "Findings     critical data-skew (stage 1.0)");
            run(tmux, "stages --sort skew", "SKEW is the slowest task over the median");
            run(tmux, "stage 1", "Task quantiles over 8 successful tasks");
            run(tmux, "executors", "PEAK HEAP");
            run(tmux, "jobs", "DESCRIPTION");
            run(tmux, "sql", "'sql ID' shows an execution's physical plan.");
            run(tmux, "sql 0", "== Physical Plan ==");
            run(tmux, "findings", "Findings (1 critical, 1 warning)");
            run(tmux, "advise", "Recommended configuration (one consistent set)");
            run(tmux, "help", "Commands (Tab completes");
            run(tmux, "stage 42", "error: no stage '42'");
            tmux.keys("exit", "Enter");
            tmux.waitFor("EXIT=0");
        }
        String saved = Files.readString(history);
        assertTrue(saved.contains("explain data-skew") && saved.contains("tasks 1 --by shuffleRead"), saved);
    }

    @Test
    void controlCClearsTheLineAndControlDLeavesWithCodeZero() throws Exception {
        try (Tmux tmux = start(directory.resolve("history"))) {
            tmux.keys("stages --sort", "C-c");
            tmux.waitFor(screen -> screen.endsWith(PROMPT), "a fresh prompt after Ctrl-C", Duration.ofSeconds(10));
            tmux.keys("C-d");
            tmux.waitFor("EXIT=0");
        }
    }

    private Tmux start(Path history) throws Exception {
        String tmuxPath = TestTools.require("tmux").toString();
        String log = HtmlReportBrowserTest.SAMPLE_LOGS.resolve("skewed-aggregation").toString();
        Path script = TestTools.sparkdocScript(directory, "shell --history " + TestTools.quote(history.toString())
                + " " + TestTools.quote(log));
        Tmux tmux = Tmux.start(tmuxPath, "sh " + TestTools.quote(script.toString()), 200, 50);
        tmux.waitFor(screen -> screen.endsWith(PROMPT), "the prompt", START);
        return tmux;
    }

    private static void run(Tmux tmux, String command, String expected) throws Exception {
        tmux.keys("C-u");
        tmux.type(command);
        tmux.keys("Enter");
        printed(tmux, command, expected);
    }

    /**
     * Waits until {@code command}'s output holds {@code expected} and the prompt is back. Keys sent before the shell
     * reads again (an Up arrow while a table is still printing) reach the terminal raw and show as "^[[A".
     */
    private static void printed(Tmux tmux, String command, String expected) throws Exception {
        tmux.waitFor(screen -> {
            int typed = screen.lastIndexOf(PROMPT + " " + command);
            return typed >= 0 && screen.substring(typed).contains(expected) && screen.endsWith(PROMPT);
        }, "'" + command + "' to print '" + expected + "'", Duration.ofSeconds(20));
    }
}
