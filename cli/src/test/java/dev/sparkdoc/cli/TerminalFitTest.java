package dev.sparkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.rules.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * sparkdoc on real terminals (tmux) of 80 and 100 columns: every command's output and help, and the shell's views,
 * fit the terminal (capture-pane -J joins what the terminal wrapped, so a line wider than the pane is one the
 * terminal broke, mid-word or not), and the words of a rule's prose and the paths printed stay whole. Also: colour
 * by default on a terminal and none with NO_COLOR or through a pipe; long output through $PAGER on a terminal and
 * not through a pipe.
 */
@Tag("slow")
class TerminalFitTest {

    private static final String LOG = HtmlReportBrowserTest.SAMPLE_LOGS.resolve("skewed-aggregation").toString();
    /** The scripts run in sample-eventlogs and name logs relative to it: a checkout's path may be long. */
    private static final Path SAMPLES = HtmlReportBrowserTest.SAMPLE_LOGS.getParent();
    private static final String RELATIVE_LOG = "logs/skewed-aggregation";
    private static final String WIDE_MARK = "### analyze -o wide";
    /**
     * Outputs that are code, not text, so never wrapped: -o wide (kubectl's habit: as wide as its columns) and
     * alerts export (YAML whose PromQL and annotations must stay as written).
     */
    private static final Set<String> UNWRAPPED = Set.of(WIDE_MARK, "### alerts export");

    @TempDir
    Path directory;

    /** Each command's arguments: the outputs named in the issue, then --help of every command. */
    private static List<String> commands() {
        List<String> commands = new ArrayList<>(List.of(
                "analyze " + RELATIVE_LOG,
                "analyze " + RELATIVE_LOG + " logs/spill.snappy",
                "compare compare-logs/skewed-aggregation-plain.zstd compare-logs/skewed-aggregation-salted.zstd",
                "rules list",
                "rules show data-skew",
                "alerts export"));
        collectHelp(SparkDoc.commandLine(), commands);
        return commands;
    }

    private static void collectHelp(CommandLine command, List<String> commands) {
        String name = command.getCommandSpec().qualifiedName(" ");
        if (!command.getCommandSpec().usageMessage().hidden()) {
            commands.add((name.equals("sparkdoc") ? "" : name.substring("sparkdoc ".length()) + " ") + "--help");
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collectHelp(sub, commands));
    }

    private Path script(List<String> commands, String shellInput) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        StringBuilder text = new StringBuilder("#!/bin/sh\ncd " + TestTools.quote(SAMPLES.toString())
                + "\nCLASSPATH=" + TestTools.quote(System.getProperty("java.class.path")) + "\nexport CLASSPATH\n"
                + "unset COLUMNS LINES NO_COLOR\n");
        String sparkdoc = TestTools.quote(java.toString()) + " -XX:TieredStopAtLevel=1 dev.sparkdoc.cli.SparkDoc ";
        for (String command : commands) {
            text.append("echo '### ").append(command.replace("'", "")).append("'\n")
                    .append(sparkdoc).append(command).append(" --no-pager\necho EXIT=$?\n");
        }
        text.append("echo '").append(WIDE_MARK).append("'\n").append(sparkdoc).append("analyze -o wide ")
                .append(RELATIVE_LOG).append(" --no-pager\necho EXIT=$?\n");
        text.append("echo '### shell'\n").append(sparkdoc).append("shell ").append(RELATIVE_LOG)
                .append(" <<'EOF'\n").append(shellInput).append("EOF\necho EXIT=$?\necho ALL-DONE\nsleep 600\n");
        Path script = directory.resolve("fit.sh");
        Files.writeString(script, text);
        return script;
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 100})
    void everyCommandAndItsHelpFitTheTerminal(int width) throws Exception {
        String tmuxPath = TestTools.require("tmux").toString();
        List<String> commands = commands();
        String shellInput = "help\nhelp tasks\nexplain data-skew\ntasks 1\nstages\nstage 1\nexecutors\njobs\nsql\n"
                + "summary\nfindings\nadvise\n";
        String screen;
        try (Tmux tmux = Tmux.startWithScrollback(tmuxPath, "sh " + TestTools.quote(script(commands, shellInput)
                .toString()), width, 40, 50_000, directory)) {
            screen = tmux.waitFor(s -> s.contains("\nALL-DONE"), "every command to run",
                    Duration.ofSeconds(600));
        }
        List<String> lines = screen.lines().map(String::stripTrailing).toList();
        assertEquals(commands.size() + 2, lines.stream().filter(line -> line.equals("EXIT=0")).count(),
                "every command exits 0:\n" + screen);

        List<String> problems = new ArrayList<>();
        boolean wide = false;
        String command = "";
        for (String line : lines) {
            if (line.startsWith("### ")) {
                command = line;
                wide = UNWRAPPED.contains(line);
            } else if (!wide && line.length() > width) {
                problems.add(command + ": " + line);
            }
        }
        assertEquals(List.of(), problems, "lines wider than " + width + " columns");

        Set<String> words = new HashSet<>(List.of(screen.split("\\s+")));
        String explanation = RuleSettings.defaults().catalog().rule("data-skew").orElseThrow().explanation();
        for (String word : explanation.split("\\s+")) {
            assertTrue(words.contains(word), "'" + word + "' of data-skew's explanation is split at " + width);
        }
        assertTrue(words.contains(RELATIVE_LOG), "the log's path whole");
        assertTrue(words.contains("spark.sql.adaptive.enabled=true"), "a fix's key=value whole");
        int wideStart = screen.indexOf(WIDE_MARK);
        String wideReport = screen.substring(wideStart, screen.indexOf("\n### shell\n", wideStart));
        assertTrue(wideReport.contains("SPILL DISK") && wideReport.contains("SHUF WRITE"), wideReport);
    }

    /** The interactive shell takes the terminal's width for its tables and help. */
    @ParameterizedTest
    @ValueSource(ints = {80, 100})
    void theInteractiveShellFitsTheTerminal(int width) throws Exception {
        String tmuxPath = TestTools.require("tmux").toString();
        Path script = TestTools.sparkdocScript(directory, "shell --history "
                + TestTools.quote(directory.resolve("history").toString()) + " " + TestTools.quote(LOG));
        String prompt = ShellCommand.PROMPT.trim();
        String screen;
        try (Tmux tmux = Tmux.start(tmuxPath, "sh " + TestTools.quote(script.toString()), width, 40)) {
            tmux.waitFor(s -> s.endsWith(prompt), "the prompt", Duration.ofSeconds(120));
            for (String command : List.of("help", "explain data-skew", "tasks 1", "stages", "stage 1", "executors",
                    "findings")) {
                tmux.type(command);
                tmux.keys("Enter");
                tmux.waitFor(s -> {
                    int typed = s.lastIndexOf(prompt + " " + command);
                    return typed >= 0 && s.substring(typed + prompt.length() + command.length() + 1).contains("\n")
                            && s.endsWith(prompt);
                }, "'" + command + "' to finish", Duration.ofSeconds(60));
            }
            screen = tmux.screen();
            tmux.keys("exit", "Enter");
            tmux.waitFor("EXIT=0");
        }
        List<String> wider = screen.lines().map(String::stripTrailing).filter(line -> line.length() > width)
                .toList();
        assertEquals(List.of(), wider, "lines wider than " + width + " columns");
        assertTrue(screen.contains("INDEX") && screen.contains("Task quantiles") && screen.contains("PEAK HEAP"),
                screen);
    }

    @Test
    void colourOnTheTerminalNoneWithNoColorOrThroughAPipe() throws Exception {
        String tmuxPath = TestTools.require("tmux").toString();
        Path piped = directory.resolve("piped.txt");
        Path script = directory.resolve("colour.sh");
        String sparkdoc = TestTools.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                + " dev.sparkdoc.cli.SparkDoc analyze --no-pager " + TestTools.quote(LOG);
        Files.writeString(script, "#!/bin/sh\nCLASSPATH=" + TestTools.quote(System.getProperty("java.class.path"))
                + "\nexport CLASSPATH\nunset NO_COLOR\nexport TERM=xterm-256color\necho '### auto'\n" + sparkdoc
                + "\necho '### NO_COLOR'\nNO_COLOR=1 " + sparkdoc + "\n" + sparkdoc + " > "
                + TestTools.quote(piped.toString()) + "\necho ALL-DONE\nsleep 600\n");
        String screen;
        try (Tmux tmux = Tmux.startWithScrollback(tmuxPath, "sh " + TestTools.quote(script.toString()), 100, 40,
                10_000, directory)) {
            tmux.waitFor(s -> s.contains("\nALL-DONE"), "the runs", Duration.ofSeconds(300));
            screen = tmux.screenWithColours();
        }
        String auto = screen.substring(screen.indexOf("### auto"), screen.indexOf("### NO_COLOR"));
        String noColor = screen.substring(screen.indexOf("### NO_COLOR"), screen.indexOf("ALL-DONE"));
        assertTrue(auto.contains("\u001b[") && auto.replaceAll("\u001b\\[[0-9;]*m", "").contains("CRITICAL"),
                auto);
        assertTrue(noColor.contains("CRITICAL") && !noColor.contains("\u001b["), noColor);
        String file = Files.readString(piped);
        assertTrue(file.contains("CRITICAL") && !file.contains("\u001b"), file);
    }

    @Test
    void longOutputGoesThroughThePagerOnATerminalOnly() throws Exception {
        String tmuxPath = TestTools.require("tmux").toString();
        Path recorded = directory.resolve("recorded.txt");
        Path recordedPiped = directory.resolve("recorded-piped.txt");
        Path pager = directory.resolve("pager.sh");
        Files.writeString(pager, "#!/bin/sh\ncat > \"$RECORD\"\necho PAGER-RAN\n");
        Path script = directory.resolve("pager-run.sh");
        String sparkdoc = TestTools.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                + " dev.sparkdoc.cli.SparkDoc analyze " + TestTools.quote(LOG);
        Files.writeString(script, "#!/bin/sh\nCLASSPATH=" + TestTools.quote(System.getProperty("java.class.path"))
                + "\nexport CLASSPATH\nexport PAGER=" + TestTools.quote("sh " + pager) + "\n"
                + "RECORD=" + TestTools.quote(recorded.toString()) + " " + sparkdoc + "\necho EXIT=$?\n"
                + "RECORD=" + TestTools.quote(recordedPiped.toString()) + " " + sparkdoc + " | cat > /dev/null\n"
                + "RECORD=" + TestTools.quote(recordedPiped.toString()) + " " + sparkdoc + " --no-pager\n"
                + "echo ALL-DONE\nsleep 600\n");
        String screen;
        try (Tmux tmux = Tmux.startWithScrollback(tmuxPath, "sh " + TestTools.quote(script.toString()), 100, 20,
                10_000, directory)) {
            screen = tmux.waitFor(s -> s.contains("\nALL-DONE"), "the runs", Duration.ofSeconds(300))
                    .replaceAll(" +\n", "\n");
        }
        assertTrue(screen.contains("PAGER-RAN\nEXIT=0"), "sparkdoc waited for its pager:\n" + screen);
        String paged = Files.readString(recorded);
        assertTrue(paged.contains("Findings (1 critical, 1 warning)") && paged.lines().count() > 20, paged);
        assertFalse(Files.exists(recordedPiped), "no pager through a pipe or with --no-pager");
        assertTrue(screen.substring(screen.indexOf("EXIT=0")).contains("Findings (1 critical, 1 warning)"),
                "--no-pager printed straight to the terminal");
    }
}
