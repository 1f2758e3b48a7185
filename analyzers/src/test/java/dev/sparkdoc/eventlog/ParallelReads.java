package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.analysis.AnalyzedLog;
import dev.sparkdoc.analysis.DiagnosedLog;
import dev.sparkdoc.analysis.EventLogAnalysis;
import dev.sparkdoc.diagnosis.Diagnoser;
import dev.sparkdoc.event.SparkEvent;
import dev.sparkdoc.report.JsonReport;
import dev.sparkdoc.rules.RuleSettings;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a log with parser threads gives what reading it on one thread gives: the same events in the same order,
 * the same {@link ReadSummary} (counts, problems and their line numbers, stream errors, warnings), the same
 * progress reports, the same exception for what cannot be read, and the same JSON report. Used by the tests of
 * every module that holds logs.
 */
public final class ParallelReads {

    /**
     * Parallel settings that start at once (so that small logs are read in parallel too), with batches small
     * enough that a log is many batches, one that starts after 16 KiB, mid-log, and one that also waits for the
     * JIT compiler to go quiet (wherever that happens, or never: the result is the same).
     */
    public static final List<EventLogReader.Parallelism> PARALLEL = List.of(
            new EventLogReader.Parallelism(2, 0, 2048),
            new EventLogReader.Parallelism(3, 0, 64 * 1024),
            new EventLogReader.Parallelism(2, 16 * 1024, 1 << 20),
            new EventLogReader.Parallelism(2, 16 * 1024, 4096, true));

    private ParallelReads() {
    }

    /** Every log under {@code root}: parallel reads equal the sequential one. Returns how many logs were compared. */
    public static int assertIdentical(Path root, int maxLineBytes) throws EventLogException {
        List<EventLogSource> sources = EventLogLocator.locate(root.toString());
        for (EventLogSource source : sources) {
            Outcome sequential = outcome(source, EventLogReader.Parallelism.SEQUENTIAL, maxLineBytes);
            for (EventLogReader.Parallelism parallelism : PARALLEL) {
                Outcome parallel = outcome(source, parallelism, maxLineBytes);
                String what = source.displayName() + " with " + parallelism;
                assertEquals(sequential.failure(), parallel.failure(), what);
                assertEquals(sequential.summary(), parallel.summary(), what);
                assertEquals(sequential.progress(), parallel.progress(), what);
                assertEquals(sequential.events().size(), parallel.events().size(), what);
                for (int i = 0; i < sequential.events().size(); i++) {
                    assertEquals(sequential.events().get(i).toString(), parallel.events().get(i).toString(),
                            what + ", event " + i);
                }
                assertEquals(sequential.report(), parallel.report(), what);
            }
        }
        assertNoParserThreads();
        return sources.size();
    }

    /** What one read gave; {@code failure} is the exception's class and message when it threw. */
    public record Outcome(List<SparkEvent> events, ReadSummary summary, List<Long> progress, String failure,
            String report) {
    }

    public static Outcome outcome(EventLogSource source, EventLogReader.Parallelism parallelism, int maxLineBytes) {
        List<SparkEvent> events = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        try {
            ReadSummary summary = new EventLogReader(progress::add, maxLineBytes, parallelism).read(source,
                    events::add);
            AnalyzedLog log = EventLogAnalysis.analyze(source, bytes -> {
            }, Long.MAX_VALUE, Integer.MAX_VALUE, parallelism);
            StringWriter json = new StringWriter();
            JsonReport.render(List.of(new DiagnosedLog(log, Diagnoser.diagnose(log.application(),
                    RuleSettings.defaults()))), "test", json);
            return new Outcome(events, summary, progress, null, json.toString());
        } catch (Exception e) {
            return new Outcome(events, null, progress, e.getClass().getName() + ": " + e.getMessage(), null);
        }
    }

    /** No parser thread outlives a read. */
    public static void assertNoParserThreads() {
        List<String> left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("sparkdoc-parser-") || name.equals("sparkdoc-decoder")).toList();
        assertTrue(left.isEmpty(), "parser threads still alive after the reads: " + left);
    }
}
