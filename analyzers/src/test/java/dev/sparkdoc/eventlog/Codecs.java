package dev.sparkdoc.eventlog;

import com.github.luben.zstd.ZstdOutputStream;
import com.ning.compress.lzf.LZFOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import org.xerial.snappy.SnappyOutputStream;

/** Writes test logs with the libraries Spark writes them with, one line per flush (as Spark flushes per event). */
final class Codecs {

    private Codecs() {
    }

    static OutputStream encoder(CompressionCodec codec, OutputStream out) throws IOException {
        return switch (codec) {
            case NONE -> out;
            case LZ4 -> new LZ4BlockOutputStream(out);
            case LZF -> new LZFOutputStream(out);
            case SNAPPY -> new SnappyOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out);
            case GZIP -> new GZIPOutputStream(out, true);
        };
    }

    /** {@code lines}, each followed by '\n' and a flush, compressed with {@code codec}. */
    static byte[] encodeLines(CompressionCodec codec, List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = encoder(codec, bytes)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code data} compressed with {@code codec}, in one write. */
    static byte[] encode(CompressionCodec codec, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = encoder(codec, bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
