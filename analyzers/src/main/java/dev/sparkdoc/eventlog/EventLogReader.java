package dev.sparkdoc.eventlog;

import dev.sparkdoc.event.SparkEvent;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Streams an event log's lines into {@link SparkEvent}s. Memory does not grow with the log: one line is held at
 * a time. Lenient where Spark's own replay is lenient, and more: a bad last line (a log still being written) is
 * expected, a malformed line in the middle is skipped and reported with its line number, unknown events are
 * skipped and counted.
 */
public final class EventLogReader {

    /** Events that are never folded; skipped by their first bytes, without parsing. */
    private static final Set<String> SKIP_UNPARSED = Set.of(
            "SparkListenerBlockUpdated",
            "SparkListenerTaskGettingResult",
            "SparkListenerUnpersistRDD",
            "org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates",
            "org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveSQLMetricUpdates");

    private static final int MAX_REPORTED_PROBLEMS = 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final int READ_CHUNK = 256 * 1024;

    private final EventLineParser parser = new EventLineParser();
    private final LongConsumer progress;

    /** @param progress receives the count of raw bytes read so far, now and then */
    public EventLogReader(LongConsumer progress) {
        this.progress = progress;
    }

    public EventLogReader() {
        this(bytes -> {
        });
    }

    /** Reads every part of {@code source} in order, handing each event to {@code sink}. */
    public ReadSummary read(EventLogSource source, Consumer<SparkEvent> sink) throws EventLogException {
        State state = new State();
        for (int i = 0; i < source.parts().size(); i++) {
            EventLogSource.Part part = source.parts().get(i);
            boolean stillWritten = source.inProgress() && i == source.parts().size() - 1;
            readPart(part, stillWritten, sink, state);
            if (state.streamError.isPresent()) {
                break;
            }
        }
        if (state.events == 0 && state.skipped.isEmpty()) {
            ReadSummary.LineProblem first = state.problems.isEmpty() ? state.pending : state.problems.get(0);
            if (first != null) {
                throw new EventLogException(first.part() + ":" + first.lineNumber(),
                        "not a Spark event log (" + first.problem() + ")",
                        "pass an event log from spark.eventLog.dir (one JSON event per line)");
            }
            if (state.streamError.isPresent()) {
                throw new EventLogException(source.displayName(), state.streamError.get(),
                        "the file is damaged or not compressed the way its name says; re-copy it from spark.eventLog.dir");
            }
            throw new EventLogException(source.displayName(), "empty event log (no events in it)",
                    "the application may have failed before logging anything; check the driver log");
        }
        boolean truncated = state.pending != null;
        return new ReadSummary(state.rawBytes, state.uncompressedBytes, state.lines, state.events, state.skipped,
                state.problems, state.problemCount, truncated, state.streamError);
    }

    private void readPart(EventLogSource.Part part, boolean stillWritten, Consumer<SparkEvent> sink, State state)
            throws EventLogException {
        InputStream raw;
        try {
            raw = part.openRaw();
        } catch (IOException e) {
            throw new EventLogException(part.displayName(), "cannot open (" + e.getMessage() + ")",
                    "check that the file exists and is readable");
        }
        CountingStream counting = new CountingStream(raw, state, progress);
        long partLine = 0;
        try (InputStream decoded = decoder(part, stillWritten, new BufferedInputStream(counting, READ_CHUNK))) {
            byte[] buffer = new byte[READ_CHUNK];
            byte[] line = new byte[64 * 1024];
            int lineLength = 0;
            int read;
            while ((read = readFully(decoded, buffer)) > 0) {
                state.uncompressedBytes += read;
                int start = 0;
                int i;
                while ((i = indexOfNewline(buffer, start, read)) >= 0) {
                    partLine++;
                    if (lineLength == 0) {
                        handleLine(buffer, start, i - start, part, partLine, sink, state);
                    } else {
                        line = append(line, lineLength, buffer, start, i - start);
                        lineLength += i - start;
                        handleLine(line, 0, lineLength, part, partLine, sink, state);
                        lineLength = 0;
                    }
                    start = i + 1;
                }
                if (start < read) {
                    line = append(line, lineLength, buffer, start, read - start);
                    lineLength += read - start;
                }
            }
            if (lineLength > 0) {
                partLine++;
                handleLine(line, 0, lineLength, part, partLine, sink, state);
            }
        } catch (EventLogException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            state.streamError = Optional.of("corrupt or truncated compressed stream in " + part.displayName()
                    + " after line " + partLine + " (" + message + ")");
        }
    }

    private static InputStream decoder(EventLogSource.Part part, boolean stillWritten, BufferedInputStream buffered)
            throws IOException, EventLogException {
        Optional<CompressionCodec> named = part.codec();
        if (named.isPresent()) {
            return named.get().decode(buffered, stillWritten);
        }
        buffered.mark(16);
        byte[] head = new byte[16];
        int length = 0;
        int read;
        while (length < head.length && (read = buffered.read(head, length, head.length - length)) > 0) {
            length += read;
        }
        buffered.reset();
        Optional<CompressionCodec> sniffed = CompressionCodec.sniff(head, length);
        if (sniffed.isPresent()) {
            return sniffed.get().decode(buffered, stillWritten);
        }
        int first = 0;
        while (first < length && Character.isWhitespace(head[first])) {
            first++;
        }
        if (first < length && head[first] != '{') {
            throw new EventLogException(part.displayName(),
                    "not a Spark event log (neither JSON lines nor lz4, lzf, snappy, zstd or gzip data)",
                    "pass an event log from spark.eventLog.dir; name a compressed log with its codec suffix");
        }
        return buffered;
    }

    private void handleLine(byte[] bytes, int offset, int length, EventLogSource.Part part, long lineNumber,
            Consumer<SparkEvent> sink, State state) {
        while (length > 0 && (bytes[offset + length - 1] == '\r' || bytes[offset + length - 1] == ' ')) {
            length--;
        }
        if (length == 0) {
            return;
        }
        state.lines++;
        if (state.pending != null) {
            // The bad line was not the last one: it is malformed, not truncated.
            state.problemCount++;
            if (state.problems.size() < MAX_REPORTED_PROBLEMS) {
                state.problems.add(state.pending);
            }
            state.pending = null;
        }
        String peeked = EventLineParser.peekEventName(bytes, offset, length);
        if (peeked != null && SKIP_UNPARSED.contains(peeked)) {
            state.skipped.merge(peeked, 1L, Long::sum);
            return;
        }
        try {
            EventLineParser.Result result = parser.parse(bytes, offset, length);
            if (result instanceof EventLineParser.Result.Parsed parsed) {
                state.events++;
                sink.accept(parsed.event());
            } else if (result instanceof EventLineParser.Result.Skipped skipped) {
                state.skipped.merge(skipped.eventName(), 1L, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            state.pending = new ReadSummary.LineProblem(part.displayName(), lineNumber, message);
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }

    /**
     * The index of the first '\n' in {@code bytes[from, to)}, or -1. Looks at eight bytes at a time (a zero-byte
     * test on the word XORed with eight newlines); the scan for line ends was a quarter of the reader's CPU time.
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long found = (word - ONES) & ~word & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] append(byte[] line, int lineLength, byte[] source, int offset, int length) {
        byte[] target = line;
        if (lineLength + length > target.length) {
            target = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(source, offset, target, lineLength, length);
        return target;
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int read = in.read(buffer, total, buffer.length - total);
            if (read < 0) {
                break;
            }
            if (read == 0 && total > 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    private static final class State {
        long rawBytes;
        long uncompressedBytes;
        long lines;
        long events;
        final Map<String, Long> skipped = new HashMap<>();
        final List<ReadSummary.LineProblem> problems = new ArrayList<>();
        long problemCount;
        ReadSummary.LineProblem pending;
        Optional<String> streamError = Optional.empty();
    }

    private static final class CountingStream extends FilterInputStream {
        private final State state;
        private final LongConsumer progress;
        private long lastReported;

        CountingStream(InputStream in, State state, LongConsumer progress) {
            super(in);
            this.state = state;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int bytes) {
            state.rawBytes += bytes;
            if (state.rawBytes - lastReported >= 1 << 20) {
                lastReported = state.rawBytes;
                progress.accept(state.rawBytes);
            }
        }
    }
}
