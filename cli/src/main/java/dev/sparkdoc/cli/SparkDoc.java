package dev.sparkdoc.cli;

import dev.sparkdoc.cli.k8s.DescribeCommand;
import dev.sparkdoc.cli.k8s.DiagnoseCommand;
import dev.sparkdoc.cli.k8s.GetCommand;
import dev.sparkdoc.cli.k8s.KubernetesException;
import dev.sparkdoc.cli.k8s.LogsCommand;
import dev.sparkdoc.eventlog.EventLogException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
        subcommands = {AnalyzeCommand.class, RulesCommand.class, JobsCommand.class, SaltCommand.class,
            ShellCommand.class, GetCommand.class, DescribeCommand.class, LogsCommand.class, DiagnoseCommand.class,
            AlertsCommand.class, ListenerCommand.class, EvaluateCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:internal error (a bug: please report it with --debug output)",
            "2:usage error",
            "3:bad input (unreadable or not an event log) or unreachable environment (no kubeconfig, API server"
                + " unreachable, forbidden, application not found)",
            "4:a finding at or above --fail-on"
        })
public final class SparkDoc implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs sparkdoc with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Terminals.of(out, err));
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the terminals given (tests pretend to have one). */
    static int run(String[] args, PrintStream out, PrintStream err, Terminals terminals) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        SparkDoc root = new SparkDoc();
        CommandLine commandLine = new CommandLine(root, new Factory(terminals));
        commandLine.setOut(outWriter);
        commandLine.setErr(errWriter);
        commandLine.setExitCodeExceptionMapper(SparkDoc::exitCode);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("sparkdoc: " + ex.getMessage());
            failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            boolean debugging = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--debug"));
            int code = exitCode(ex);
            failed.getErr().println("sparkdoc: " + message(ex));
            if (debugging) {
                ex.printStackTrace(failed.getErr());
            } else if (code == ExitCode.INTERNAL_ERROR) {
                failed.getErr().println("Run again with --debug for a stack trace, and report it.");
            }
            failed.getErr().flush();
            return code;
        });
        int code = commandLine.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /** Hands the commands that draw on a terminal what the streams are connected to. */
    private record Factory(Terminals terminals) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K command = CommandLine.defaultFactory().create(type);
            if (command instanceof AnalyzeCommand analyze) {
                analyze.terminals(terminals);
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
                || error instanceof KubernetesException) {
            return ExitCode.BAD_INPUT;
        }
        if (error instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.INTERNAL_ERROR;
    }

    private static String message(Throwable error) {
        if (error instanceof EventLogException || error instanceof BadInputException
                || error instanceof KubernetesException) {
            return error.getMessage();
        }
        if (error instanceof OutOfMemoryError) {
            return "out of memory; give sparkdoc more heap with SPARKDOC_OPTS=-Xmx4g (" + error.getMessage() + ")";
        }
        String text = error.getMessage() == null ? "" : ": " + error.getMessage();
        return "internal error: " + error.getClass().getName() + text;
    }
}
