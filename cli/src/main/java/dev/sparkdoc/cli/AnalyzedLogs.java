package dev.sparkdoc.cli;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.cli.history.HistoryServerSource;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import java.io.PrintWriter;
import java.util.List;

/**
 * The one way a LOG argument becomes analyzed logs, for every command that reads event logs ({@code analyze},
 * {@code compare}): with {@code --history-server}, the application's log is downloaded; otherwise the argument is
 * resolved to its event logs by {@link LogSources}: a local path checked ({@link LogArgument}) and located
 * ({@link EventLogLocator}), or a Hadoop file system URI (docs/sources.md). Each is read with the
 * progress bar when standard error is a terminal, and what reading found wrong is said as warnings on standard
 * error.
 */
final class AnalyzedLogs {

    private AnalyzedLogs() {
    }

    /** How a log is read: memory bounds (docs/listener.md, Memory) and whether a progress bar may be drawn. */
    record ReadOptions(long maxFinishedTaskRows, int maxStageTaskRows, boolean quiet, Terminals terminals) {
    }

    /**
     * The event logs {@code log} names: one file, a rolling directory, or each log of a directory of logs; with
     * {@code --history-server}, the downloaded log of application {@code log}.
     */
    static List<EventLogSource> locate(String log, HistoryServerSource historyServer, LogSources logSources,
            PrintWriter err) throws EventLogException {
        if (historyServer.given()) {
            return historyServer.fetch(log, err);
        }
        return logSources.resolve(log, err);
    }

    /** Reads and folds one event log, then warns on {@code err} about what reading found (malformed lines...). */
    static AnalyzedLog read(EventLogSource source, ReadOptions options, PrintWriter err) throws EventLogException {
        AnalyzedLog log = analyze(source, options, err);
        warn(err, log);
        return log;
    }

    private static AnalyzedLog analyze(EventLogSource source, ReadOptions options, PrintWriter err)
            throws EventLogException {
        if (options.quiet() || !options.terminals().errIsTerminal()) {
            return EventLogAnalysis.analyze(source, bytes -> {
            }, options.maxFinishedTaskRows(), options.maxStageTaskRows());
        }
        try (ReadProgress progress = new ReadProgress(Messages.printable(source.displayName()),
                source.sizeBytes(), err,
                options.terminals().errWidth(), System.getenv("NO_COLOR") == null, ReadProgress.DELAY_MILLIS,
                System::nanoTime)) {
            return EventLogAnalysis.analyze(source, progress, options.maxFinishedTaskRows(),
                    options.maxStageTaskRows());
        }
    }

    private static void warn(PrintWriter err, AnalyzedLog log) {
        ReadSummary read = log.read();
        for (ReadSummary.LineProblem problem : read.malformedLines()) {
            err.println("sparkdoc: warning: " + problem.part() + ":" + problem.lineNumber()
                    + ": skipped a malformed line (" + problem.problem() + ")");
        }
        long unreported = read.malformedLineCount() - read.malformedLines().size();
        if (unreported > 0) {
            err.println("sparkdoc: warning: " + log.source().displayName() + ": " + unreported
                    + " more malformed lines skipped");
        }
        read.warnings().forEach(warning -> err.println("sparkdoc: warning: " + log.source().displayName() + ": " + warning));
        read.streamError().ifPresent(error -> err.println("sparkdoc: warning: " + error
                + "; analyzed the events before it"));
        if (log.source().compacted()) {
            err.println("sparkdoc: warning: " + log.source().displayName()
                    + ": compacted log; task statistics of finished jobs are partial");
        }
    }
}
