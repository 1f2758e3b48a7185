package dev.sparkdoc.cli;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.cli.history.HistoryServerSource;
import dev.sparkdoc.compare.ChangeThreshold;
import dev.sparkdoc.compare.Comparer;
import dev.sparkdoc.compare.Comparison;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.report.CompareHtmlReport;
import dev.sparkdoc.report.CompareJsonReport;
import dev.sparkdoc.report.CompareMarkdownReport;
import dev.sparkdoc.report.CompareTextReport;
import dev.sparkdoc.report.TextStyle;
import dev.sparkdoc.rules.RuleSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sparkdoc compare BASELINE CANDIDATE}: what changed between two runs of one application. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two runs of one application: matches their stages and jobs by call site, SQL plan shape and"
                + " position in the DAG (not by id, which shifts), and shows per matched stage the duration, task"
                + " count, shuffle, spill, GC and skew before and after with a verdict (regressed, improved, same),"
                + " the stages and findings that appeared or disappeared, and the Spark properties that differ"
                + " (docs/compare.md).",
            "BASELINE and CANDIDATE are each one event log, as 'sparkdoc analyze' reads them; with"
                + " --history-server URL, two application ids on that Spark History Server."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok (also when something regressed, without --fail-on-regression)",
            "1:internal error",
            "2:usage error",
            "3:bad input (unreadable, not an event log, or not one application)",
            "4:a stage or the application's wall time regressed, with --fail-on-regression"
        })
final class CompareCommand implements Callable<Integer> {

    enum Format {
        text,
        json,
        markdown,
        html
    }

    @Parameters(index = "0", paramLabel = "BASELINE", description = "The reference run's event log.")
    String baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The run to judge against it.")
    String candidate;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the comparison to FILE instead of stdout.")
    Path outFile;

    @Option(names = "--min-change-percent", paramLabel = "PERCENT", defaultValue = "20",
            description = "A stage, job or the application regressed (improved) when its duration grew (shrank) by"
                    + " at least PERCENT of the baseline's and by --min-change-seconds (default: ${DEFAULT-VALUE}).")
    double minChangePercent;

    @Option(names = "--min-change-seconds", paramLabel = "SECONDS", defaultValue = "2",
            description = "...and by at least SECONDS, so that short stages stay quiet (default: ${DEFAULT-VALUE}).")
    double minChangeSeconds;

    @Option(names = "--fail-on-regression",
            description = "Exit with code 4 when a stage or the application's wall time regressed (a CI gate).")
    boolean failOnRegression;

    @Mixin
    RulesOption rules;

    @Mixin
    HistoryServerSource historyServer;

    @Mixin
    LogSources logSources;

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
    public Integer call() throws IOException, EventLogException {
        try (LogSources closing = logSources) {
            return compare();
        } finally {
            historyServer.close();
        }
    }

    private Integer compare() throws IOException, EventLogException {
        PrintWriter err = spec.commandLine().getErr();
        if (!(minChangePercent >= 0) || Double.isInfinite(minChangePercent)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-change-percent must be 0 or more, not " + minChangePercent);
        }
        if (!(minChangeSeconds >= 0) || minChangeSeconds > 1e9) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-change-seconds must be 0 or more, not " + minChangeSeconds);
        }
        if ("-".equals(baseline) && "-".equals(candidate)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'-' (standard input) is given for both runs; it can be read only once, so name a file for one");
        }
        historyServer.check(spec.commandLine(), 2);
        ChangeThreshold threshold = new ChangeThreshold(minChangePercent, Math.round(minChangeSeconds * 1000));
        RuleSettings settings = rules.settings();
        DiagnosedLog before = diagnose("BASELINE", baseline, settings, err);
        DiagnosedLog after = diagnose("CANDIDATE", candidate, settings, err);
        Comparison comparison = Comparer.compare(before, after, threshold);
        if (outFile != null || format != Format.text) {
            // the text report on the terminal starts with its warnings; elsewhere they would go unseen
            for (String warning : comparison.warnings()) {
                err.println("sparkdoc: warning: " + warning);
            }
            err.flush();
        }
        write(comparison);
        if (failOnRegression && comparison.regressed()) {
            err.println("sparkdoc: regressed (" + String.join(", ", comparison.regressions())
                    + ") past the threshold (" + threshold.describe() + "); exiting with code 4 (--fail-on-regression)");
            err.flush();
            return ExitCode.FINDINGS;
        }
        return ExitCode.OK;
    }

    /** The one application {@code log} holds, read and diagnosed as 'sparkdoc analyze' does. */
    private DiagnosedLog diagnose(String role, String log, RuleSettings settings, PrintWriter err)
            throws EventLogException {
        List<EventLogSource> sources = AnalyzedLogs.locate(log, historyServer, logSources, err);
        if (sources.size() != 1) {
            throw new BadInputException(log + ": holds " + sources.size() + " event logs; compare takes one"
                    + " application as " + role + ": name one log file or rolling directory");
        }
        AnalyzedLog analyzed = AnalyzedLogs.read(sources.get(0), new AnalyzedLogs.ReadOptions(Long.MAX_VALUE,
                Integer.MAX_VALUE, quiet, terminals), err);
        return new DiagnosedLog(analyzed, Diagnoser.diagnose(analyzed.application(), settings));
    }

    private void write(Comparison comparison) throws IOException {
        TextOutput output = TextOutput.of(spec);
        if (outFile == null) {
            TextStyle style = output.style(false, false);
            output.show(spec.commandLine().getOut(), out -> render(comparison, out, style));
            return;
        }
        StringWriter buffer = new StringWriter();
        render(comparison, new PrintWriter(buffer), output.style(false, true));
        OutputFile.write(outFile, buffer.toString(), "the comparison");
    }

    private void render(Comparison comparison, Writer writer, TextStyle style) throws IOException {
        PrintWriter out = writer instanceof PrintWriter printer ? printer : new PrintWriter(writer);
        switch (format) {
            case json -> CompareJsonReport.render(comparison, VersionProvider.version(), out);
            case html -> CompareHtmlReport.render(comparison, VersionProvider.version(), out);
            case markdown -> CompareMarkdownReport.render(comparison, out);
            default -> CompareTextReport.render(comparison, out, style);
        }
        out.flush();
    }
}
