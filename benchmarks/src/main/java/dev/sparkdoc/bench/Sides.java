package dev.sparkdoc.bench;

import dev.sparkdoc.eventlog.EventLogException;
import dev.sparkdoc.eventlog.EventLogLocator;
import dev.sparkdoc.eventlog.EventLogReader;
import dev.sparkdoc.eventlog.EventLogSource;
import dev.sparkdoc.eventlog.ReadSummary;
import dev.sparkdoc.fold.ApplicationFolder;
import dev.sparkdoc.snapshot.ApplicationSnapshot;
import dev.sparkdoc.snapshot.StageAttempt;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkFirehoseListener;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.scheduler.ReplayListenerBus;
import org.apache.spark.scheduler.ReplayListenerBus$;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** The two measured sides; each runs alone in a forked JVM (see {@link ReaderBenchmark}). */
final class Sides {

    static final String RETAINED_TASK_ROWS = "sparkdoc.retainedTaskRows";
    static final String STAGE_TASK_ROWS = "sparkdoc.stageTaskRows";

    private Sides() {
    }

    /** sparkdoc: locate, read, fold, snapshot. {@code log} may be {@code -} for standard input. */
    static SideResult sparkdoc(String log) throws EventLogException {
        resetPeaks();
        long gcBefore = gcCount();
        long gcTimeBefore = gcMillis();
        long start = System.nanoTime();
        List<EventLogSource> sources = EventLogLocator.locate(log);
        if (sources.size() != 1) {
            throw new IllegalArgumentException(log + " holds " + sources.size() + " logs; benchmark one");
        }
        // -Dsparkdoc.retainedTaskRows=N and -Dsparkdoc.stageTaskRows=N bound the rows finished and running stages keep,
        // as the listener does (scripts/bench-reader.sh).
        ApplicationFolder folder = new ApplicationFolder(Long.getLong(RETAINED_TASK_ROWS, Long.MAX_VALUE),
                Integer.getInteger(STAGE_TASK_ROWS, Integer.MAX_VALUE));
        ReadSummary summary = new EventLogReader().read(sources.get(0), folder);
        ApplicationSnapshot snapshot = folder.snapshot();
        long wall = System.nanoTime() - start;
        long peak = peakHeap();
        long gcs = gcCount() - gcBefore;
        long gcTime = gcMillis() - gcTimeBefore;
        long successful = 0;
        for (StageAttempt stage : snapshot.stages()) {
            successful += stage.numCompleteTasks();
        }
        long retained = retainedHeap();
        Reference.reachabilityFence(snapshot);
        Reference.reachabilityFence(folder);
        return new SideResult("sparkdoc", summary.rawBytes(), summary.uncompressedBytes(), summary.lines(), wall, peak,
                retained, successful, gcs, gcTime);
    }

    /**
     * Spark: {@code ReplayListenerBus.replay} into a listener that only counts, on the stream the History Server
     * would open ({@code BufferedInputStream} plus Spark's own codec, continuous mode, chosen by the file suffix).
     */
    static SideResult spark(Path log) throws IOException {
        resetPeaks();
        long gcBefore = gcCount();
        long gcTimeBefore = gcMillis();
        long start = System.nanoTime();
        Replayed replayed = replay(log);
        long wall = System.nanoTime() - start;
        long peak = peakHeap();
        long gcs = gcCount() - gcBefore;
        long gcTime = gcMillis() - gcTimeBefore;
        long retained = retainedHeap();
        Reference.reachabilityFence(replayed);
        return new SideResult("spark", replayed.rawBytes(), replayed.textBytes(), replayed.events(), wall, peak,
                retained, replayed.successfulTasks(), gcs, gcTime);
    }

    /** What {@link #replay} saw: bytes read from the file and after the codec, events and successful tasks. */
    record Replayed(long rawBytes, long textBytes, long events, long successfulTasks) {
    }

    /** Spark's replay alone (also the whole-process baseline, {@link SparkReplay}). */
    static Replayed replay(Path log) throws IOException {
        CountingStream raw = new CountingStream(Files.newInputStream(log));
        InputStream buffered = new BufferedInputStream(raw);
        String codec = codecSuffix(log.getFileName().toString());
        InputStream decoded = codec == null ? buffered
                : CompressionCodec.createCodec(new SparkConf(false), codec).compressedContinuousInputStream(buffered);
        CountingStream text = new CountingStream(decoded);
        CountingListener listener = new CountingListener();
        ReplayListenerBus bus = new ReplayListenerBus();
        bus.addListener(listener);
        try (InputStream in = text) {
            bus.replay(in, log.toString(), false, ReplayListenerBus$.MODULE$.SELECT_ALL_FILTER());
        }
        return new Replayed(raw.count, text.count, listener.events, listener.successfulTasks);
    }

    /** The codec Spark would infer from the file name, or null for a plain log. */
    static String codecSuffix(String name) {
        String stripped = name.endsWith(".inprogress") ? name.substring(0, name.length() - ".inprogress".length())
                : name;
        int dot = stripped.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String suffix = stripped.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (suffix) {
            case "lz4", "lzf", "snappy", "zstd" -> suffix;
            default -> null;
        };
    }

    // ---------------------------------------------------------------- heap measurement

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the true peak, since pools peak at different moments. */
    private static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static long retainedHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcCount() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    // ---------------------------------------------------------------- helpers

    /** Receives every replayed event and only counts it. */
    static final class CountingListener extends SparkFirehoseListener {
        long events;
        long successfulTasks;

        @Override
        public void onEvent(SparkListenerEvent event) {
            events++;
            if (event instanceof SparkListenerTaskEnd end && "Success".equals(end.reason().toString())) {
                successfulTasks++;
            }
        }
    }

    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
