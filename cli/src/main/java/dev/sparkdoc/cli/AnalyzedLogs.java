package dev.sparkdoc.cli;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.cli.history.HistoryServerSource;
import dev.sparkdoc.eventlog.CompilerWatch;
import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

    /** What {@link #readInOrder} hands on for one log: its result, or why it could not be read. */
    interface Each<T> {
        void accept(int index, T result, EventLogException failure);
    }

    /**
     * Reads each of {@code sources} and makes {@code then} of it, handing the results to {@code each} on this thread
     * in the order of {@code sources}, with the warnings of each log on {@code err} just before its result, as
     * {@link #read} one after the other would. Several logs are read at the same time, on at most as many threads as
     * a log's reading uses ({@link EventLogReader.Parallelism#fromProperties()}; 1: one after the other), and where
     * those would take every core of a fresh JVM, on one until the JIT compiler has gone quiet ({@link
     * CompilerWatch}); no progress bar is drawn, as several logs may be read at once.
     */
    static <T> void readInOrder(List<EventLogSource> sources, ReadOptions options, PrintWriter err,
            Function<AnalyzedLog, T> then, Each<T> each) {
        int threads = Math.min(sources.size(), EventLogReader.Parallelism.fromProperties().threads());
        if (threads <= 1) {
            for (int i = 0; i < sources.size(); i++) {
                AnalyzedLog log;
                try {
                    log = read(sources.get(i), options, err);
                } catch (EventLogException e) {
                    each.accept(i, null, e);
                    continue;
                }
                each.accept(i, then.apply(log), null);
            }
            return;
        }
        ReadOptions noBar = new ReadOptions(options.maxFinishedTaskRows(), options.maxStageTaskRows(), true,
                options.terminals());
        AtomicInteger names = new AtomicInteger();
        // As the reader's parser threads do: where the log threads would take every core of a fresh JVM, one reads
        // until the JIT compiler has gone quiet (on 2 cores, 20 logs of 24 MB took 2.85 s read two at a time from
        // the start against 2.50 s one after the other: the compiler needs the second core first).
        CompilerWatch compiler = EventLogReader.Parallelism.fromProperties().waitForCompiler() && CompilerWatch.young()
                ? new CompilerWatch() : null;
        int first = compiler == null ? threads : 1;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(first, first, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "sparkdoc-log-" + names.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            record Done<T>(AnalyzedLog log, T result) {
            }
            List<Future<Done<T>>> futures = new ArrayList<>();
            for (EventLogSource source : sources) {
                futures.add(pool.submit(() -> {
                    AnalyzedLog log = analyze(source, noBar, err);
                    return new Done<>(log, then.apply(log));
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                Done<T> done;
                try {
                    while (true) {
                        try {
                            done = futures.get(i).get(CompilerWatch.WINDOW_MILLIS, TimeUnit.MILLISECONDS);
                            break;
                        } catch (TimeoutException stillReading) {
                            if (compiler != null && compiler.quiet()) {
                                compiler = null;
                                pool.setMaximumPoolSize(threads);
                                pool.setCorePoolSize(threads);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while reading " + sources.get(i).displayName());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof EventLogException failure) {
                        each.accept(i, null, failure);
                        continue;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                warn(err, done.log());
                each.accept(i, done.result(), null);
            }
        } finally {
            pool.shutdownNow();
        }
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
