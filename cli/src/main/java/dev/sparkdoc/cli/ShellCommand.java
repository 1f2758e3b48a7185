package dev.sparkdoc.cli;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.rules.RuleSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.sparkdoc.report.TextStyle;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * {@code sparkdoc shell LOG}: reads one application's log once, then answers questions about it. On a terminal it
 * edits lines with jline (Tab completes commands, options, stage ids and rule ids; Up and Ctrl-R search the history
 * kept in {@code --history}); otherwise it reads commands from standard input, one per line, and prints each one's
 * output as it would appear in the shell, ending with exit code 0 at the end of the input.
 */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        description = {
            "Explores one application interactively: summary, stages, one stage's task quantiles and hot tasks, "
            + "tasks, executors, jobs, SQL plans, findings, advice, rule explanations. Type 'help' inside.",
            "When standard input is not a terminal, reads commands from it, one per line (# starts a comment):",
            "  printf 'stages --sort skew\\nstage 3\\n' | sparkdoc shell app.zstd"
        })
final class ShellCommand implements Callable<Integer> {

    static final String PROMPT = "sparkdoc> ";

    @Parameters(paramLabel = "LOG", description = "One application's event log (as for 'sparkdoc analyze').")
    String log;

    @Mixin
    RulesOption rules;

    @Mixin
    LogSources logSources;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Where the command history is kept (default: ~/.sparkdoc_history).")
    Path historyFile;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar while reading the log.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Terminals terminals = Terminals.fixed(System.in, false, false, 80);

    /** Set by {@link SparkDoc}'s factory. */
    void terminals(Terminals terminals) {
        this.terminals = terminals;
    }

    @Override
    public Integer call() throws IOException, EventLogException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSettings settings = rules.settings();
        DiagnosedLog diagnosed = load(settings, err);
        CommandLine.Model.OptionSpec debugOption = spec.findOption("--debug");
        boolean debug = debugOption != null && Boolean.TRUE.equals(debugOption.getValue());
        ShellSession session = new ShellSession(diagnosed, settings, debug);
        if (terminals.inIsTerminal()) {
            interactive(session);
        } else {
            script(session, out, err);
        }
        return ExitCode.OK;
    }

    private DiagnosedLog load(RuleSettings settings, PrintWriter err) throws EventLogException {
        try (LogSources closing = logSources) {
            return load(settings, err, LogSources.isUri(log) ? logSources.resolve(log, err)
                    : EventLogLocator.locate(log));
        }
    }

    private DiagnosedLog load(RuleSettings settings, PrintWriter err, List<EventLogSource> sources)
            throws EventLogException {
        if (sources.size() != 1) {
            List<String> names = new ArrayList<>();
            for (EventLogSource source : sources.subList(0, Math.min(5, sources.size()))) {
                names.add(source.displayName());
            }
            throw new BadInputException(log + ": holds " + sources.size() + " applications' logs; the shell explores "
                    + "one: give one of them, e.g. " + String.join(", ", names));
        }
        EventLogSource source = sources.get(0);
        AnalyzedLog analyzed = readLog(source, err);
        if (!analyzed.read().malformedLines().isEmpty() || analyzed.read().streamError().isPresent()) {
            err.println("sparkdoc: warning: " + source.displayName() + ": " + analyzed.read().malformedLineCount()
                    + " malformed line(s) skipped" + analyzed.read().streamError().map(e -> "; " + e).orElse(""));
        }
        return new DiagnosedLog(analyzed, Diagnoser.diagnose(analyzed.application(), settings));
    }

    private AnalyzedLog readLog(EventLogSource source, PrintWriter err) throws EventLogException {
        if (quiet || !terminals.errIsTerminal()) {
            return EventLogAnalysis.analyze(source);
        }
        try (ReadProgress progress = new ReadProgress(Messages.printable(source.displayName()),
                source.sizeBytes(), err,
                terminals.errWidth(), System.getenv("NO_COLOR") == null, ReadProgress.DELAY_MILLIS,
                System::nanoTime)) {
            return EventLogAnalysis.analyze(source, progress);
        }
    }

    private void interactive(ShellSession session) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("sparkdoc").build()) {
            PrintWriter screen = terminal.writer();
            TextOutput output = TextOutput.of(spec);
            boolean colored = output.colored();
            session.style(() -> new TextStyle(terminal.getWidth() > 0 ? terminal.getWidth() : output.width(), false,
                    colored));
            CommandLine commands = ShellCommands.create(session, screen, screen);
            DefaultParser parser = new DefaultParser();
            parser.setEofOnUnclosedQuote(true);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("sparkdoc")
                    .completer(new PicocliJLineCompleter(commands.getCommandSpec()))
                    .parser(parser)
                    .variable(LineReader.HISTORY_FILE, history())
                    .variable(LineReader.HISTORY_SIZE, 1000)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            dev.sparkdoc.report.TextLayout.print(screen, ShellCommands.banner(session), "", "  ",
                    session.style().width());
            screen.flush();
            while (!session.exitRequested()) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                ShellCommands.execute(commands, reader.getParsedLine().words());
                screen.flush();
            }
            reader.getHistory().save();
        }
    }

    private Path history() throws IOException {
        Path file = historyFile != null ? historyFile : Path.of(System.getProperty("user.home"), ".sparkdoc_history");
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            Files.createDirectories(directory);
        }
        return file;
    }

    private void script(ShellSession session, PrintWriter out, PrintWriter err) throws IOException {
        TextStyle style = TextOutput.of(spec).style(false, false);
        session.style(() -> style);
        CommandLine commands = ShellCommands.create(session, out, err);
        DefaultParser parser = new DefaultParser();
        BufferedReader input = new BufferedReader(new InputStreamReader(terminals.in(), StandardCharsets.UTF_8));
        String line;
        while (!session.exitRequested() && (line = input.readLine()) != null) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> words;
            try {
                words = parser.parse(trimmed, trimmed.length()).words();
            } catch (RuntimeException e) {
                err.println("sparkdoc shell: cannot parse '" + trimmed + "': " + e.getMessage());
                continue;
            }
            ShellCommands.execute(commands, words);
            out.flush();
            err.flush();
        }
    }
}
