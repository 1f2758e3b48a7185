package dev.sparkdoc.eventlog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reading one event log found besides its events: how much was read, what was skipped and why.
 *
 * @param skippedEvents well-formed events sparkdoc does not use, by event name
 * @param malformedLines lines in the middle of the log that were not valid events (first ones, with line numbers)
 * @param malformedLineCount all such lines
 * @param truncatedLastLine the last line was cut off, as it is in a log still being written or killed mid-write
 * @param streamError decompression or I/O errors that ended reading a part early (the events before them are kept)
 * @param warnings other things the reader or the folder found wrong with the log, one line each
 */
public record ReadSummary(
        long rawBytes,
        long uncompressedBytes,
        long lines,
        long events,
        Map<String, Long> skippedEvents,
        List<LineProblem> malformedLines,
        long malformedLineCount,
        boolean truncatedLastLine,
        Optional<String> streamError,
        List<String> warnings) {

    /** A line that could not be read, where it is and why. */
    public record LineProblem(String part, long lineNumber, String problem) {
        public LineProblem {
            requireNonNull(part, "part is null");
            requireNonNull(problem, "problem is null");
        }
    }

    public ReadSummary {
        skippedEvents = Map.copyOf(skippedEvents);
        malformedLines = List.copyOf(malformedLines);
        requireNonNull(streamError, "streamError is null");
        warnings = List.copyOf(warnings);
    }

    /** A summary without warnings. */
    public ReadSummary(long rawBytes, long uncompressedBytes, long lines, long events, Map<String, Long> skippedEvents,
            List<LineProblem> malformedLines, long malformedLineCount, boolean truncatedLastLine,
            Optional<String> streamError) {
        this(rawBytes, uncompressedBytes, lines, events, skippedEvents, malformedLines, malformedLineCount,
                truncatedLastLine, streamError, List.of());
    }

    /** This summary with {@code more} warnings after its own. */
    public ReadSummary withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new ReadSummary(rawBytes, uncompressedBytes, lines, events, skippedEvents, malformedLines,
                malformedLineCount, truncatedLastLine, streamError, all);
    }

    public long skippedEventCount() {
        return skippedEvents.values().stream().mapToLong(Long::longValue).sum();
    }
}
