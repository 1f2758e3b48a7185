package dev.sparkdoc.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one side measured inside its own JVM, handed to the parent as one {@code RESULT key=value ...} line on
 * standard output.
 *
 * @param rawBytes bytes read from the file or pipe (compressed size for a compressed log)
 * @param uncompressedBytes bytes of JSON text parsed
 * @param events events the side handled (sparkdoc: non-empty lines; Spark: events posted to the listener)
 * @param wallNanos locate/open to snapshot (or end of replay), measured inside the process: no JVM start-up
 * @param peakHeapBytes sum over the heap memory pools of their peak usage since a reset at the start of main
 * @param retainedHeapBytes heap used after two {@code System.gc()} calls with the result still reachable
 * @param successfulTasks sparkdoc: successful tasks summed over the snapshot's stage attempts; Spark: task ends
 *     with reason Success seen by the listener
 */
public record SideResult(String side, long rawBytes, long uncompressedBytes, long events, long wallNanos,
        long peakHeapBytes, long retainedHeapBytes, long successfulTasks, long gcCount, long gcMillis) {

    static final String PREFIX = "RESULT ";

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    public double megabytesPerSecond() {
        return uncompressedBytes / 1e6 / wallSeconds();
    }

    public double eventsPerSecond() {
        return events / wallSeconds();
    }

    String toLine() {
        return String.format(Locale.ROOT, PREFIX + "side=%s rawBytes=%d uncompressedBytes=%d events=%d wallNanos=%d "
                + "peakHeapBytes=%d retainedHeapBytes=%d successfulTasks=%d gcCount=%d gcMillis=%d", side, rawBytes,
                uncompressedBytes, events, wallNanos, peakHeapBytes, retainedHeapBytes, successfulTasks, gcCount,
                gcMillis);
    }

    static SideResult parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new SideResult(values.get("side"), number(values, "rawBytes"), number(values, "uncompressedBytes"),
                number(values, "events"), number(values, "wallNanos"), number(values, "peakHeapBytes"),
                number(values, "retainedHeapBytes"), number(values, "successfulTasks"), number(values, "gcCount"),
                number(values, "gcMillis"));
    }

    private static long number(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("result line lacks " + key);
        }
        return Long.parseLong(value);
    }
}
