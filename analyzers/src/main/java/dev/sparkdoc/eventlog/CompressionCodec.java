package dev.sparkdoc.eventlog;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.ning.compress.lzf.LZFInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.xerial.snappy.SnappyInputStream;

/**
 * The compression codecs event logs come in, decoded with the libraries Spark itself writes them with.
 * Spark picks the codec from the file name; {@link #sniff} recognises a stream by its first bytes for
 * stdin and for files renamed by hand.
 */
public enum CompressionCodec {
    NONE("none"),
    /** lz4-java's block stream ({@code LZ4BlockOutputStream}), not the LZ4 frame format. */
    LZ4("lz4"),
    LZF("lzf"),
    /** snappy-java's stream format ({@code SnappyOutputStream}), not the Snappy framing format. */
    SNAPPY("snappy"),
    /** Concatenated zstd frames; Spark closes a frame on every flush. */
    ZSTD("zstd"),
    /** Databricks' rolled {@code eventlog-*.gz} parts. */
    GZIP("gz");

    /** Suffixes of compression formats Spark never writes; a file with one of them is refused by name. */
    private static final Set<String> UNSUPPORTED_SUFFIXES = Set.of("bz2", "xz", "deflate", "br", "lz", "7z", "zip", "z");

    private static final int LZ4_CHECKSUM_SEED = 0x9747b28c;
    /**
     * The largest snappy chunk read: Spark writes 32 KiB blocks (spark.io.compression.snappy.blockSize); snappy-java
     * would otherwise allocate whatever (up to 512 MiB) a corrupt chunk header announces.
     */
    private static final int MAX_SNAPPY_CHUNK = 64 * 1024 * 1024;

    private final String suffix;

    CompressionCodec(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** The result of looking at a file name: a codec, no codec in the name, or a codec sparkdoc cannot read. */
    public sealed interface NameVerdict {
        record Known(CompressionCodec codec) implements NameVerdict {
        }

        record NotInName() implements NameVerdict {
        }

        record Unsupported(String suffix) implements NameVerdict {
        }
    }

    /** Spark's rule: strip {@code .compact}, then {@code .inprogress}, then take the text after the last dot. */
    public static NameVerdict fromFileName(String fileName) {
        String name = fileName;
        if (name.endsWith(".compact")) {
            name = name.substring(0, name.length() - ".compact".length());
        }
        if (name.endsWith(".inprogress")) {
            name = name.substring(0, name.length() - ".inprogress".length());
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return new NameVerdict.NotInName();
        }
        String suffix = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (suffix) {
            case "lz4" -> new NameVerdict.Known(LZ4);
            case "lzf" -> new NameVerdict.Known(LZF);
            case "snappy" -> new NameVerdict.Known(SNAPPY);
            case "zstd", "zst" -> new NameVerdict.Known(ZSTD);
            case "gz", "gzip" -> new NameVerdict.Known(GZIP);
            default -> UNSUPPORTED_SUFFIXES.contains(suffix)
                    ? new NameVerdict.Unsupported(suffix) : new NameVerdict.NotInName();
        };
    }

    /** Recognises a codec from a stream's first bytes; empty when none matches. */
    public static Optional<CompressionCodec> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0x28, 0xB5, 0x2F, 0xFD)) {
            return Optional.of(ZSTD);
        }
        if (startsWith(head, length, 'L', 'Z', '4', 'B', 'l', 'o', 'c', 'k')) {
            return Optional.of(LZ4);
        }
        if (startsWith(head, length, 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0)) {
            return Optional.of(SNAPPY);
        }
        if (startsWith(head, length, 'Z', 'V') && length > 2 && (head[2] == 0 || head[2] == 1)) {
            return Optional.of(LZF);
        }
        if (startsWith(head, length, 0x1F, 0x8B)) {
            return Optional.of(GZIP);
        }
        return Optional.empty();
    }

    /**
     * A stream whose reads never ask for more than {@code available()}: the decoded rest of the current chunk.
     * snappy-java's {@code read(byte[], int, int)} fills the buffer across chunks and, when the next chunk is
     * corrupt, throws away what it had already copied; asked for one chunk at a time, it loses nothing.
     */
    private static InputStream chunkBounded(InputStream decoder) {
        return new java.io.FilterInputStream(decoder) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int available = in.available();
                if (available <= 0) {
                    int b = in.read();
                    if (b < 0) {
                        return -1;
                    }
                    buffer[offset] = (byte) b;
                    return 1;
                }
                return in.read(buffer, offset, Math.min(length, available));
            }
        };
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != (magic[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Wraps a raw stream in this codec's decoder, strictly: a stream cut short is an error. */
    public InputStream decode(InputStream raw) throws IOException {
        return decode(raw, false);
    }

    /**
     * Wraps a raw stream in this codec's decoder. {@code continuous} is for a log still being written (Spark's
     * {@code compressedContinuousInputStream}): a zstd frame cut short at the end is not an error but the end of what
     * was written so far. For a log that claims to be complete, a cut is an error that the reader reports.
     */
    public InputStream decode(InputStream raw, boolean continuous) throws IOException {
        return switch (this) {
            case NONE -> raw;
            // The safe decompressor checks every block's bounds against the input; the fast one trusts the
            // lengths a hostile or damaged log gives it. (Its speed against the fast one is not measured here.)
            case LZ4 -> LZ4BlockInputStream.newBuilder()
                    .withDecompressor(LZ4Factory.fastestInstance().safeDecompressor())
                    .withChecksum(XXHashFactory.fastestInstance().newStreamingHash32(LZ4_CHECKSUM_SEED).asChecksum())
                    .withStopOnEmptyBlock(false)
                    .build(raw);
            case LZF -> new LZFInputStream(raw);
            case SNAPPY -> chunkBounded(new SnappyInputStream(raw, MAX_SNAPPY_CHUNK));
            case ZSTD -> {
                if (continuous) {
                    yield new ZstdInputStreamNoFinalizer(raw, RecyclingBufferPool.INSTANCE).setContinuous(true);
                }
                ZstdFrames frames = new ZstdFrames(raw);
                yield ZstdFrames.checkedEnd(new ZstdInputStreamNoFinalizer(frames, RecyclingBufferPool.INSTANCE), frames);
            }
            case GZIP -> new GzipMembers(raw);
        };
    }
}
