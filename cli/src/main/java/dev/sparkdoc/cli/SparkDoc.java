package dev.sparkdoc.cli;

import dev.sparkdoc.cli.history.AppsCommand;
import dev.sparkdoc.cli.history.HistoryServerException;
import dev.sparkdoc.cli.k8s.DescribeCommand;
import dev.sparkdoc.cli.k8s.DiagnoseCommand;
import dev.sparkdoc.cli.k8s.GetCommand;
import dev.sparkdoc.cli.k8s.KubeOptions;
import dev.sparkdoc.cli.k8s.KubernetesException;
import dev.sparkdoc.cli.k8s.LogsCommand;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.rules.RuleSettingsException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code sparkdoc} command. {@link #run} is the testable entry point: it takes its streams and returns the exit
 * code; only {@link #main} exits. Errors are one line on stderr saying what, where and what to do; a stack trace
 * only with {@code --debug}.
 */
@Command(
        name = "sparkdoc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Diagnoses Apache Spark applications and tells you what to change.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:internal error (a bug: please report it with --debug output)",
            "2:usage error",
            "3:bad input (unreadable or not an event log) or unreachable environment (no kubeconfig, API server"
                + " unreachable, forbidden, application not found; History Server unreachable, refusing access, no such"
                + " application or attempt)",
            "4:a finding at or above --fail-on; compare: a regression, with --fail-on-regression"
        })
public final class SparkDoc implements Runnable, KubeOptions.GlobalHolder {

    /**
     * The commands, in the order help lists them (then completion and config). Not in the annotation: picocli would
     * build every command's model on every start; {@link #build} builds only the one a command line names.
     */
    private static final List<Class<?>> COMMANDS = List.of(AnalyzeCommand.class, CompareCommand.class,
            AppsCommand.class, RulesCommand.class, JobsCommand.class, SaltCommand.class, ShellCommand.class,
            GetCommand.class, DescribeCommand.class, LogsCommand.class, DiagnoseCommand.class, AlertsCommand.class,
            ListenerCommand.class, FleetCommand.class, EvaluateCommand.class, CommandLine.HelpCommand.class,
            CompletionCommand.class, ConfigCommand.class);

    /** The commands that read the whole tree (help and completion list it, config checks the file against it). */
    private static final Set<Class<?>> NEED_THE_TREE = Set.of(CommandLine.HelpCommand.class,
            CompletionCommand.class, ConfigCommand.class);

    /** The options before a command that take a separate value ({@code -n spark get apps}): skipped to find it. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("-n", "--namespace", "--context",
            "--kubeconfig", "--color");

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    /** kubectl's -n, -A, --context, --kubeconfig before the command: {@code sparkdoc -n spark get apps}. */
    @Mixin
    KubeOptions.Global kube;

    @Override
    public KubeOptions.Global kubeGlobal() {
        return kube;
    }

    @CommandLine.Mixin
    TerminalOptions terminalOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Terminals terminals = Terminals.fixed(System.in, false, false, 80);

    /** What the streams are connected to, for every command's output ({@link TextOutput}). */
    Terminals terminals() {
        return terminals;
    }

    public static void main(String[] args) {
        StandardOutput out = StandardOutput.open();
        int code = run(args, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Runs sparkdoc with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Terminals.of(out, err));
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the terminals given (tests pretend to have one). */
    static int run(String[] args, PrintStream out, PrintStream err, Terminals terminals) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli would print for the root's --version, without building any of its model (some 170 classes
            // that no class-data archive holds, two thirds of this command's time); SparkDocTest compares the two.
            for (String line : new VersionProvider().getVersion()) {
                out.print(line);
                out.print('\n');
            }
            out.flush();
            return ExitCode.OK;
        }
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new Messages.ErrorWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8));
        SparkDoc root = new SparkDoc();
        CommandLine commandLine = build(root, terminals, args);
        versionEverywhere(commandLine);
        commandLine.setOut(outWriter);
        commandLine.setErr(errWriter);
        commandLine.setExitCodeExceptionMapper(SparkDoc::exitCode);
        commandLine.setExecutionStrategy(parsed -> {
            java.util.List<CommandLine> chain = parsed.asCommandLineList();
            if (chain.stream().noneMatch(line -> line.isUsageHelpRequested() || line.isVersionHelpRequested())) {
                root.kube.check(chain.get(chain.size() - 1));
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        // WARNING, Json, CRITICAL: values are names, not spellings to get exactly right.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        boolean debugAsked = java.util.Arrays.asList(args).contains("--debug");
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("sparkdoc: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                // "Did you mean: sparkdoc analyze?" for a misspelt command or option
                CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, failed.getErr());
            }
            if (debugAsked) {
                ex.printStackTrace(failed.getErr());
            }
            failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            failed.getErr().flush();
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            report(failed.getCommandSpec(), ex);
            int code = exitCode(ex);
            if (code == ExitCode.INTERNAL_ERROR && !root.debug) {
                failed.getErr().println("Run again with --debug for a stack trace, and report it.");
            }
            failed.getErr().flush();
            return code;
        });
        int code;
        try {
            // Option defaults from the user's config file; a broken file is one line and exit 3, as bad input.
            commandLine.setDefaultValueProvider(ConfigDefaults.load(commandLine, System.getenv()));
            code = commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands Exceptions to the handler above; an Error (a library's own, a stack overflow) still
            // ends as one line, not a stack trace
            report(commandLine.getCommandSpec(), e);
            code = exitCode(e);
            if (code == ExitCode.INTERNAL_ERROR && !root.debug) {
                errWriter.println("Run again with --debug for a stack trace, and report it.");
            }
        }
        outWriter.flush();
        if (out.checkError()) {
            String why = out instanceof StandardOutput standard ? standard.failure()
                    .map(OutputFile::reason).orElse("") : "";
            errWriter.println(why.equalsIgnoreCase("Broken pipe")
                    ? "sparkdoc: standard output was closed before all was written (Broken pipe); the output is"
                            + " incomplete"
                    : "sparkdoc: cannot write to standard output" + (why.isEmpty() ? "" : " (" + why + ")")
                            + "; the output is incomplete; write it with --out FILE or to a disk with space");
            if (code == ExitCode.OK || code == ExitCode.FINDINGS) {
                code = ExitCode.BAD_INPUT;
            }
        }
        errWriter.flush();
        return code;
    }

    /**
     * Prints a handled error as sparkdoc's one line on the command's standard error, and its stack trace when
     * {@code --debug} was given: the one place that turns an exception into what a user reads.
     */
    public static void report(CommandLine.Model.CommandSpec spec, Throwable error) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sparkdoc: " + message(error));
        if (spec.root().userObject() instanceof SparkDoc root && root.debug) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    /** Every subcommand answers {@code --version} as the root does (picocli leaves theirs empty). */
    /** The command tree: the annotated commands and those added here. */
    private static CommandLine build(SparkDoc root, Terminals terminals, String[] args) {
        root.terminals = terminals;
        Factory factory = new Factory(terminals);
        CommandLine commandLine = new CommandLine(root, factory);
        for (Class<?> command : commandsFor(args)) {
            commandLine.addSubcommand(new CommandLine(command, factory));
        }
        HelpLayout.install(commandLine);
        // help fits the terminal (between picocli's least, 55, and 120 columns); elsewhere picocli's 80. Asked
        // only when help is printed, so a command that prints none never asks what the terminal is.
        commandLine.setHelpFactory((spec, colors) -> {
            if (terminals.outIsTerminal()) {
                spec.usageMessage().width(Math.max(55, Math.min(120, terminals.outWidth())));
            }
            // help is coloured as the rest of the output is (--color, NO_COLOR, TERM=dumb), not by picocli's own guess
            return new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(
                    TextOutput.of(spec).colored() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        });
        return commandLine;
    }

    /**
     * The commands {@code args} need: the one they name when it runs on its own and no config file is there to be
     * checked against every command, none for {@code --version}, else all (usage, help, suggestions for a misspelt
     * command). The answer to a command line is the same as with the whole tree; only start-up is shorter.
     */
    static List<Class<?>> commandsFor(String[] args) {
        String first = null;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                first = arg;
                break;
            }
            version |= arg.equals("--version") || arg.equals("-V");
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++; // its value, not a command
            }
        }
        if (first == null) {
            return version ? List.of() : COMMANDS;
        }
        for (Class<?> command : COMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            if (NEED_THE_TREE.contains(command) || annotation == null
                    || !(annotation.name().equals(first) || Arrays.asList(annotation.aliases()).contains(first))) {
                continue;
            }
            return Files.exists(ConfigDefaults.location(System.getenv())) ? COMMANDS : List.of(command);
        }
        return COMMANDS;
    }

    /** The command tree as {@link #run} builds it for a command line that names none, with every command. */
    static CommandLine commandLine() {
        return build(new SparkDoc(), Terminals.fixed(System.in, false, false, 80), new String[0]);
    }

    private static void versionEverywhere(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null && sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().versionProvider(new VersionProvider());
            }
            versionEverywhere(sub);
        }
    }

    /** Hands the commands that draw on a terminal what the streams are connected to. */
    private record Factory(Terminals terminals) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K command = CommandLine.defaultFactory().create(type);
            if (command instanceof AnalyzeCommand analyze) {
                analyze.terminals(terminals);
            } else if (command instanceof CompareCommand compare) {
                compare.terminals(terminals);
            } else if (command instanceof ShellCommand shell) {
                shell.terminals(terminals);
            }
            return command;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int exitCode(Throwable error) {
        if (error instanceof EventLogException || error instanceof BadInputException
                || error instanceof KubernetesException || error instanceof RuleSettingsException
                || error instanceof HistoryServerException || error instanceof IOException || error instanceof UncheckedIOException
                || error instanceof OutOfMemoryError) {
            return ExitCode.BAD_INPUT;
        }
        if (error instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.INTERNAL_ERROR;
    }

    private static String message(Throwable error) {
        if (error instanceof EventLogException || error instanceof BadInputException
                || error instanceof KubernetesException || error instanceof RuleSettingsException
                || error instanceof HistoryServerException) {
            return error.getMessage();
        }
        if (error instanceof UncheckedIOException unchecked) {
            return "input/output error: " + OutputFile.reason(unchecked.getCause()) + "; check the files named and"
                    + " the disk";
        }
        if (error instanceof IOException io) {
            return "input/output error: " + OutputFile.reason(io) + "; check the files named and the disk";
        }
        if (error instanceof OutOfMemoryError) {
            return "out of memory (" + error.getMessage() + "); give sparkdoc more heap with SPARKDOC_OPTS=-Xmx4g,"
                    + " or bound it with --retained-task-rows";
        }
        String text = error.getMessage() == null ? "" : ": " + firstLine(error.getMessage());
        return "internal error: " + error.getClass().getName() + text;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
