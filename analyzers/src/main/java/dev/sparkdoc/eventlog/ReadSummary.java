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
 * @param streamError a decompression or I/O error that ended reading early, after some events were read
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
        Optional<String> streamError) {

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
    }

    public long skippedEventCount() {
        return skippedEvents.values().stream().mapToLong(Long::longValue).sum();
    }
}
