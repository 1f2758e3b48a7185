package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.SparkEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parser threads change nothing but speed: every log of the test resources, and hostile variants of a real one,
 * read the same in parallel as sequentially (events, summary, line numbers, problems, progress, report, errors).
 */
class ParallelReadingTest {

    private static final EventLogReader.Parallelism AT_ONCE = new EventLogReader.Parallelism(2, 0, 4096);

    @Test
    void everyTestLogReadsTheSameInParallel() throws Exception {
        int logs = ParallelReads.assertIdentical(TestLogs.root(), EventLogReader.DEFAULT_MAX_LINE_BYTES);
        assertTrue(logs >= 20, "only " + logs + " logs under " + TestLogs.root());
    }

    @Test
    void hostileVariantsReadTheSameInParallel(@TempDir Path dir) throws Exception {
        List<String> lines = HostileInputTest.plainLines();
        List<String> garbled = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            garbled.add(lines.get(i));
            if (i % 7 == 3) {
                garbled.add(i % 2 == 0 ? "not json at all " + i : lines.get(i).substring(0, lines.get(i).length() / 2));
            }
            if (i % 11 == 5) {
                garbled.add("   \t");
            }
        }
        String crlf = String.join("\r\n", lines.subList(0, lines.size() / 2)) + "\r"
                + String.join("\r", lines.subList(lines.size() / 2, lines.size())) + "\r\n";
        Files.writeString(dir.resolve("crlf-and-lone-cr"), crlf, StandardCharsets.UTF_8);
        Files.write(dir.resolve("bom"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("garbled-lines"), String.join("\n", garbled) + "\n", StandardCharsets.UTF_8);
        String all = String.join("\n", lines);
        Files.writeString(dir.resolve("cut-last-line"), all.substring(0, all.length() - 40), StandardCharsets.UTF_8);
        byte[] zstd = Codecs.encodeLines(CompressionCodec.ZSTD, lines);
        Files.write(dir.resolve("cut-stream.zstd"), Arrays.copyOf(zstd, zstd.length * 2 / 3));
        byte[] lz4 = Codecs.encodeLines(CompressionCodec.LZ4, garbled);
        Files.write(dir.resolve("garbled.lz4"), lz4);
        Files.writeString(dir.resolve("nothing-but-garbage"), "hello\nworld\n", StandardCharsets.UTF_8);
        Path rolling = Files.createDirectories(dir.resolve("eventlog_v2_local-1"));
        Files.writeString(rolling.resolve("appstatus_local-1.inprogress"), "");
        int third = lines.size() / 3;
        Files.writeString(rolling.resolve("events_1_local-1"), String.join("\n", garbled.subList(0, third)) + "\n");
        Files.writeString(rolling.resolve("events_2_local-1"), String.join("\n", lines.subList(third, 2 * third)));
        Files.writeString(rolling.resolve("events_3_local-1"),
                String.join("\n", lines.subList(2 * third, lines.size())).substring(0, 9000));

        int compared = ParallelReads.assertIdentical(dir, EventLogReader.DEFAULT_MAX_LINE_BYTES);
        assertTrue(compared >= 5, compared + " logs compared");
        // Most of the real log's lines are longer than 1 KiB: over-long lines mixed with others, all skipped.
        ParallelReads.assertIdentical(dir, 1024);
        ParallelReads.Outcome garbledOutcome = ParallelReads.outcome(
                EventLogLocator.locate(dir.resolve("garbled-lines").toString()).get(0), AT_ONCE, 1024);
        assertTrue(garbledOutcome.summary().malformedLineCount() > 20, "a test that cannot fail: "
                + garbledOutcome.summary());
    }

    @Test
    void theSinkRunsOnTheCallingThreadAndSmallLogsStartNoThread() throws Exception {
        EventLogSource source = EventLogLocator.locate(TestLogs.spark42("single-plain").toString()).get(0);
        Thread caller = Thread.currentThread();
        AtomicBoolean sawParserThread = new AtomicBoolean();
        AtomicInteger events = new AtomicInteger();
        new EventLogReader(bytes -> {
        }, EventLogReader.DEFAULT_MAX_LINE_BYTES, new EventLogReader.Parallelism(2, 4 << 20, 1 << 20))
                .read(source, event -> {
                    assertSame(caller, Thread.currentThread());
                    sawParserThread.compareAndSet(false, parserThreadAlive());
                    events.incrementAndGet();
                });
        assertTrue(events.get() > 100);
        assertEquals(false, sawParserThread.get(), "a 0.5 MB log started parser threads");

        new EventLogReader(bytes -> {
        }, EventLogReader.DEFAULT_MAX_LINE_BYTES, AT_ONCE).read(source, event -> {
            assertSame(caller, Thread.currentThread());
            sawParserThread.compareAndSet(false, parserThreadAlive());
        });
        assertTrue(sawParserThread.get(), "reading in parallel started no parser thread");
        ParallelReads.assertNoParserThreads();
    }

    /**
     * The parser threads split lines themselves: a log of many read chunks (256 KiB) whose line ends are
     * {@code \n}, {@code \r\n} and a lone {@code \r}, with {@code \r\n} cut by a chunk's end, lines across
     * chunks, blank lines, lines longer than a batch or than the line limit, and garbage and cut-off lines late in the
     * log (so that their line numbers are counted by the fold of many batches): the same events, line numbers,
     * problems and report as a sequential read, at every batch size of {@link ParallelReads#PARALLEL}.
     */
    @Test
    void linesSplitByTheParserThreadsAreNumberedAsASequentialReadNumbersThem(@TempDir Path dir) throws Exception {
        List<String> lines = HostileInputTest.plainLines();
        String[] ends = {"\n", "\r\n", "\r"};
        int chunk = 256 * 1024;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int written = 0;
        int bad = 0;
        int straddled = 0;
        while (out.size() < 3 << 20) {
            for (String line : lines) {
                written++;
                int toBoundary = (out.size() / chunk + 1) * chunk - out.size();
                if (toBoundary >= 2 && toBoundary <= line.length() + 2 && (out.size() / chunk) % 2 == 0) {
                    // a line of spaces whose "\r\n" has the chunk's end between '\r' and '\n', and a blank line
                    out.writeBytes((" ".repeat(toBoundary - 1) + "\r\n\n").getBytes(StandardCharsets.UTF_8));
                    straddled++;
                }
                if (out.size() > 3 << 19 && written % 29 == 0 && bad < 16) {
                    bad++;
                    String garbage = bad % 3 == 0 ? "not json " + written
                            : bad % 3 == 1 ? line.substring(0, line.length() / 2) : "{\"Event\":\"x\"," + "y".repeat(70_000);
                    out.writeBytes((garbage + ends[bad % 3]).getBytes(StandardCharsets.UTF_8));
                }
                if (written % 13 == 0) {
                    out.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
                }
                out.writeBytes((line + ends[written % 3]).getBytes(StandardCharsets.UTF_8));
            }
        }
        String last = lines.get(lines.size() - 1);
        out.writeBytes(last.substring(0, last.length() - 30).getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("app-many-chunks"), out.toByteArray());
        assertTrue(straddled >= 4, straddled + " line ends across chunks");

        assertEquals(1, ParallelReads.assertIdentical(dir, EventLogReader.DEFAULT_MAX_LINE_BYTES));
        ParallelReads.assertIdentical(dir, 4096);
        ParallelReads.Outcome outcome = ParallelReads.outcome(
                EventLogLocator.locate(dir.resolve("app-many-chunks").toString()).get(0), AT_ONCE,
                EventLogReader.DEFAULT_MAX_LINE_BYTES);
        assertEquals(bad, outcome.summary().malformedLineCount(), "a test that cannot fail: " + outcome.summary());
        assertTrue(outcome.summary().truncatedLastLine(), "the cut last line: " + outcome.summary());
        assertTrue(outcome.summary().malformedLines().get(0).lineNumber() > 400, outcome.summary().malformedLines().toString());
    }

    /**
     * A compressed log of many chunks goes through the decoding thread (ReadAhead) when the reader may use more than
     * one thread, and is decoded by the reading thread again once parser threads take every core: the same events,
     * summary and problems as a sequential read, whole or cut off mid-stream, and no thread left after a sink that
     * throws.
     */
    @Test
    void largeCompressedLogsDecodedAheadReadTheSame(@TempDir Path dir) throws Exception {
        List<String> lines = HostileInputTest.plainLines();
        StringBuilder text = new StringBuilder();
        while (text.length() < 6 << 20) {
            for (String line : lines) {
                text.append(line).append('\n');
            }
        }
        byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        for (String codec : List.of("lz4", "zstd")) {
            java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream out = codec.equals("lz4")
                    ? new net.jpountz.lz4.LZ4BlockOutputStream(compressed, 32 * 1024)
                    : new com.github.luben.zstd.ZstdOutputStream(compressed)) {
                out.write(plain);
            }
            byte[] bytes = compressed.toByteArray();
            Path whole = dir.resolve("app-whole-" + codec + "." + codec);
            Files.write(whole, bytes);
            Path cut = dir.resolve("app-cut-" + codec + "." + codec);
            Files.write(cut, Arrays.copyOf(bytes, bytes.length * 3 / 5));
            for (Path log : List.of(whole, cut)) {
                EventLogSource source = EventLogLocator.locate(log.toString()).get(0);
                ParallelReads.Outcome sequential = ParallelReads.outcome(source,
                        EventLogReader.Parallelism.SEQUENTIAL, EventLogReader.DEFAULT_MAX_LINE_BYTES);
                ParallelReads.Outcome ahead = ParallelReads.outcome(source,
                        new EventLogReader.Parallelism(2, Long.MAX_VALUE, 1 << 20),
                        EventLogReader.DEFAULT_MAX_LINE_BYTES);
                ParallelReads.Outcome both = ParallelReads.outcome(source, AT_ONCE,
                        EventLogReader.DEFAULT_MAX_LINE_BYTES);
                // parser threads on every core from the second MiB: the decoding thread hands decoding back mid-part
                ParallelReads.Outcome handedBack = ParallelReads.outcome(source, new EventLogReader.Parallelism(
                        Math.max(2, Runtime.getRuntime().availableProcessors()), 1 << 20, 64 * 1024),
                        EventLogReader.DEFAULT_MAX_LINE_BYTES);
                if (log == whole) {
                    assertTrue(sequential.events().size() > 500, log + ": " + sequential.events().size());
                }
                for (ParallelReads.Outcome other : List.of(ahead, both, handedBack)) {
                    assertEquals(sequential.failure(), other.failure(), log.toString());
                    assertEquals(sequential.summary(), other.summary(), log.toString());
                    assertEquals(sequential.events().toString(), other.events().toString(), log.toString());
                    assertEquals(sequential.report(), other.report(), log.toString());
                    // progress comes as often (each MiB of raw bytes), on the reading thread
                    assertEquals(sequential.progress().size(), other.progress().size(), log.toString());
                }
            }
            EventLogSource source = EventLogLocator.locate(whole.toString()).get(0);
            IllegalStateException thrown = new IllegalStateException("the sink refuses event 400");
            AtomicInteger events = new AtomicInteger();
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> new EventLogReader(read -> {
            }, EventLogReader.DEFAULT_MAX_LINE_BYTES, AT_ONCE).read(source, event -> {
                if (events.incrementAndGet() == 400) {
                    throw thrown;
                }
            })));
            ParallelReads.assertNoParserThreads();
        }
    }

    @Test
    void whatTheSinkThrowsSurfacesAsItIsAndStopsTheThreads() throws Exception {
        EventLogSource source = EventLogLocator.locate(TestLogs.spark42("single-zstd").toString()).get(0);
        assertTrue(ParallelReads.outcome(source, AT_ONCE, EventLogReader.DEFAULT_MAX_LINE_BYTES).events().size() > 20);
        for (EventLogReader.Parallelism parallelism : List.of(EventLogReader.Parallelism.SEQUENTIAL, AT_ONCE)) {
            IllegalStateException thrown = new IllegalStateException("the sink refuses event 20");
            AtomicInteger events = new AtomicInteger();
            IllegalStateException caught = assertThrows(IllegalStateException.class, () -> new EventLogReader(
                    bytes -> {
                    }, EventLogReader.DEFAULT_MAX_LINE_BYTES, parallelism).read(source, event -> {
                        if (events.incrementAndGet() == 20) {
                            throw thrown;
                        }
                    }), parallelism.toString());
            assertSame(thrown, caught);
            assertEquals(20, events.get());
        }
        ParallelReads.assertNoParserThreads();
    }

    @Test
    void anInterruptedReadEndsAndLeavesNoThreadAndTheInterruptSet() throws Exception {
        EventLogSource source = EventLogLocator.locate(TestLogs.spark42("single-plain").toString()).get(0);
        AtomicInteger events = new AtomicInteger();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                new EventLogReader(bytes -> {
                }, EventLogReader.DEFAULT_MAX_LINE_BYTES, AT_ONCE).read(source, event -> {
                    if (events.incrementAndGet() == 50) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (CancellationException | EventLogException e) {
                // Either the fold's wait was interrupted, or the file's channel was closed by the interrupt.
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "interrupted-reader");
        reader.start();
        reader.join();
        assertTrue(events.get() >= 50);
        assertTrue(stillInterrupted.get(), "the interrupt was swallowed");
        ParallelReads.assertNoParserThreads();
    }

    private static boolean parserThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("sparkdoc-parser-"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
