package dev.sparkdoc.cli;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.SkippedFile;
import dev.sparkdoc.cli.history.HistoryServerException;
import dev.sparkdoc.cli.history.HistoryServerSource;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.report.HtmlReport;
import dev.sparkdoc.report.JsonReport;
import dev.sparkdoc.report.MarkdownReport;
import dev.sparkdoc.report.SummaryTable;
import dev.sparkdoc.report.TextReport;
import dev.sparkdoc.report.TextStyle;
import dev.sparkdoc.rules.RuleSettings;
import dev.sparkdoc.snapshot.TaskTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc analyze LOG...}: reads event logs and reports what each application did. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Reads Spark event logs and reports what each application did.",
            "LOG is an event log file (plain, .lz4, .lzf, .snappy, .zstd; .inprogress too), a rolling "
            + "eventlog_v2_* directory, a Databricks eventlog directory, a directory of many logs (one report "
            + "per application), or - for standard input; on the local disk or any Hadoop file system URI "
            + "(s3a://, hdfs://, gs://, abfs://, file://; docs/sources.md).",
            "With --history-server URL, each LOG is an application id on that Spark History Server: its event "
            + "log is downloaded (a private temporary directory, deleted afterwards) and analyzed as a local file."
        })
final class AnalyzeCommand implements Callable<Integer> {

    enum Format {
        text,
        wide,
        json,
        yaml,
        markdown,
        html
    }

    @Parameters(arity = "1..*", paramLabel = "LOG", description = "Event log(s) to analyze.")
    List<String> logs;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). text fits the"
                    + " terminal (100 columns when not a terminal); wide is text with every column of the stage and"
                    + " summary tables, wider than the terminal if need be.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path outFile;

    @Mixin
    RulesOption rules;

    @Mixin
    FailOnOption failOn;

    @Mixin
    HistoryServerSource historyServer;

    @Mixin
    LogSources logSources;

    @Mixin
    LogSelection selection;

    @Option(names = "--retained-task-rows", paramLabel = "N",
            description = "Per-task rows the finished stages keep in full, all together (default: all). Beyond N,"
                    + " the stages that finished first keep a summary (exact quantiles, top tasks), so a log of"
                    + " hundreds of millions of tasks reads in bounded memory; the report stays the same"
                    + " (docs/listener.md, Memory).")
    Long retainedTaskRows;

    @Option(names = "--stage-task-rows", paramLabel = "N",
            description = "Per-task rows one stage keeps while it is read (default: all; at least 256). Past N, the"
                    + " stage keeps a running summary: its quantiles are within 1%%, its totals, max and top tasks"
                    + " exact. Bounds memory for stages of millions of tasks (docs/listener.md, Memory).")
    Integer stageTaskRows;

    @Option(names = "--executor-detail", paramLabel = "N|all",
            description = "-o json: executors per stage attempt written in full (default: "
                    + JsonReport.DEFAULT_EXECUTOR_DETAIL + "; those with failed tasks, the slowest and the most"
                    + " spilled); the others are summed in executorSummaryRest. 'all' writes every one"
                    + " (docs/json-format.md).")
    String executorDetail;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES", description = "Skip (and report) event-log lines longer than BYTES; default 64 MiB.") void maxLineBytes(long bytes) { System.setProperty(dev.sparkdoc.eventlog.EventLogReader.MAX_LINE_BYTES_PROPERTY, Long.toString(bytes)); }
    @Option(names = {"-q", "--quiet"},
            description = "No progress bar on standard error while reading (it shows only on a terminal anyway).")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Terminals terminals = Terminals.fixed(System.in, false, false, 80);

    /** Set by {@link SparkDoc}'s factory: where standard error goes decides whether a progress bar is drawn. */
    void terminals(Terminals terminals) {
        this.terminals = terminals;
    }

    @Override
    public Integer call() throws IOException {
        try (LogSources closing = logSources) {
            return analyze();
        } finally {
            historyServer.close();
        }
    }

    private Integer analyze() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (retainedTaskRows != null && retainedTaskRows < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--retained-task-rows must be 0 or more, not " + retainedTaskRows);
        }
        if (stageTaskRows != null && stageTaskRows < TaskTable.TOP_VALUES_KEPT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--stage-task-rows must be at least " + TaskTable.TOP_VALUES_KEPT + ", not " + stageTaskRows);
        }
        executorDetailCount();
        if (logs.stream().filter("-"::equals).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'-' (standard input) is given more than once; it can be read only once, so name it once");
        }
        historyServer.check(spec.commandLine(), logs.size());
        selection.check(logs, spec.commandLine());
        if (historyServer.given() && selection.active()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since, --until and --app-name select"
                    + " among the logs of directories; with --history-server, name the application ids");
        }
        RuleSettings settings = rules.settings();
        int exit = ExitCode.OK;
        List<EventLogSource> sources = new ArrayList<>();
        List<Boolean> inDirectory = new ArrayList<>();
        for (String log : logs) {
            try {
                List<EventLogSource> located = AnalyzedLogs.locate(log, historyServer, logSources, err);
                // one answer per argument: every source it located was, or was not, found by searching it
                boolean searched = !historyServer.given() && (LogSources.isUri(log)
                        ? logSources.searchedDirectory(log, located) : foundInDirectory(log, located));
                for (EventLogSource source : located) {
                    sources.add(source);
                    inDirectory.add(searched);
                }
            } catch (EventLogException | BadInputException | HistoryServerException e) {
                SparkDoc.report(spec, e);
                exit = ExitCode.BAD_INPUT;
            }
        }
        if (selection.active() && !sources.isEmpty()) {
            java.util.Map<EventLogSource, Boolean> searched = new java.util.IdentityHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                searched.put(sources.get(i), inDirectory.get(i));
            }
            List<EventLogSource> selected = selection.select(sources, err);
            List<Boolean> selectedInDirectory = new ArrayList<>();
            for (EventLogSource source : selected) {
                selectedInDirectory.add(searched.get(source));
            }
            sources = selected;
            inDirectory = selectedInDirectory;
        }
        List<DiagnosedLog> analyzed = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        List<EventLogSource> read = sources;
        List<Boolean> searched = inDirectory;
        int[] failed = {exit};
        // several logs are read at the same time; results, warnings and errors still come in the order of the logs
        AnalyzedLogs.readInOrder(read, readOptions(), err,
                log -> new DiagnosedLog(log, Diagnoser.diagnose(log.application(), settings)),
                (i, diagnosed, e) -> {
                    if (e == null) {
                        analyzed.add(diagnosed);
                    } else if (e.isNotAnEventLog() && searched.get(i)) {
                        skipped.add(new SkippedFile(read.get(i).displayName(), e.problem()));
                    } else {
                        SparkDoc.report(spec, e);
                        failed[0] = ExitCode.BAD_INPUT;
                    }
                });
        exit = failed[0];
        reportSkipped(err, skipped);
        err.flush();
        if (analyzed.isEmpty()) {
            return exit == ExitCode.OK ? ExitCode.BAD_INPUT : exit;
        }
        write(analyzed, skipped);
        if (exit != ExitCode.OK) {
            return exit;
        }
        return failOn.exitCode(analyzed.stream().flatMap(log -> log.diagnosis().findings().stream()).toList(),
                exit, err);
    }

    /**
     * True when {@code argument} is a directory of logs (not itself one rolling or Databricks log) and so each of
     * {@code located} was found by searching it: a file there that holds no event is skipped, not an error.
     */
    private static boolean foundInDirectory(String argument, List<EventLogSource> located) {
        if ("-".equals(argument)) {
            return false;
        }
        Path path;
        try {
            path = Path.of(argument);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
        if (!Files.isDirectory(path)) {
            return false;
        }
        return located.size() > 1 || !located.get(0).displayName().equals(path.toString());
    }

    /** One line naming the files of the directories that held no event log (at most ten, then a count). */
    private static void reportSkipped(PrintWriter err, List<SkippedFile> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        List<String> names = skipped.stream().limit(10).map(file -> Messages.printable(file.path())).toList();
        err.println("sparkdoc: skipped " + skipped.size() + (skipped.size() == 1 ? " file" : " files")
                + " of the directories given that " + (skipped.size() == 1 ? "holds" : "hold") + " no event log: "
                + String.join(", ", names) + (skipped.size() > names.size() ? " and "
                        + (skipped.size() - names.size()) + " more" : "") + " (not analyzed; not an error)");
    }

    private AnalyzedLogs.ReadOptions readOptions() {
        return new AnalyzedLogs.ReadOptions(retainedTaskRows == null ? Long.MAX_VALUE : retainedTaskRows,
                stageTaskRows == null ? Integer.MAX_VALUE : stageTaskRows, quiet, terminals);
    }

    private void write(List<DiagnosedLog> analyzed, List<SkippedFile> skipped) throws IOException {
        TextOutput output = TextOutput.of(spec);
        if (outFile == null) {
            TextStyle style = output.style(format == Format.wide, false);
            output.show(spec.commandLine().getOut(), out -> render(analyzed, skipped, out, style));
            return;
        }
        StringWriter buffer = new StringWriter();
        render(analyzed, skipped, new PrintWriter(buffer), output.style(format == Format.wide, true));
        OutputFile.write(outFile, buffer.toString(), "the report");
    }

    /** --executor-detail as a count: all, or a whole number of at least 1; a usage error otherwise. */
    private int executorDetailCount() {
        if (executorDetail == null) {
            return JsonReport.DEFAULT_EXECUTOR_DETAIL;
        }
        if (executorDetail.equalsIgnoreCase("all")) {
            return JsonReport.ALL_EXECUTORS;
        }
        try {
            int count = Integer.parseInt(executorDetail.trim());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--executor-detail takes 'all' or a whole number"
                + " of executors per stage of at least 1, not '" + executorDetail + "'");
    }

    private void render(List<DiagnosedLog> analyzed, List<SkippedFile> skipped, Writer writer, TextStyle style)
            throws IOException {
        if (format == Format.json) {
            JsonReport.render(analyzed, skipped, executorDetailCount(), VersionProvider.version(), writer);
            return;
        }
        if (format == Format.yaml) {
            // the JSON report's content, field for field (docs/json-format.md): one document, one schema
            StringWriter json = new StringWriter();
            JsonReport.render(analyzed, skipped, executorDetailCount(), VersionProvider.version(), json);
            dev.sparkdoc.cli.k8s.Output.jsonAsYaml(json.toString(), writer);
            return;
        }
        if (format == Format.html) {
            HtmlReport.render(analyzed, skipped, VersionProvider.version(), writer);
            return;
        }
        PrintWriter out = writer instanceof PrintWriter printer ? printer : new PrintWriter(writer);
        if (analyzed.size() > 1) {
            if (format == Format.markdown) {
                SummaryTable.renderMarkdown(analyzed, skipped, out);
            } else {
                SummaryTable.renderText(analyzed, skipped, out, style);
            }
        }
        for (int i = 0; i < analyzed.size(); i++) {
            if (i > 0 || analyzed.size() > 1) {
                out.println();
                out.println(format == Format.markdown ? "---" : "=".repeat(style.width()));
                out.println();
            }
            if (format == Format.markdown) {
                MarkdownReport.render(analyzed.get(i), out);
            } else {
                TextReport.render(analyzed.get(i), out, style);
            }
        }
        out.flush();
    }
}
