package dev.sparkdoc.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkdoc.event.SparkEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile input the reader must survive without losing what it can read, without a stack trace and
 * without unbounded memory: damaged codec streams, odd line ends, over-long lines, broken layouts, symlink loops.
 * Built from the real Spark 4.2.0 plain log in test resources.
 */
class HostileInputTest {

    private static final List<CompressionCodec> CODECS = List.of(CompressionCodec.LZ4, CompressionCodec.LZF,
            CompressionCodec.SNAPPY, CompressionCodec.ZSTD, CompressionCodec.GZIP);

    static List<String> plainLines() throws IOException {
        return Files.readAllLines(TestLogs.spark42("single-plain"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
    }

    /** The events and summary of reading {@code file} as one log. */
    record Reading(List<SparkEvent> events, ReadSummary summary) {
    }

    static Reading read(Path file) throws EventLogException {
        List<EventLogSource> sources = EventLogLocator.locate(file.toString());
        assertEquals(1, sources.size(), "one log at " + file);
        List<SparkEvent> events = new ArrayList<>();
        ReadSummary summary = new EventLogReader().read(sources.get(0), events::add);
        return new Reading(events, summary);
    }

    static long events(List<String> lines) throws Exception {
        List<SparkEvent> events = new ArrayList<>();
        EventLineParser parser = new EventLineParser();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (parser.parse(bytes, 0, bytes.length) instanceof EventLineParser.Result.Parsed parsed) {
                events.add(parsed.event());
            }
        }
        return events.size();
    }

    // ------------------------------------------------------------------ codec errors keep what was decoded

    @Test
    void aSmallCompressedLogWithTrailingGarbageKeepsEveryEventAndWarns(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines().subList(0, 10);
        for (CompressionCodec codec : CODECS) {
            byte[] clean = Codecs.encodeLines(codec, lines);
            byte[] damaged = Arrays.copyOf(clean, clean.length + 64);
            Arrays.fill(damaged, clean.length, damaged.length, (byte) 0x5A);
            Path file = temp.resolve("app." + codec.suffix());
            Files.write(file, damaged);

            Reading reading = read(file);
            assertEquals(events(lines), reading.summary().events(), codec + ": every event before the garbage");
            if (codec == CompressionCodec.GZIP) {
                // Java's GZIPInputStream, like gzip itself, ends at bytes after a member that are not another one.
                continue;
            }
            assertTrue(reading.summary().streamError().isPresent(), codec + ": the garbage is reported");
            assertTrue(reading.summary().streamError().get().contains("after line 10"),
                    codec + ": " + reading.summary().streamError().get());
        }
    }

    /**
     * The lines a careful decoder gets out of {@code raw} before its error: one byte at a time, so that nothing it
     * decoded is lost with the exception. Every codec's single-byte read fetches the next block only when it holds
     * no decoded byte.
     */
    static List<String> completeLinesBeforeTheError(CompressionCodec codec, byte[] raw) throws IOException {
        java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();
        try (java.io.InputStream in = codec.decode(new java.io.ByteArrayInputStream(raw))) {
            int b;
            while ((b = in.read()) >= 0) {
                decoded.write(b);
            }
        } catch (IOException | RuntimeException | Error e) {
            // The damage: everything before it is in decoded.
        }
        String text = decoded.toString(StandardCharsets.UTF_8);
        int lastEnd = text.lastIndexOf('\n');
        return lastEnd < 0 ? List.of() : List.of(text.substring(0, lastEnd).split("\n"));
    }

    @Test
    void aCutKeepsEveryLineDecodedBeforeItNotJustThoseOfEarlierChunks(@TempDir Path temp) throws Exception {
        // 480 KB of lines: more than one 256 KiB read, so the old reader lost every line of the chunk being read.
        List<String> lines = plainLines();
        for (CompressionCodec codec : CODECS) {
            byte[] all = Codecs.encodeLines(codec, lines);
            for (int cut : new int[] {all.length - 40, all.length * 3 / 4, all.length / 3}) {
                byte[] damaged = Arrays.copyOf(all, cut);
                Path file = temp.resolve("cut" + cut + "." + codec.suffix());
                Files.write(file, damaged);
                List<String> expected = completeLinesBeforeTheError(codec, damaged);
                assertFalse(expected.isEmpty(), codec + " cut at " + cut + ": a fixture that keeps lines");

                Reading reading = read(file);
                assertEquals(events(expected), reading.summary().events(), codec + " cut at " + cut + ": "
                        + reading.summary());
                assertTrue(reading.summary().streamError().isPresent(), codec + ": the cut is reported");
            }
        }
    }

    @Test
    void garbageAfterASnappyStreamIsAWarningNotAnError(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        byte[] clean = Codecs.encodeLines(CompressionCodec.SNAPPY, lines);
        // A chunk header announcing a huge chunk, then nothing: snappy-java throws an Error here.
        byte[] tail = {0x7F, 0x7F, 0x7F, 0x7F, 1, 2, 3};
        byte[] damaged = Arrays.copyOf(clean, clean.length + tail.length);
        System.arraycopy(tail, 0, damaged, clean.length, tail.length);
        Path file = temp.resolve("app.snappy");
        Files.write(file, damaged);

        Reading reading = read(file);
        assertEquals(events(lines), reading.summary().events());
        assertTrue(reading.summary().streamError().orElseThrow().contains(file.toString()));
    }

    @Test
    void aZstdLogCutInsideItsSecondFrameIsReportedTruncated(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        byte[] first = Codecs.encode(CompressionCodec.ZSTD,
                String.join("\n", lines.subList(0, 60)).concat("\n").getBytes(StandardCharsets.UTF_8));
        byte[] second = Codecs.encode(CompressionCodec.ZSTD,
                String.join("\n", lines.subList(60, lines.size())).concat("\n").getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(first, first.length + second.length / 2);
        System.arraycopy(second, 0, cut, first.length, second.length / 2);
        Path file = temp.resolve("app.zstd");
        Files.write(file, cut);

        Reading reading = read(file);
        assertTrue(reading.summary().events() >= events(lines.subList(0, 60)));
        assertTrue(reading.summary().streamError().isPresent(), "a cut frame is not the end of the log: "
                + reading.summary());
    }

    @Test
    void aTruncatedDatabricksPartDoesNotHideTheIntactOnes(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        Path directory = Files.createDirectories(temp.resolve("eventlog-dir"));
        byte[] rolled = Codecs.encodeLines(CompressionCodec.GZIP, lines.subList(0, 60));
        Files.write(directory.resolve("eventlog-2024-01-01--10-00.gz"), Arrays.copyOf(rolled, rolled.length / 2));
        Files.write(directory.resolve("eventlog"),
                (String.join("\n", lines.subList(60, lines.size())) + "\n").getBytes(StandardCharsets.UTF_8));

        Reading reading = read(directory);
        assertTrue(reading.summary().events() >= events(lines.subList(60, lines.size())),
                "the intact eventlog part is read: " + reading.summary());
        assertTrue(reading.summary().streamError().orElseThrow().contains("eventlog-2024-01-01--10-00.gz"));
    }

    // ------------------------------------------------------------------ line ends and byte-order mark

    @Test
    void carriageReturnsAndCrLfEndLinesLikeNewlines(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        long expected = events(lines);
        for (String end : List.of("\r", "\r\n", "\n")) {
            for (CompressionCodec codec : List.of(CompressionCodec.NONE, CompressionCodec.ZSTD)) {
                Path file = temp.resolve("app-" + end.length() + end.hashCode() + "." + codec.suffix());
                byte[] text = (String.join(end, lines) + end).getBytes(StandardCharsets.UTF_8);
                Files.write(file, codec == CompressionCodec.NONE ? text : Codecs.encode(codec, text));
                Reading reading = read(file);
                assertEquals(expected, reading.summary().events(), codec + " with " + end.replace("\r", "CR"));
                assertEquals(lines.size(), reading.summary().lines(), "no empty line between \\r and \\n");
                assertEquals(0, reading.summary().malformedLineCount());
            }
        }
    }

    @Test
    void aCrLfSplitBetweenTwoReadsIsOneLineEnd(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        // Pad the first line so that its '\r' is the last byte of the first 256 KiB read and its '\n' the first
        // of the next.
        String first = lines.get(0);
        int chunk = 256 * 1024;
        String padded = first + " ".repeat(chunk - first.length() - 1);
        List<String> all = new ArrayList<>(lines);
        all.set(0, padded);
        Path file = temp.resolve("split");
        Files.write(file, (String.join("\r\n", all) + "\r\n").getBytes(StandardCharsets.UTF_8));
        Reading reading = read(file);
        assertEquals(lines.size(), reading.summary().lines());
        assertEquals(events(lines), reading.summary().events());
        assertEquals(0, reading.summary().malformedLineCount());
    }

    @Test
    void aUtf8ByteOrderMarkAtTheStartIsSkipped(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        for (CompressionCodec codec : List.of(CompressionCodec.NONE, CompressionCodec.LZ4)) {
            Path file = temp.resolve("bom." + codec.suffix());
            Files.write(file, codec == CompressionCodec.NONE ? withBom : Codecs.encode(codec, withBom));
            Reading reading = read(file);
            assertEquals(events(lines), reading.summary().events(), codec.toString());
            assertEquals(0, reading.summary().malformedLineCount(), codec.toString());
        }
    }

    // ------------------------------------------------------------------ bounded memory

    @Test
    void aLineLongerThanTheLimitIsSkippedAndNamedWithTheWayToRaiseIt(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(plainLines());
        lines.add(5, "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"" + "x".repeat(300_000) + "\"}");
        Path file = temp.resolve("long.zstd");
        Files.write(file, Codecs.encodeLines(CompressionCodec.ZSTD, lines));
        EventLogSource source = EventLogLocator.locate(file.toString()).get(0);

        ReadSummary summary = new EventLogReader(bytes -> {
        }, 100_000).read(source, event -> {
        });
        assertEquals(events(plainLines()), summary.events());
        assertEquals(1, summary.malformedLineCount());
        ReadSummary.LineProblem problem = summary.malformedLines().get(0);
        assertEquals(6, problem.lineNumber());
        assertTrue(problem.problem().contains("longer than 100000 bytes"), problem.problem());
        assertTrue(problem.problem().contains("--max-line-bytes"), problem.problem());

        ReadSummary raised = new EventLogReader(bytes -> {
        }, 1_000_000).read(source, event -> {
        });
        assertEquals(0, raised.malformedLineCount(), "a raised limit reads the line");
    }

    @Test
    void aGzipBombWithoutNewlinesIsRefusedAsOneOverLongLine(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("bomb.gz");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = Codecs.encoder(CompressionCodec.GZIP, Files.newOutputStream(file))) {
            for (int i = 0; i < 96; i++) {
                out.write(zeros);
            }
        }
        EventLogException refused = assertThrows(EventLogException.class, () -> read(file));
        assertTrue(refused.getMessage().contains("longer than " + EventLogReader.DEFAULT_MAX_LINE_BYTES),
                refused.getMessage());
        assertTrue(refused.getMessage().startsWith(file + ":1: "), refused.getMessage());
    }

    @Test
    void symlinkLoopsAndDuplicateLinksGiveEachLogOnce(@TempDir Path temp) throws Exception {
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Files.copy(TestLogs.spark42("single-plain"), logs.resolve("app-1"));
        Path nested = Files.createDirectories(logs.resolve("nested"));
        Files.createSymbolicLink(nested.resolve("up"), logs);
        Files.createSymbolicLink(nested.resolve("self"), nested);
        Files.createSymbolicLink(logs.resolve("again"), logs.resolve("app-1"));
        for (int i = 0; i < 5; i++) {
            Files.createSymbolicLink(nested.resolve("root" + i), temp);
        }
        List<EventLogSource> sources = EventLogLocator.locate(logs.toString());
        assertEquals(1, sources.size(), sources.toString());
    }

    // ------------------------------------------------------------------ rolling layout

    @Test
    void aRollingLogWithAMissingPartIsRefusedNamingThePart(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        Path directory = Files.createDirectories(temp.resolve("eventlog_v2_local-1"));
        Files.writeString(directory.resolve("appstatus_local-1"), "");
        Files.write(directory.resolve("events_1_local-1"), lines.subList(0, 40));
        Files.write(directory.resolve("events_2_local-1"), lines.subList(40, 80));
        Files.write(directory.resolve("events_4_local-1"), lines.subList(80, lines.size()));
        EventLogException refused = assertThrows(EventLogException.class,
                () -> EventLogLocator.locate(directory.toString()));
        assertTrue(refused.getMessage().contains("missing part 3"), refused.getMessage());
    }

    @Test
    void aBrokenLogInATreeIsRefusedWhenReadWithoutHidingTheOthers(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        Path tree = Files.createDirectories(temp.resolve("logs"));
        Files.copy(TestLogs.spark42("single-plain"), tree.resolve("app-1"));
        Path directory = Files.createDirectories(tree.resolve("eventlog_v2_local-2"));
        Files.writeString(directory.resolve("appstatus_local-2"), "");
        Files.write(directory.resolve("events_1_local-2"), lines.subList(0, 40));
        Files.write(directory.resolve("events_3_local-2"), lines.subList(40, lines.size()));

        List<EventLogSource> sources = EventLogLocator.locate(tree.toString());
        assertEquals(2, sources.size(), sources.toString());
        int refused = 0;
        for (EventLogSource source : sources) {
            try {
                assertEquals(events(lines), new EventLogReader().read(source, event -> {
                }).events());
            } catch (EventLogException e) {
                assertTrue(e.getMessage().contains("missing part 2"), e.getMessage());
                refused++;
            }
        }
        assertEquals(1, refused);
    }

    @Test
    void aRollingPartIndexLargerThanALongIsAnInputError(@TempDir Path temp) throws Exception {
        Path directory = Files.createDirectories(temp.resolve("eventlog_v2_local-1"));
        Files.writeString(directory.resolve("appstatus_local-1"), "");
        Files.write(directory.resolve("events_1_local-1"), plainLines());
        Files.write(directory.resolve("events_99999999999999999999999_local-1"), plainLines());
        EventLogException refused = assertThrows(EventLogException.class,
                () -> EventLogLocator.locate(directory.toString()));
        assertTrue(refused.getMessage().contains("larger than any index"), refused.getMessage());
    }

    @Test
    void contiguousRollingPartsAfterACompactedOneAreRead(@TempDir Path temp) throws Exception {
        List<String> lines = plainLines();
        Path directory = Files.createDirectories(temp.resolve("eventlog_v2_local-1"));
        Files.writeString(directory.resolve("appstatus_local-1"), "");
        // Parts before the compacted one are gone after compaction: no gap to report.
        Files.write(directory.resolve("events_3_local-1.compact"), lines.subList(0, 80));
        Files.write(directory.resolve("events_4_local-1"), lines.subList(80, lines.size()));
        Reading reading = read(directory);
        assertEquals(events(lines), reading.summary().events());
    }

    // ------------------------------------------------------------------ malformed lines

    @Test
    void garbageLinesAreCountedWithTheirLineNumbers(@TempDir Path temp) throws Exception {
        List<String> lines = new ArrayList<>(plainLines());
        for (int i = 0; i < 1000; i++) {
            lines.add(3, "garbage " + i);
        }
        Path file = temp.resolve("garbage");
        Files.write(file, lines);
        Reading reading = read(file);
        assertEquals(events(plainLines()), reading.summary().events());
        assertEquals(1000, reading.summary().malformedLineCount());
        assertEquals(4, reading.summary().malformedLines().get(0).lineNumber());
        assertTrue(reading.summary().malformedLines().size() <= 20, "the warnings kept are capped");
    }
}
