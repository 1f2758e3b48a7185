package dev.sparkdoc.analysis;

import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.fold.ApplicationFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** The one path from an event log to an application snapshot: read, fold, snapshot. */
public final class EventLogAnalysis {

    private EventLogAnalysis() {
    }

    public static AnalyzedLog analyze(EventLogSource source) throws EventLogException {
        return analyze(source, bytes -> {
        });
    }

    /** @param progress receives the raw bytes read so far, now and then */
    public static AnalyzedLog analyze(EventLogSource source, LongConsumer progress) throws EventLogException {
        return analyze(source, progress, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * @param maxFinishedTaskRows per-task rows the finished stages keep in full, together; older finished stages keep
     *     summaries
     * @param maxStageTaskRows per-task rows one stage keeps while it runs; past them, quantiles within 1% (see
     *     {@link ApplicationFolder#ApplicationFolder(long, int)})
     */
    public static AnalyzedLog analyze(EventLogSource source, LongConsumer progress, long maxFinishedTaskRows,
            int maxStageTaskRows) throws EventLogException {
        return analyze(source, progress, maxFinishedTaskRows, maxStageTaskRows,
                EventLogReader.Parallelism.fromProperties());
    }

    /** As above, parsing with {@code parallelism} (the output does not depend on it). */
    public static AnalyzedLog analyze(EventLogSource source, LongConsumer progress, long maxFinishedTaskRows,
            int maxStageTaskRows, EventLogReader.Parallelism parallelism) throws EventLogException {
        ApplicationFolder folder = new ApplicationFolder(maxFinishedTaskRows, maxStageTaskRows);
        ReadSummary read = new EventLogReader(progress, EventLogReader.maxLineBytesFromProperty(), parallelism)
                .read(source, folder);
        read = read.withWarnings(folder.warnings());
        return new AnalyzedLog(source, read, folder.snapshot(incompleteReasons(source, read)));
    }

    /** Why the log, as read, may not cover the whole application. */
    static List<String> incompleteReasons(EventLogSource source, ReadSummary read) {
        List<String> reasons = new ArrayList<>();
        if (source.inProgress()) {
            reasons.add(source.layout() == EventLogSource.Layout.ROLLING
                    ? "the rolling log's appstatus file says the application is still in progress"
                    : "the log is still being written (.inprogress)");
        }
        if (read.truncatedLastLine()) {
            reasons.add("the last line is cut off, as when the writer was killed mid-write");
        }
        read.streamError().ifPresent(reasons::add);
        if (source.compacted()) {
            reasons.add("the log was compacted by the History Server: task events of finished jobs were dropped, "
                    + "so task statistics are partial");
        }
        return reasons;
    }
}
