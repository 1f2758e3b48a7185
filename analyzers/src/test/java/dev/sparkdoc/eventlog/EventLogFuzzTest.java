package dev.sparkdoc.eventlog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sparkdoc.analysis.EventLogAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing of the event-log reader with Jazzer: the line parser on its own, and every codec stream
 * fed through the whole reading path (locate, decode, split lines, parse, fold, snapshot). The only exceptions
 * allowed are the documented input errors: {@link IOException} from the line parser, {@link EventLogException}
 * from reading a log. Anything else (an unchecked exception, an {@link Error}, a hang) is a bug.
 *
 * <p>In the default build, each {@code @FuzzTest} runs only its regression inputs: the files under
 * {@code src/test/resources/dev/sparkdoc/eventlog/EventLogFuzzTestInputs/<method>/} (crashes found earlier, kept
 * once fixed, and seed lines). To fuzz for real, from the repository root, one method at a time (Jazzer fuzzes
 * one {@code @FuzzTest} per run and stops at its first finding):
 * <pre>
 * JAZZER_FUZZ=1 mvn -o -B -pl analyzers -am test -Dtest='EventLogFuzzTest#zstd' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * A campaign lasts the method's {@code @FuzzTest(maxDuration)}, 2 minutes here (jazzer-junit 0.24 has no
 * command-line override): set it to, say, {@code "30m"} for a longer one. Jazzer writes a crashing input into that
 * method's inputs directory: fix the bug, keep the file, and it stays a regression case. Its working corpus goes to
 * {@code analyzers/.cifuzz-corpus/} (ignored by git).
 */
class EventLogFuzzTest {

    private static final Path WORK = work();

    private static Path work() {
        try {
            Path directory = Files.createTempDirectory("sparkdoc-fuzz-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void lineParser(byte[] line) {
        try {
            new EventLineParser().parse(line, 0, line.length);
        } catch (IOException expected) {
            // Not an event: the reader counts it as a malformed line.
        }
    }

    @FuzzTest(maxDuration = "2m")
    void plain(FuzzedDataProvider data) throws IOException {
        readThroughTheReader(CompressionCodec.NONE, data);
    }

    @FuzzTest(maxDuration = "2m")
    void lz4(FuzzedDataProvider data) throws IOException {
        readThroughTheReader(CompressionCodec.LZ4, data);
    }

    @FuzzTest(maxDuration = "2m")
    void lzf(FuzzedDataProvider data) throws IOException {
        readThroughTheReader(CompressionCodec.LZF, data);
    }

    @FuzzTest(maxDuration = "2m")
    void snappy(FuzzedDataProvider data) throws IOException {
        readThroughTheReader(CompressionCodec.SNAPPY, data);
    }

    @FuzzTest(maxDuration = "2m")
    void zstd(FuzzedDataProvider data) throws IOException {
        readThroughTheReader(CompressionCodec.ZSTD, data);
    }

    @FuzzTest(maxDuration = "2m")
    void gzip(FuzzedDataProvider data) throws IOException {
        readThroughTheReader(CompressionCodec.GZIP, data);
    }

    /**
     * Lines from the fuzzer, compressed with {@code codec} into a valid stream, then damaged as the fuzzer says: cut
     * short, bytes overwritten, bytes appended. So the fuzzer reaches both the decoders' error paths and, through
     * valid streams, the line splitter and parser behind them. The file is named with the codec's suffix, or has no
     * suffix (the codec is then sniffed) when the fuzzer says so.
     */
    private static void readThroughTheReader(CompressionCodec codec, FuzzedDataProvider data) throws IOException {
        boolean named = data.consumeBoolean();
        boolean inProgress = data.consumeBoolean();
        int cut = data.consumeInt(0, Integer.MAX_VALUE);
        boolean doCut = data.consumeBoolean();
        int overwrites = data.consumeInt(0, 4);
        int[] positions = new int[overwrites];
        byte[] values = new byte[overwrites];
        for (int i = 0; i < overwrites; i++) {
            positions[i] = data.consumeInt(0, Integer.MAX_VALUE);
            values[i] = data.consumeByte();
        }
        byte[] tail = data.consumeBytes(data.consumeInt(0, 32));
        byte[] text = data.consumeRemainingAsBytes();

        byte[] raw = codec == CompressionCodec.NONE ? text : Codecs.encode(codec, text);
        if (doCut) {
            raw = java.util.Arrays.copyOf(raw, Math.floorMod(cut, raw.length + 1));
        }
        for (int i = 0; i < overwrites && raw.length > 0; i++) {
            raw[Math.floorMod(positions[i], raw.length)] = values[i];
        }
        byte[] file = java.util.Arrays.copyOf(raw, raw.length + tail.length);
        System.arraycopy(tail, 0, file, raw.length, tail.length);

        String name = "app" + (named && codec != CompressionCodec.NONE ? "." + codec.suffix() : "")
                + (inProgress ? ".inprogress" : "");
        Path log = WORK.resolve(name);
        Files.write(log, file);
        try {
            List<EventLogSource> sources = EventLogLocator.locate(log.toString());
            for (EventLogSource source : sources) {
                EventLogAnalysis.analyze(source);
            }
        } catch (EventLogException expected) {
            // Input sparkdoc refuses with one clear line.
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
