package dev.sparkdoc.eventlog;

import dev.sparkdoc.event.SparkEvent;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.xerial.snappy.SnappyError;

/**
 * Streams an event log's lines into {@link SparkEvent}s. Memory does not grow with the log: one line is held at
 * a time, or a bounded number of batches of lines when parsing in parallel. Lenient where Spark's own replay is
 * lenient, and more: a bad last line (a log still being written) is expected, a malformed line in the middle is
 * skipped and reported with its line number, unknown events are skipped and counted.
 *
 * <p>Parallel parsing ({@link Parallelism}): once a log has decoded more than a few MiB (and, where the parsing
 * threads would take every core, once the JIT compiler has gone quiet), the calling thread goes on decoding, but
 * copies the whole lines of each chunk into batches that parser threads split and parse, the calling thread
 * helping whenever they fall behind; the calling thread folds the parsed batches strictly in order, so the
 * sink sees the same events in the same order on the same thread, and the summary, line numbers and problems are
 * those of a sequential read. Small logs and single-core machines start no thread.
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
    /** When this class was loaded: how long its code has had to be compiled ({@link CompilerWatch}). */
    static final long LOADED_NANOS = System.nanoTime();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long RETURNS = 0x0D0D0D0D0D0D0D0DL;
    private static final int READ_CHUNK = 256 * 1024;
    /**
     * The longest line read by default: 64 MiB. Spark writes a whole SQL plan on one line, and plans of a few
     * thousand operators reach tens of MiB; a longer line is more likely garbage without a newline (a corrupt or
     * hostile file) and would need several times its size in heap to parse.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
    /** The system property that raises (or lowers) {@link #DEFAULT_MAX_LINE_BYTES}, in bytes. */
    public static final String MAX_LINE_BYTES_PROPERTY = "sparkdoc.maxLineBytes";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The system property that sets the parser threads ({@link Parallelism#threads()}); 1 reads sequentially. */
    public static final String THREADS_PROPERTY = "sparkdoc.readerThreads";
    /** The system property that sets {@link Parallelism#afterBytes()} (tests read small logs in parallel with 0). */
    public static final String PARALLEL_AFTER_BYTES_PROPERTY = "sparkdoc.readerParallelAfterBytes";
    /** The system property that sets {@link Parallelism#waitForCompiler()}: true or false. */
    public static final String WAIT_FOR_COMPILER_PROPERTY = "sparkdoc.readerWaitForCompiler";
    /** The system property that sets {@link Parallelism#batchBytes()}. */
    public static final String BATCH_BYTES_PROPERTY = "sparkdoc.readerBatchBytes";
    /** The most parser threads used by default: past them, the calling thread's decoding and folding is the limit. */
    public static final int MAX_DEFAULT_THREADS = 4;

    /**
     * How a log is parsed in parallel.
     *
     * @param threads threads that parse, the calling thread included (it parses a batch itself whenever the others
     *     fall behind); 1: all on the calling thread, sequentially
     * @param afterBytes decoded bytes read sequentially before the parser threads start (small logs start none)
     * @param batchBytes the size of a batch of lines handed to a parser thread (a longer line is a batch alone)
     * @param waitForCompiler past {@code afterBytes}, start the parser threads only once the JIT compiler has gone
     *     quiet: when the parsing threads take every core, they would otherwise take it from the compiler, whose work
     *     in a fresh JVM is what makes every thread fast (a fresh JVM reading a 471 MB log on 2 cores was 9% slower
     *     with parser threads from the start than on one thread)
     */
    public record Parallelism(int threads, long afterBytes, int batchBytes, boolean waitForCompiler) {
        /** Everything on the calling thread. */
        public static final Parallelism SEQUENTIAL = new Parallelism(1, Long.MAX_VALUE, 1 << 20);

        public Parallelism {
            if (threads < 1 || afterBytes < 0 || batchBytes < 1) {
                throw new IllegalArgumentException("threads " + threads + ", afterBytes " + afterBytes
                        + ", batchBytes " + batchBytes);
            }
        }

        /** Parser threads that start right after {@code afterBytes}, whatever the compiler does. */
        public Parallelism(int threads, long afterBytes, int batchBytes) {
            this(threads, afterBytes, batchBytes, false);
        }

        /**
         * The default: as many parsing threads as processors (at most {@value #MAX_DEFAULT_THREADS}), started
         * after 4 MiB, 1 MiB batches, waiting for the compiler when they take every core;
         * {@value #THREADS_PROPERTY} sets the thread count (1: sequential), {@value #PARALLEL_AFTER_BYTES_PROPERTY}
         * and {@value #BATCH_BYTES_PROPERTY} the next two, {@value #WAIT_FOR_COMPILER_PROPERTY} (true or false) the
         * last.
         */
        public static Parallelism fromProperties() {
            int processors = Runtime.getRuntime().availableProcessors();
            int threads = Math.min(processors, MAX_DEFAULT_THREADS);
            String value = System.getProperty(THREADS_PROPERTY);
            if (value != null && !value.isBlank()) {
                try {
                    threads = Math.max(1, Math.min(Integer.parseInt(value.trim()), 64));
                } catch (NumberFormatException e) {
                    // the default
                }
            }
            long after = Long.getLong(PARALLEL_AFTER_BYTES_PROPERTY, 4L << 20);
            int batch = Integer.getInteger(BATCH_BYTES_PROPERTY, 1 << 20);
            String wait = System.getProperty(WAIT_FOR_COMPILER_PROPERTY);
            boolean waitForCompiler = wait == null || wait.isBlank() ? takesEveryCore(threads)
                    : Boolean.parseBoolean(wait.trim());
            return new Parallelism(threads, Math.max(0, after), Math.max(1, batch), waitForCompiler);
        }

        /** Whether the parsing threads, the calling one included, take every core of this machine. */
        public boolean takesEveryCore() {
            return takesEveryCore(threads);
        }

        private static boolean takesEveryCore(int threads) {
            return threads >= Runtime.getRuntime().availableProcessors();
        }

        boolean parallel() {
            return threads > 1;
        }
    }

    private final EventLineParser parser = new EventLineParser();
    private final LongConsumer progress;
    private final int maxLineBytes;
    private final Parallelism parallelism;
    /** SQL plans cut by the parser threads' parsers, added up when their batches were folded. */
    private long threadTruncatedPlans;

    /** @param progress receives the count of raw bytes read so far, now and then */
    public EventLogReader(LongConsumer progress) {
        this(progress, maxLineBytesFromProperty());
    }

    /**
     * @param progress receives the count of raw bytes read so far, now and then
     * @param maxLineBytes lines longer than this are skipped and reported, so that memory stays bounded
     */
    public EventLogReader(LongConsumer progress, int maxLineBytes) {
        this(progress, maxLineBytes, Parallelism.fromProperties());
    }

    /**
     * @param progress receives the count of raw bytes read so far, now and then
     * @param maxLineBytes lines longer than this are skipped and reported, so that memory stays bounded
     * @param parallelism whether and how lines are parsed on other threads
     */
    public EventLogReader(LongConsumer progress, int maxLineBytes, Parallelism parallelism) {
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("the line length limit must be at least 1024 bytes, not " + maxLineBytes);
        }
        this.progress = progress;
        this.maxLineBytes = maxLineBytes;
        this.parallelism = java.util.Objects.requireNonNull(parallelism, "parallelism is null");
    }

    /** {@link #DEFAULT_MAX_LINE_BYTES}, or the value of the system property {@value #MAX_LINE_BYTES_PROPERTY}. */
    public static int maxLineBytesFromProperty() {
        String value = System.getProperty(MAX_LINE_BYTES_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_LINE_BYTES;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return (int) Math.max(1024, Math.min(parsed, Integer.MAX_VALUE - 64));
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_LINE_BYTES;
        }
    }

    public EventLogReader() {
        this(bytes -> {
        });
    }

    /**
     * Reads every part of {@code source} in order, handing each event to {@code sink}. A part that cannot be
     * opened or decoded to its end is reported (its events before the damage are kept) and reading goes on with
     * the next part; only a log of which nothing at all could be read is an {@link EventLogException}.
     */
    public ReadSummary read(EventLogSource source, Consumer<SparkEvent> sink) throws EventLogException {
        if (source.refused().isPresent()) {
            throw source.refused().get();
        }
        State state = new State();
        try {
            for (int i = 0; i < source.parts().size(); i++) {
                EventLogSource.Part part = source.parts().get(i);
                boolean stillWritten = source.inProgress() && i == source.parts().size() - 1;
                readPart(part, stillWritten, source.parts().size() == 1, sink, state);
            }
            if (state.pipeline != null) {
                state.pipeline.finish();
            }
        } finally {
            if (state.pipeline != null) {
                state.pipeline.close();
            }
        }
        if (state.events == 0 && state.skipped.isEmpty()) {
            ReadSummary.LineProblem first = state.problems.isEmpty() ? state.pendingProblem() : state.problems.get(0);
            if (first != null) {
                throw EventLogException.notAnEventLog(first.part() + ":" + first.lineNumber(),
                        "not a Spark event log (" + first.problem() + ")",
                        "pass an event log from spark.eventLog.dir (one JSON event per line)");
            }
            if (!state.streamErrors.isEmpty()) {
                throw new EventLogException(source.displayName(), String.join("; ", state.streamErrors),
                        "the file is damaged or not compressed the way its name says; re-copy it from spark.eventLog.dir");
            }
            throw EventLogException.notAnEventLog(source.displayName(), "empty event log (no events in it)",
                    "the application may have failed before logging anything; check the driver log");
        }
        boolean truncated = state.pendingPart != null;
        Optional<String> streamError = state.streamErrors.isEmpty()
                ? Optional.empty() : Optional.of(String.join("; ", state.streamErrors));
        List<String> warnings = new ArrayList<>();
        long truncatedPlans = parser.truncatedPlans() + threadTruncatedPlans;
        if (truncatedPlans > 0) {
            warnings.add(truncatedPlans + " SQL plan tree(s) deeper than " + EventLineParser.MAX_PLAN_DEPTH
                    + " levels were cut at that depth");
        }
        return new ReadSummary(state.rawBytes, state.uncompressedBytes, state.lines, state.events, state.skipped,
                state.problems, state.problemCount, truncated, streamError, warnings);
    }

    /**
     * The application's name, from the first events of {@code source} only: its first part is decoded until the
     * {@code SparkListenerApplicationStart} event (Spark writes it within the first few lines, after the log start,
     * resource profile, block manager and environment events) or until {@code maxDecodedBytes} were decoded,
     * whichever comes first; the rest of the log is not read. Empty when no such event is in that prefix.
     */
    public static Optional<String> applicationName(EventLogSource source, long maxDecodedBytes)
            throws EventLogException {
        if (source.refused().isPresent()) {
            throw source.refused().get();
        }
        EventLogSource.Part part = source.parts().get(0);
        InputStream raw;
        try {
            raw = part.openRaw();
        } catch (IOException | RuntimeException e) {
            throw new EventLogException(part.displayName(), "cannot open (" + message(e) + ")",
                    "check that the file exists and is readable");
        }
        DecodeFailure failure = new DecodeFailure();
        boolean stillWritten = source.inProgress() && source.parts().size() == 1;
        try (InputStream closing = raw;
                InputStream decoded = decoder(part, stillWritten, new BufferedInputStream(closing, 64 * 1024),
                        failure)) {
            if (decoded == null) {
                return Optional.empty();
            }
            EventLineParser parser = new EventLineParser();
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while (total < maxDecodedBytes
                    && (read = decoded.read(buffer, 0, (int) Math.min(buffer.length, maxDecodedBytes - total))) > 0) {
                total += read;
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b != '\n' && b != '\r') {
                        if (line.size() < maxDecodedBytes) {
                            line.write(b);
                        }
                        continue;
                    }
                    byte[] bytes = line.toByteArray();
                    line.reset();
                    int offset = startsWithBom(bytes, 0, bytes.length) ? BOM.length : 0;
                    if ("SparkListenerApplicationStart".equals(
                            EventLineParser.peekEventName(bytes, offset, bytes.length - offset))) {
                        try {
                            if (parser.parse(bytes, offset, bytes.length - offset)
                                    instanceof EventLineParser.Result.Parsed parsed
                                    && parsed.event() instanceof SparkEvent.ApplicationStart start) {
                                return Optional.of(start.appName());
                            }
                        } catch (IOException e) {
                            return Optional.empty();
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException | SnappyError e) {
            return Optional.empty();
        }
    }

    private void readPart(EventLogSource.Part part, boolean stillWritten, boolean only, Consumer<SparkEvent> sink,
            State state) throws EventLogException {
        InputStream raw;
        try {
            raw = part.openRaw();
        } catch (IOException | RuntimeException e) {
            if (only) {
                throw new EventLogException(part.displayName(), "cannot open (" + message(e) + ")",
                        "check that the file exists and is readable");
            }
            state.streamErrors.add("cannot open " + part.displayName() + " (" + message(e) + "); its events are missing");
            return;
        }
        CountingStream counting = new CountingStream(raw, state, progress);
        Lines lines = new Lines(part, sink, state);
        DecodeFailure failure = new DecodeFailure();
        InputStream decoded = null;
        try {
            BufferedInputStream buffered = new BufferedInputStream(counting, READ_CHUNK);
            decoded = decoder(part, stillWritten, buffered, failure);
            if (decoded != null) {
                // A compressed part is decoded a few chunks ahead on a thread of its own while there is a core for it:
                // decompression then overlaps parsing instead of adding to it (lzf cost a warm one-thread read 14%).
                // Once parser threads take every core, this thread decodes again: a decoding thread would only take
                // turns with them (lz4 cost a warm two-thread read 18% that way), while this thread's decoding is
                // balanced against the parsing by the pipeline (it parses less).
                boolean parsersTakeEveryCore = parallelism.takesEveryCore();
                try (ReadAhead ahead = decoded != buffered && parallelism.parallel()
                        && !(state.pipeline != null && parsersTakeEveryCore)
                        ? new ReadAhead(decoded, failure, counting) : null) {
                    byte[] buffer = null;
                    while (true) {
                        byte[] chunk;
                        int read;
                        if (ahead == null || ahead.handedBack()) {
                            if (buffer == null) {
                                buffer = new byte[READ_CHUNK];
                            }
                            chunk = buffer;
                            read = readFully(decoded, buffer, failure);
                        } else {
                            ReadAhead.Chunk next = ahead.next(part);
                            if (next == null) {
                                continue;
                            }
                            chunk = next.bytes();
                            read = next.length();
                        }
                        counting.report();
                        if (read <= 0) {
                            break;
                        }
                        if (state.pipeline == null && parallelism.parallel()
                                && state.uncompressedBytes >= parallelism.afterBytes()
                                && (!parallelism.waitForCompiler() || !CompilerWatch.young()
                                        || state.compiler().quiet())) {
                            state.pipeline = new Pipeline(sink, state);
                            if (ahead != null && parsersTakeEveryCore) {
                                ahead.handBack();
                            }
                        }
                        state.uncompressedBytes += read;
                        lines.accept(chunk, read);
                        if (ahead != null && chunk != buffer) {
                            ahead.recycle(chunk);
                        }
                    }
                }
            }
        } finally {
            // What the sink throws goes to the caller; only closing the decoder may fail quietly (all was read).
            if (decoded != null) {
                try {
                    decoded.close();
                } catch (IOException | RuntimeException | SnappyError e) {
                    // Closing the decoder failed: everything was read already.
                }
            }
            closeQuietly(counting);
        }
        lines.end();
        if (failure.error != null) {
            state.streamErrors.add("corrupt or truncated compressed stream in " + part.displayName() + " after line "
                    + lines.lineCount() + " (decoded byte " + lines.partBytes + "): " + message(failure.error));
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // Nothing more is read from it.
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    /**
     * The decoded stream, or null when the decoder could not even start (its error is in {@code failure}). Errors
     * of the decoders are input errors, whatever their type: snappy-java throws {@link Error}s, lz4-java unchecked
     * exceptions, and a hostile header can ask for a buffer larger than the heap.
     */
    private static InputStream decoder(EventLogSource.Part part, boolean stillWritten, BufferedInputStream buffered,
            DecodeFailure failure) throws EventLogException {
        try {
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
            int first = startsWithBom(head, 0, length) ? BOM.length : 0;
            while (first < length && Character.isWhitespace(head[first])) {
                first++;
            }
            if (first < length && head[first] != '{') {
                throw EventLogException.notAnEventLog(part.displayName(),
                        "not a Spark event log (neither JSON lines nor lz4, lzf, snappy, zstd or gzip data)",
                        "pass an event log from spark.eventLog.dir; name a compressed log with its codec suffix");
            }
            return buffered;
        } catch (IOException | RuntimeException | SnappyError | OutOfMemoryError e) {
            failure.error = e;
            return null;
        }
    }

    private static boolean startsWithBom(byte[] bytes, int offset, int length) {
        return length - offset >= BOM.length && bytes[offset] == BOM[0] && bytes[offset + 1] == BOM[1]
                && bytes[offset + 2] == BOM[2];
    }

    /**
     * Splits one part's decoded bytes into lines. A line ends at {@code \n}, {@code \r\n} or a lone {@code \r}, as
     * Java's and Scala's line readers (and so Spark's replay) accept; a UTF-8 byte-order mark at the start is
     * skipped. A line longer than the limit is skipped without being held: memory stays bounded on any input.
     */
    private final class Lines {
        private final EventLogSource.Part part;
        private final Consumer<SparkEvent> sink;
        private final State state;
        private byte[] line = new byte[64 * 1024];
        private int lineLength;
        /** The current line passed the limit: its bytes are dropped until its end. */
        private boolean overLong;
        /** The last line ended with a {@code \r} at the very end of a chunk: a {@code \n} next is part of it. */
        private boolean afterReturn;
        private boolean atStart = true;
        /**
         * Lines numbered here, on one thread; once the parser threads have started they number the rest of the
         * part as they fold it, and this count stays the lines read before them.
         */
        private long partLine;
        long partBytes;

        Lines(EventLogSource.Part part, Consumer<SparkEvent> sink, State state) {
            this.part = part;
            this.sink = sink;
            this.state = state;
        }

        void accept(byte[] buffer, int read) {
            int start = 0;
            partBytes += read;
            if (atStart) {
                atStart = false;
                if (startsWithBom(buffer, 0, read)) {
                    start = BOM.length;
                }
            }
            if (afterReturn) {
                afterReturn = false;
                if (start < read && buffer[start] == '\n') {
                    start++;
                }
            }
            int i;
            while ((i = indexOfLineEnd(buffer, start, read)) >= 0) {
                int length = i - start;
                if (overLong || lineLength + (long) length > maxLineBytes) {
                    overLong();
                } else if (lineLength == 0) {
                    line(buffer, start, length);
                } else {
                    append(buffer, start, length);
                    line(line, 0, lineLength);
                    lineLength = 0;
                }
                start = afterLineEnd(buffer, i, read);
                if (state.pipeline != null) {
                    // The lines whole in this chunk go to the parser threads as they are: splitting them there takes
                    // a quarter of this thread's work off it (the line-end scan was 23% of its samples).
                    int last = lastIndexOfLineEnd(buffer, start, read);
                    if (last >= 0) {
                        state.pipeline.lines(part, partLine, buffer, start, last + 1);
                        start = afterLineEnd(buffer, last, read);
                    }
                    break;
                }
            }
            if (start < read && !overLong) {
                if (lineLength + (long) (read - start) > maxLineBytes) {
                    overLong = true;
                    lineLength = 0;
                    line = new byte[64 * 1024];
                } else {
                    append(buffer, start, read - start);
                }
            }
        }

        /** Past the line end at {@code i}: a {@code \r\n} is one line end, also when the chunk ends between them. */
        private int afterLineEnd(byte[] buffer, int i, int read) {
            afterReturn = buffer[i] == '\r' && i + 1 == read;
            return pastLineEnd(buffer, i, read);
        }

        /** The end of the part: a last line without a line end. */
        void end() {
            if (overLong) {
                overLong();
            } else if (lineLength > 0) {
                line(line, 0, lineLength);
                lineLength = 0;
            }
            if (state.pipeline != null) {
                state.pipeline.endOfPart();
            }
        }

        /** The lines of the part read so far, all of them folded (a message about the part's end needs them). */
        long lineCount() {
            return state.pipeline == null ? partLine : state.pipeline.foldedLines(part, partLine);
        }

        /** The next line: handled now, or added to the parallel pipeline's batch. */
        private void line(byte[] bytes, int offset, int length) {
            if (state.pipeline == null) {
                partLine++;
                fold(part, partLine, classify(parser, bytes, offset, length), sink, state);
            } else {
                state.pipeline.line(part, partLine, bytes, offset, length);
            }
        }

        private void overLong() {
            overLong = false;
            lineLength = 0;
            if (line.length > 64 * 1024) {
                line = new byte[64 * 1024];
            }
            if (state.pipeline == null) {
                partLine++;
                fold(part, partLine, OVER_LONG, sink, state);
            } else {
                state.pipeline.overLong(part, partLine);
            }
        }

        private void append(byte[] source, int offset, int length) {
            if (lineLength + length > line.length) {
                long grown = Math.max((long) line.length * 2, (long) lineLength + length);
                line = java.util.Arrays.copyOf(line, (int) Math.min(grown, maxLineBytes));
            }
            System.arraycopy(source, offset, line, lineLength, length);
            lineLength += length;
        }
    }

    /** What {@link #classify} found: an empty line, counted nowhere. */
    private static final Object BLANK = new Object();
    /** A line longer than the limit, never classified. */
    private static final Object OVER_LONG = new Object();

    /** A line that is not an event: its problem's text, or the parser's error (made a message only if reported). */
    private record BadLine(String text, Throwable error) {
    }

    /** The cheap bad lines, shared: a log of garbage allocates nothing per line. */
    private static final BadLine NOT_AN_OBJECT = new BadLine("not a JSON object", null);
    private static final BadLine CUT_OFF = new BadLine("line does not end with '}' (cut off, or not one JSON object)",
            null);

    /**
     * What one line is, without touching any state (so that parser threads can do it): {@link #BLANK}, the name of
     * a skipped event (a {@link String}), a parsed {@link SparkEvent} or a {@link BadLine}. Only the parser's own
     * counters change.
     */
    private static Object classify(EventLineParser parser, byte[] bytes, int offset, int length) {
        while (length > 0 && (bytes[offset + length - 1] == ' ' || bytes[offset + length - 1] == '\t')) {
            length--;
        }
        if (length == 0) {
            return BLANK;
        }
        String peeked = EventLineParser.peekEventName(bytes, offset, length);
        if (peeked != null && SKIP_UNPARSED.contains(peeked)) {
            return peeked;
        }
        int first = offset;
        while (first < offset + length && (bytes[first] == ' ' || bytes[first] == '\t')) {
            first++;
        }
        if (bytes[first] != '{') {
            // The cheap paths for garbage and cut lines: no parser, no exception.
            return NOT_AN_OBJECT;
        }
        if (bytes[offset + length - 1] != '}') {
            return CUT_OFF;
        }
        try {
            EventLineParser.Result result = parser.parse(bytes, offset, length);
            if (result instanceof EventLineParser.Result.Parsed parsed) {
                return parsed.event();
            } else if (result instanceof EventLineParser.Result.Skipped skipped) {
                return skipped.eventName();
            }
            return BLANK;
        } catch (IOException | RuntimeException e) {
            return new BadLine(null, e);
        }
    }

    /** Counts line {@code lineNumber} of {@code part} as {@link #classify} found it, in line order. */
    private void fold(EventLogSource.Part part, long lineNumber, Object line, Consumer<SparkEvent> sink,
            State state) {
        if (line == BLANK) {
            return;
        }
        state.lines++;
        state.notLast();
        if (line instanceof SparkEvent event) {
            state.events++;
            sink.accept(event);
        } else if (line instanceof String skipped) {
            state.skipped.merge(skipped, 1L, Long::sum);
        } else if (line instanceof BadLine bad) {
            state.pending(part, lineNumber, bad.text(), bad.error());
        } else if (line == OVER_LONG) {
            state.problem(new ReadSummary.LineProblem(part.displayName(), lineNumber, "line longer than "
                    + maxLineBytes + " bytes, skipped; if it is a real event, raise the limit with --max-line-bytes"
                    + " or -D" + MAX_LINE_BYTES_PROPERTY + "=BYTES"));
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }

    /**
     * The index of the first line end ('\n' or '\r') in {@code bytes[from, to)}, or -1. Looks at eight bytes at a
     * time ({@link #lineEnds}); the scan for line ends was a quarter of the reader's CPU time.
     */
    static int indexOfLineEnd(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = lineEnds((long) LONGS.get(bytes, i));
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The high bit of each byte of {@code word} that is a '\n' or '\r' (a zero-byte test on the word XORed with
     * eight newlines, and with eight returns); a borrow can also flag a byte above a real match, never below one, so
     * the lowest flag is exact and a nonzero result always holds a real match.
     */
    private static long lineEnds(long word) {
        long newlines = word ^ NEWLINES;
        long returns = word ^ RETURNS;
        return ((newlines - ONES) & ~newlines | (returns - ONES) & ~returns) & HIGH_BITS;
    }

    /**
     * Past the line end at {@code i} of {@code bytes[.., to)}: a {@code \r\n} is one line end. One rule for every
     * place that splits lines (the reading thread, the cuts between batches, the parser threads).
     */
    static int pastLineEnd(byte[] bytes, int i, int to) {
        return bytes[i] == '\r' && i + 1 < to && bytes[i + 1] == '\n' ? i + 2 : i + 1;
    }

    /** The index of the last line end ('\n' or '\r') in {@code bytes[from, to)}, or -1. */
    static int lastIndexOfLineEnd(byte[] bytes, int from, int to) {
        int i = to;
        for (; i - Long.BYTES >= from; i -= Long.BYTES) {
            if (lineEnds((long) LONGS.get(bytes, i - Long.BYTES)) != 0) {
                // a line end is in this word (a borrow flags bytes above a real match only): the highest one
                for (int j = i - 1; j >= i - Long.BYTES; j--) {
                    if (bytes[j] == '\n' || bytes[j] == '\r') {
                        return j;
                    }
                }
            }
        }
        for (i = i - 1; i >= from; i--) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Fills {@code buffer} as far as the stream goes. A decoder error ends the reading but not before the bytes
     * decoded until then are returned: they are complete lines the caller still reads. The error is kept in
     * {@code failure}.
     */
    private static int readFully(InputStream in, byte[] buffer, DecodeFailure failure) {
        if (failure.error != null) {
            return 0;
        }
        int total = 0;
        try {
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
        } catch (IOException | RuntimeException | SnappyError | OutOfMemoryError e) {
            failure.error = e;
        }
        return total;
    }

    /** The error that ended decoding a part, if any. */
    private static final class DecodeFailure {
        Throwable error;
    }

    private static final class State {
        /** The parser threads, once the log was long enough to start them. */
        Pipeline pipeline;
        /** Whether the compiler is quiet yet, when the parser threads wait for it; made when first asked. */
        private CompilerWatch compiler;
        long rawBytes;
        long uncompressedBytes;
        long lines;
        long events;
        final Map<String, Long> skipped = new HashMap<>();
        final List<ReadSummary.LineProblem> problems = new ArrayList<>();
        long problemCount;
        /** The last bad line, until the next line says whether it was malformed or cut off at the end. */
        String pendingPart;
        long pendingLine;
        String pendingText;
        /** Its error, made into a message only if it is reported: a parser's message costs more than the parse. */
        Throwable pendingError;

        CompilerWatch compiler() {
            if (compiler == null) {
                compiler = new CompilerWatch();
            }
            return compiler;
        }

        void pending(EventLogSource.Part part, long lineNumber, String text, Throwable error) {
            pendingPart = part.displayName();
            pendingLine = lineNumber;
            pendingText = text;
            pendingError = error;
        }

        ReadSummary.LineProblem pendingProblem() {
            if (pendingPart == null) {
                return null;
            }
            return new ReadSummary.LineProblem(pendingPart, pendingLine,
                    pendingText != null ? pendingText : message(pendingError));
        }
        final List<String> streamErrors = new ArrayList<>();

        /** Another line follows the pending bad one: it was malformed, not cut off at the end of the log. */
        void notLast() {
            if (pendingPart != null) {
                problemCount++;
                if (problems.size() < MAX_REPORTED_PROBLEMS) {
                    problems.add(pendingProblem());
                }
                pendingPart = null;
                pendingError = null;
            }
        }

        void problem(ReadSummary.LineProblem problem) {
            problemCount++;
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add(problem);
            }
        }
    }

    /**
     * Whole lines of one part, with their line ends, copied for a parser thread, which splits and classifies them;
     * then what each non-blank line is, for the fold. A batch is parsed once, by whichever thread claims it first.
     */
    private static final class Batch {
        final EventLogSource.Part part;
        final byte[] bytes;
        int used;
        /** The lines of the part before this batch, when it is the part's first batch in the pipeline; else -1. */
        final long linesBefore;
        /** The batch is one line longer than the limit, of which no byte was held. */
        final boolean overLong;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch parsed = new CountDownLatch(1);
        /** Filled by the thread that parsed it: every line, blank ones included (they count for line numbers). */
        int lineCount;
        /** What each non-blank line is, and its index among the batch's lines. */
        Object[] outcomes = new Object[64];
        int[] lineIndexes = new int[64];
        int outcomeCount;
        /** What the parser threw (an {@link Error}), before outcome {@link #fatalAt}: thrown when the fold gets there. */
        Throwable fatal;
        int fatalAt;

        Batch(EventLogSource.Part part, byte[] bytes, long linesBefore, boolean overLong) {
            this.part = part;
            this.bytes = bytes;
            this.linesBefore = linesBefore;
            this.overLong = overLong;
        }

        boolean fits(EventLogSource.Part of, int length) {
            return part == of && !overLong && used + length <= bytes.length;
        }

        void append(byte[] source, int offset, int length) {
            System.arraycopy(source, offset, bytes, used, length);
            used += length;
        }

        /** Whether this thread is the one that parses it (the first to ask). */
        boolean claim() {
            return !claimed.get() && claimed.compareAndSet(false, true);
        }

        boolean isParsed() {
            return parsed.getCount() == 0;
        }

        void awaitParsed() throws InterruptedException {
            parsed.await();
        }

        /**
         * Splits the lines as {@link Lines} does (a line ends at {@code \n}, {@code \r\n} or a lone {@code \r}; no
         * line end is cut in two: the batch ends with one) and classifies them; never throws.
         */
        void parse(EventLineParser parser, int maxLineBytes) {
            try {
                if (overLong) {
                    lineCount = 1;
                    add(0, OVER_LONG);
                    return;
                }
                int start = 0;
                int index = 0;
                while (start < used) {
                    int end = indexOfLineEnd(bytes, start, used);
                    if (end < 0) {
                        end = used;
                    }
                    int length = end - start;
                    Object outcome;
                    if (length > maxLineBytes) {
                        outcome = OVER_LONG;
                    } else {
                        try {
                            outcome = classify(parser, bytes, start, length);
                        } catch (Throwable e) {
                            // What a sequential read would throw out of read() at this line, after the ones before.
                            fatal = e;
                            fatalAt = outcomeCount;
                            return;
                        }
                    }
                    if (outcome != BLANK) {
                        add(index, outcome);
                    }
                    index++;
                    start = end < used ? pastLineEnd(bytes, end, used) : used;
                }
                lineCount = index;
            } catch (Throwable e) {
                // Out of memory growing the outcomes: the fold throws it after the lines parsed before.
                if (fatal == null) {
                    fatal = e;
                    fatalAt = outcomeCount;
                }
            } finally {
                parsed.countDown();
            }
        }

        private void add(int lineIndex, Object outcome) {
            if (outcomeCount == outcomes.length) {
                outcomes = Arrays.copyOf(outcomes, outcomeCount * 2);
                lineIndexes = Arrays.copyOf(lineIndexes, outcomeCount * 2);
            }
            outcomes[outcomeCount] = outcome;
            lineIndexes[outcomeCount] = lineIndex;
            outcomeCount++;
        }
    }

    /**
     * Parallel parsing of one read. The calling thread hands whole lines, as they came, to batches and queues them;
     * {@code threads - 1} parser threads take the queued batches in order, split them into lines and classify
     * those. The calling thread folds the batches strictly in the order they were queued, numbering their lines as
     * it goes; when {@code 4 * threads} batches are in flight, rather than wait, it parses the newest batch no
     * thread has claimed, and waits only when every batch in flight is claimed (with as many cores as parsing
     * threads, waiting left a core to three threads). Reading waits for the fold, so memory stays bounded however
     * fast lines come.
     */
    private final class Pipeline implements AutoCloseable {
        private final Consumer<SparkEvent> sink;
        private final State state;
        private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
        private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
        /** Batch buffers of the standard size, folded and free again. */
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();
        /** The parser threads' parsers: a parser keeps state (its counters) and is not shared. */
        private final List<EventLineParser> parsers = new ArrayList<>();
        /** The parser threads, joined at the end: none outlives the read. */
        private final List<Thread> threads = new ArrayList<>();
        private final int maxInFlight;
        private Batch current;
        /** The part of the last batch made: the next batch of another part is that part's first. */
        private EventLogSource.Part lastPart;
        /** The part being folded, and its lines folded so far. */
        private EventLogSource.Part foldedPart;
        private long foldedLine;

        Pipeline(Consumer<SparkEvent> sink, State state) {
            this.sink = sink;
            this.state = state;
            this.maxInFlight = 4 * parallelism.threads();
            for (int i = 1; i < parallelism.threads(); i++) {
                Thread thread = new Thread(this::work, "sparkdoc-parser-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.start();
            }
        }

        /** A parser thread: parses the queued batches no other thread claimed, until interrupted. */
        private void work() {
            EventLineParser mine = new EventLineParser();
            synchronized (parsers) {
                parsers.add(mine);
            }
            try {
                while (true) {
                    Batch batch = queue.take();
                    if (batch.claim()) {
                        batch.parse(mine, maxLineBytes);
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }

        /** One line of {@code part}, without its line end ({@code linesBefore}: see {@link #batch}). */
        void line(EventLogSource.Part part, long linesBefore, byte[] bytes, int offset, int length) {
            Batch batch = batch(part, linesBefore, length + 1);
            batch.append(bytes, offset, length);
            batch.bytes[batch.used++] = '\n';
        }

        /**
         * Whole lines of {@code part}, {@code bytes[from, to)}, which end with a line end; put in batches of the
         * standard size, cut at line ends (never inside a {@code \r\n}), a longer line a batch alone.
         */
        void lines(EventLogSource.Part part, long linesBefore, byte[] bytes, int from, int to) {
            while (from < to) {
                int space = current != null && current.fits(part, 0) ? current.bytes.length - current.used
                        : parallelism.batchBytes();
                int end = to;
                if (to - from > space) {
                    int cut = lastIndexOfLineEnd(bytes, from, from + Math.max(0, space - 1));
                    if (cut < 0 && current != null) {
                        submit();
                        continue;
                    }
                    if (cut < 0) {
                        cut = indexOfLineEnd(bytes, from, to);
                    }
                    end = pastLineEnd(bytes, cut, to);
                }
                Batch batch = batch(part, linesBefore, end - from);
                batch.append(bytes, from, end - from);
                if (bytes[end - 1] == '\r') {
                    // A piece that ends with '\r' ends with a whole line end (a '\n' after it was read as part of
                    // it, or there is none); as '\n' it cannot join a '\n' that the batch's next piece starts with.
                    batch.bytes[batch.used - 1] = '\n';
                }
                from = end;
            }
        }

        /** A line longer than the limit, of which nothing was kept: a batch of its own. */
        void overLong(EventLogSource.Part part, long linesBefore) {
            submit();
            current = new Batch(part, new byte[0], firstOf(part, linesBefore), true);
            submit();
        }

        /** A part's batches are its own: the next part's lines start a new one. */
        void endOfPart() {
            submit();
        }

        /**
         * Folds every batch in flight and returns the lines of {@code part} folded, or {@code linesBefore} (the
         * lines read before the pipeline) when the pipeline has had none of it.
         */
        long foldedLines(EventLogSource.Part part, long linesBefore) {
            foldAll();
            return foldedPart == part ? foldedLine : linesBefore;
        }

        /** Folds every batch still in flight, and adds up the parser threads' counters. */
        void finish() {
            foldAll();
            synchronized (parsers) {
                for (EventLineParser each : parsers) {
                    threadTruncatedPlans += each.truncatedPlans();
                }
            }
        }

        private void foldAll() {
            submit();
            while (!inFlight.isEmpty()) {
                helpOrWait();
            }
        }

        /** Stops the parser threads and waits for them to end: none outlives the read. */
        @Override
        public void close() {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            // Even when this thread was interrupted: a parser thread ends within one batch; the interrupt is kept.
            joinAll(threads);
        }

        /**
         * The batch that takes {@code length} more bytes of {@code part}: the current one, or a new one (the part's
         * first in the pipeline records {@code linesBefore}, the lines of the part read before the pipeline).
         */
        private Batch batch(EventLogSource.Part part, long linesBefore, int length) {
            if (current != null && !current.fits(part, length)) {
                submit();
            }
            if (current == null) {
                byte[] bytes;
                if (length > parallelism.batchBytes()) {
                    bytes = new byte[length];
                } else {
                    byte[] recycled = free.poll();
                    bytes = recycled != null ? recycled : new byte[parallelism.batchBytes()];
                }
                current = new Batch(part, bytes, firstOf(part, linesBefore), false);
            }
            return current;
        }

        private long firstOf(EventLogSource.Part part, long linesBefore) {
            boolean first = part != lastPart;
            lastPart = part;
            return first ? linesBefore : -1;
        }

        private void submit() {
            Batch batch = current;
            current = null;
            if (batch == null) {
                return;
            }
            inFlight.add(batch);
            queue.add(batch);
            while (!inFlight.isEmpty() && inFlight.peek().isParsed()) {
                foldOldest();
            }
            while (inFlight.size() >= maxInFlight) {
                helpOrWait();
            }
        }

        /**
         * Folds the oldest batch once it is parsed; meanwhile this thread parses the newest batch no thread has
         * claimed (the parser threads take the oldest first), and waits only when there is none.
         */
        private void helpOrWait() {
            Batch oldest = inFlight.peek();
            if (!oldest.isParsed()) {
                for (Iterator<Batch> newestFirst = inFlight.descendingIterator(); newestFirst.hasNext(); ) {
                    Batch batch = newestFirst.next();
                    if (batch.claim()) {
                        batch.parse(parser, maxLineBytes);
                        return;
                    }
                }
                try {
                    oldest.awaitParsed();
                } catch (InterruptedException e) {
                    throw cancelled(oldest.part, e);
                }
            }
            foldOldest();
        }

        private void foldOldest() {
            Batch batch = inFlight.poll();
            if (batch.linesBefore >= 0) {
                foldedPart = batch.part;
                foldedLine = batch.linesBefore;
            }
            for (int i = 0; i <= batch.outcomeCount; i++) {
                if (batch.fatal != null && i == batch.fatalAt) {
                    throw unchecked(batch.fatal);
                }
                if (i < batch.outcomeCount) {
                    fold(batch.part, foldedLine + batch.lineIndexes[i] + 1, batch.outcomes[i], sink, state);
                }
            }
            foldedLine += batch.lineCount;
            if (batch.bytes.length == parallelism.batchBytes()) {
                free.add(batch.bytes);
            }
        }
    }

    /**
     * Waits for {@code threads} to end, a minute at most in all (a thread ends within one batch or chunk once
     * stopped), even when this thread is interrupted meanwhile; the interrupt is kept.
     */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        for (Thread thread : threads) {
            while (thread.isAlive() && System.nanoTime() < deadline) {
                try {
                    thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What an interrupted wait while reading {@code part} throws; the interrupt is kept. */
    private static CancellationException cancelled(EventLogSource.Part part, InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("interrupted while reading " + part.displayName());
        cancelled.initCause(e);
        return cancelled;
    }

    /** {@code e} as thrown by the parser: an unchecked exception or error (a checked one, wrapped). */
    private static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }

    private static final class CountingStream extends FilterInputStream {
        private final State state;
        private final LongConsumer progress;
        /** The raw bytes of the parts before this one. */
        private final long before;
        /** Raw bytes read from this part; written by the one thread that reads it, which a ReadAhead may own. */
        private volatile long counted;
        /** Whether the reading thread hands the count on itself; a ReadAhead's reading thread does not. */
        private boolean reportsWhenRead = true;
        private long lastReported;

        CountingStream(InputStream in, State state, LongConsumer progress) {
            super(in);
            this.state = state;
            this.progress = progress;
            this.before = state.rawBytes;
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
            counted += bytes;
            if (reportsWhenRead) {
                report();
            }
        }

        /**
         * Whether the count is read on another thread from now on (the calling thread then reports it, {@link
         * #report}), or on the calling thread again.
         */
        void readElsewhere(boolean elsewhere) {
            reportsWhenRead = !elsewhere;
        }

        /** Hands the count to the state, and to the progress every MiB; on the calling (folding) thread. */
        void report() {
            state.rawBytes = before + counted;
            if (state.rawBytes - lastReported >= 1 << 20) {
                lastReported = state.rawBytes;
                progress.accept(state.rawBytes);
            }
        }
    }

    /**
     * Decodes a compressed part on a thread of its own, up to {@value #DEPTH} chunks ahead of the reading thread,
     * which gets them in order ({@link #next}); a chunk of length 0 ends the part, the {@link DecodeFailure} then
     * saying whether decoding failed (set before that chunk is handed over). {@link #handBack} stops the decoding
     * thread at a chunk's end: once {@link #next} has given the chunks decoded before and returned null, the reading
     * thread reads the decoder itself. Closing stops the thread and waits for it, so the decoder can be closed after.
     */
    private static final class ReadAhead implements AutoCloseable {
        private static final int DEPTH = 4;
        /** Put after the last chunk decoded here, once the decoding was handed back. */
        private static final Chunk HANDED_BACK = new Chunk(new byte[0], -1);

        record Chunk(byte[] bytes, int length) {
        }

        private final ArrayBlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(DEPTH + 1);
        private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 1);
        private final CountingStream counting;
        private final Thread thread;
        private volatile boolean handBack;
        /** The reading thread has taken {@link #HANDED_BACK}: the decoding thread has ended. */
        private boolean handedBack;

        ReadAhead(InputStream decoded, DecodeFailure failure, CountingStream counting) {
            for (int i = 0; i < DEPTH; i++) {
                free.add(new byte[READ_CHUNK]);
            }
            this.counting = counting;
            counting.readElsewhere(true);
            this.thread = new Thread(() -> {
                try {
                    int read;
                    do {
                        byte[] bytes = free.take();
                        if (handBack) {
                            filled.put(HANDED_BACK);
                            return;
                        }
                        try {
                            read = readFully(decoded, bytes, failure);
                        } catch (Throwable e) {
                            // readFully keeps what decoding throws; anything else ends the part as a failure too
                            if (failure.error == null) {
                                failure.error = e;
                            }
                            read = 0;
                        }
                        filled.put(new Chunk(bytes, Math.max(0, read)));
                    } while (read > 0);
                } catch (InterruptedException e) {
                    // closed before the end of the part
                }
            }, "sparkdoc-decoder");
            thread.setDaemon(true);
            thread.start();
        }

        /** The next chunk, or null once the decoding thread has ended after {@link #handBack}. */
        Chunk next(EventLogSource.Part part) {
            try {
                Chunk chunk = filled.take();
                if (chunk == HANDED_BACK) {
                    joinAll(List.of(thread));
                    handedBack = true;
                    counting.readElsewhere(false);
                    return null;
                }
                return chunk;
            } catch (InterruptedException e) {
                throw cancelled(part, e);
            }
        }

        /** The decoding thread stops at its next chunk; the reading thread decodes the rest. */
        void handBack() {
            handBack = true;
        }

        boolean handedBack() {
            return handedBack;
        }

        void recycle(byte[] bytes) {
            free.offer(bytes);
        }

        @Override
        public void close() {
            thread.interrupt();
            joinAll(List.of(thread));
        }
    }
}
