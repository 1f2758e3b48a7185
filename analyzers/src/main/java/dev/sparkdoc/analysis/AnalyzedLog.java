package dev.sparkdoc.analysis;

import static java.util.Objects.requireNonNull;

import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.snapshot.ApplicationSnapshot;

/** One event log, what reading it found, and the application it describes. */
public record AnalyzedLog(EventLogSource source, ReadSummary read, ApplicationSnapshot application) {
    public AnalyzedLog {
        requireNonNull(source, "source is null");
        requireNonNull(read, "read is null");
        requireNonNull(application, "application is null");
    }
}
